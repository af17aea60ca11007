import { computed, reactive, ref, shallowRef } from 'vue';
import type {
  LoanAction,
  LoanDetail,
  Override,
  PoolDevice,
  ReadinessBlocker,
} from '@zhangyi/contracts';
import {
  approveLoan,
  cancelLoan,
  confirmLoan,
  disinfectDevice,
  fetchLoan,
  handOver,
  listOverrides,
  listPoolDevices,
  rejectLoan,
  requestOverride,
  returnDevice,
} from '../api/lending';
import {
  devicesOut,
  devicesToDisinfect,
  grantedOverride,
  handoverChoices,
  overrideChoices,
} from '../lendingLoans';

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
  const overrides = shallowRef<Override[]>([]);
  /** The override just asked for: a second manager must grant it before the handover. */
  const requested = shallowRef<Override | null>(null);
  const loadingPool = ref(false);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  /** The repair ticket a damaged return opened. */
  const ticketNo = ref<string | null>(null);

  /** Devices to choose; `blockers` non-empty: blocked, handed over only with an override. */
  const deviceChoices = computed<{ id: string; label: string; blockers: ReadinessBlocker[] }[]>(
    () => {
      const current = loan.value;
      if (!current) return [];
      if (action.value === 'handover') {
        return [
          ...handoverChoices(current, pool.value),
          ...overrideChoices(current, pool.value),
        ].map((device) => ({
          id: device.deviceId,
          label: `${device.assetNo} · ${device.name}`,
          blockers: device.readiness === 'blocked' ? device.blockers : [],
        }));
      }
      const lines =
        action.value === 'return'
          ? devicesOut(current)
          : action.value === 'disinfect'
            ? devicesToDisinfect(current)
            : [];
      return lines.map((line) => ({
        id: line.deviceId,
        label: `${line.assetNo} · ${line.name}`,
        blockers: [],
      }));
    },
  );

  /** The granted override the handover of the chosen device will use. */
  const override = computed(() =>
    loan.value ? grantedOverride(overrides.value, loan.value.id, form.deviceId) : undefined,
  );
  /** The chosen device is blocked and no override is granted yet: ask for one instead. */
  const needsOverride = computed(
    () =>
      action.value === 'handover' &&
      !override.value &&
      deviceChoices.value.some((c) => c.id === form.deviceId && c.blockers.length > 0),
  );

  const needsDevice = computed(() => ['handover', 'return', 'disinfect'].includes(action.value));
  const missing = computed(
    () =>
      (action.value === 'reject' && form.reason.trim() === '') ||
      (needsDevice.value && form.deviceId === '') ||
      needsOverride.value,
  );

  /** Opens the form for an action the loan offered. */
  async function reset(detail: LoanDetail, next: LoanAction): Promise<void> {
    loan.value = detail;
    action.value = next;
    Object.assign(form, { note: '', reason: '', deviceId: '', condition: 'ok' });
    serverError.value = null;
    ticketNo.value = null;
    pool.value = [];
    overrides.value = [];
    requested.value = null;
    if (next === 'handover') {
      loadingPool.value = true;
      try {
        [pool.value, overrides.value] = await Promise.all([
          listPoolDevices({ categoryId: detail.categoryId }),
          listOverrides(),
        ]);
      } catch (error) {
        serverError.value = error;
      } finally {
        loadingPool.value = false;
      }
    }
    const [only] = deviceChoices.value;
    if (only && deviceChoices.value.length === 1) form.deviceId = only.id;
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
        return handOver(current.id, form.deviceId, override.value?.id);
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

  /** Asks a second manager to release the chosen blocked device for this loan. */
  async function askOverride(): Promise<Override | null> {
    const current = loan.value;
    const reason = form.reason.trim();
    if (!current || !form.deviceId || reason.length < 2) return null;
    saving.value = true;
    serverError.value = null;
    try {
      requested.value = await requestOverride(current.id, form.deviceId, reason);
      return requested.value;
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    loan,
    override,
    needsOverride,
    requested,
    askOverride,
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
