import { computed, reactive, ref, shallowRef } from 'vue';
import type { LoanAction, LoanDetail, PoolDevice } from '@zhangyi/contracts';
import {
  approveLoan,
  cancelLoan,
  confirmLoan,
  disinfectDevice,
  fetchLoan,
  handOver,
  listPoolDevices,
  rejectLoan,
  returnDevice,
} from '../api/lending';
import { devicesOut, devicesToDisinfect, handoverChoices } from '../lendingLoans';

/** Everything the action form may hold; each action sends only what it takes. */
export interface LoanActionForm {
  note: string;
  reason: string;
  deviceId: string;
  condition: 'ok' | 'damaged';
}

/**
 * One manager action on a loan from the console: the device to hand over, take back or disinfect,
 * the reason or note, and the server's refusal shown in the form.
 */
export function useLoanAction() {
  const loan = shallowRef<LoanDetail | null>(null);
  const action = ref<LoanAction>('approve');
  const form = reactive<LoanActionForm>({ note: '', reason: '', deviceId: '', condition: 'ok' });
  const pool = shallowRef<PoolDevice[]>([]);
  const loadingPool = ref(false);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  /** The repair ticket a damaged return opened. */
  const ticketNo = ref<string | null>(null);

  /** The devices the chosen action may apply to. */
  const deviceChoices = computed<{ id: string; label: string }[]>(() => {
    const current = loan.value;
    if (!current) return [];
    if (action.value === 'handover') {
      return handoverChoices(current, pool.value).map((device) => ({
        id: device.deviceId,
        label: `${device.assetNo} · ${device.name}`,
      }));
    }
    const lines =
      action.value === 'return'
        ? devicesOut(current)
        : action.value === 'disinfect'
          ? devicesToDisinfect(current)
          : [];
    return lines.map((line) => ({ id: line.deviceId, label: `${line.assetNo} · ${line.name}` }));
  });

  const needsDevice = computed(() => ['handover', 'return', 'disinfect'].includes(action.value));
  const missing = computed(
    () =>
      (action.value === 'reject' && form.reason.trim() === '') ||
      (needsDevice.value && form.deviceId === ''),
  );

  /** Opens the form for an action the loan offered. */
  async function reset(detail: LoanDetail, next: LoanAction): Promise<void> {
    loan.value = detail;
    action.value = next;
    Object.assign(form, { note: '', reason: '', deviceId: '', condition: 'ok' });
    serverError.value = null;
    ticketNo.value = null;
    pool.value = [];
    if (next === 'handover') {
      loadingPool.value = true;
      try {
        pool.value = await listPoolDevices({
          categoryId: detail.categoryId,
          readiness: 'available',
        });
      } catch (error) {
        serverError.value = error;
      } finally {
        loadingPool.value = false;
      }
    }
    if (deviceChoices.value.length === 1) form.deviceId = deviceChoices.value[0]!.id;
  }

  async function send(current: LoanDetail): Promise<LoanDetail> {
    const note = form.note.trim() || undefined;
    switch (action.value) {
      case 'approve':
        return approveLoan(current.id, note);
      case 'reject':
        return rejectLoan(current.id, form.reason.trim());
      case 'confirm':
        return confirmLoan(current.id, note);
      case 'cancel':
        return cancelLoan(current.id, note);
      case 'handover':
        return handOver(current.id, form.deviceId);
      case 'return': {
        const result = await returnDevice(form.deviceId, form.condition, note);
        ticketNo.value = result.ticketNo;
        return result.loan;
      }
      case 'disinfect':
        await disinfectDevice(form.deviceId);
        return fetchLoan(current.id);
      default:
        throw new Error(`not a console action: ${action.value}`);
    }
  }

  /** Sends the action; resolves to the loan after it, or null when refused. */
  async function submit(): Promise<LoanDetail | null> {
    const current = loan.value;
    if (!current || missing.value) return null;
    saving.value = true;
    serverError.value = null;
    try {
      return await send(current);
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    loan,
    action,
    form,
    pool,
    loadingPool,
    deviceChoices,
    needsDevice,
    missing,
    saving,
    serverError,
    ticketNo,
    reset,
    submit,
  };
}
