import { ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showConfirmDialog, showFailToast, showSuccessToast } from 'vant';
import 'vant/es/dialog/style/index';
import 'vant/es/toast/style/index';
import {
  ApiError,
  type LoanDetail,
  type LoanListQuery,
  type ReadinessBlocker,
} from '@zhangyi/contracts';
import {
  actOnLoan,
  disinfectDevice,
  fetchLendingMe,
  fetchLoan,
  fetchLoans,
  fetchOverrides,
  fetchScan,
  handOver,
  rejectLoan,
  requestOverride,
  returnDevice,
  type SimpleLoanAction,
} from '../api/lending';
import { labelTokenFrom } from '../lending/loans';
import { useSessionStore } from '../stores/session';
import { scanCode } from '../wechat/calls';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

// One read of 个人 for the four tabs; a tab that changes counts reloads it.
const meLoader = {
  current: null as ReturnType<
    typeof useLoader<Awaited<ReturnType<typeof fetchLendingMe>>, []>
  > | null,
};

/** Who I am in the lending centre (department, applicant or manager, counts), shared by the tabs. */
export function useLendingMe() {
  const session = useSessionStore();
  if (!meLoader.current) {
    meLoader.current = useLoader(fetchLendingMe);
    void meLoader.current
      .load()
      .then(() => session.signInAgainIfSignedOut(meLoader.current?.error.value));
  }
  return meLoader.current;
}

/** A page of loans for a query, reloaded when the query changes. */
export function useLoanList(query: () => LoanListQuery) {
  const loader = useLoader(fetchLoans);
  const session = useSessionStore();
  watch(
    query,
    async (value) => {
      loader.data.value = null;
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true, deep: true },
  );
  return loader;
}

/**
 * Scanning a device label in WeChat (`wx.scanQRCode` with `needResult: 1`) and reading its token;
 * null when the scanner was closed or the code is not one of our labels (said in a toast).
 */
export function useLabelScan() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  return async (): Promise<string | null> => {
    let text: string | null;
    try {
      text = await scanCode();
    } catch (cause) {
      showFailToast(cause instanceof ApiError ? describe(cause) : t('lending.scanUnavailable'));
      return null;
    }
    if (text === null) return null;
    const token = labelTokenFrom(text);
    if (!token) showFailToast(t('lending.notALabel'));
    return token;
  };
}

/**
 * A loan and what the viewer may do with it: the applicant's cancel and return request, the
 * manager's decisions, handover by scan (asking for a two-manager override when a gate blocks),
 * return by scan with the condition check, and disinfection.
 */
export function useLoan(id: () => string) {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const loader = useLoader(fetchLoan);
  const scan = useLabelScan();
  const busy = ref(false);

  watch(
    id,
    async (value) => {
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true },
  );

  async function run(work: () => Promise<LoanDetail | null>, done: string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    try {
      const loan = await work();
      if (!loan) return false;
      loader.data.value = loan;
      meLoader.current?.retry();
      showSuccessToast(done);
      return true;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
      await loader.retry();
      return false;
    } finally {
      busy.value = false;
    }
  }

  const simple = (action: SimpleLoanAction, note?: string) =>
    run(() => actOnLoan(id(), action, note), t(`lending.done.${action}`));

  const reject = (reason: string) => run(() => rejectLoan(id(), reason), t('lending.done.reject'));

  /** Asks a second manager to let a blocked device go, after the reader agrees. */
  async function offerOverride(deviceId: string, blockers: ReadinessBlocker[]): Promise<null> {
    const names = blockers.map((b) => t(`lending.blockers.${b}`)).join('、');
    const agreed = await showConfirmDialog({
      title: t('lending.notReady'),
      message: t('lending.overrideAsk', { blockers: names }),
      confirmButtonText: t('lending.overrideRequest'),
    }).then(
      () => true,
      () => false,
    );
    if (agreed) {
      await requestOverride({
        loanId: id(),
        deviceId,
        reason: t('lending.overrideReason', { blockers: names }),
      });
      showSuccessToast(t('lending.overrideRequested'));
    }
    return null;
  }

  /** Hands over the device whose label is scanned now. */
  async function handoverByScan(): Promise<boolean> {
    const token = await scan();
    if (!token) return false;
    return run(async () => {
      const context = await fetchScan(token);
      const deviceId = context.device.deviceId;
      const granted = (await fetchOverrides()).find(
        (o) => o.status === 'granted' && o.loanId === id() && o.deviceId === deviceId,
      );
      try {
        return await handOver(id(), {
          labelToken: token,
          ...(granted && { overrideId: granted.id }),
        });
      } catch (cause) {
        if (cause instanceof ApiError && cause.code === 'DEVICE_NOT_READY') {
          const blockers = ((cause.details as { blockers?: ReadinessBlocker[] } | undefined)
            ?.blockers ?? context.device.blockers) as ReadinessBlocker[];
          return offerOverride(deviceId, blockers);
        }
        throw cause;
      }
    }, t('lending.done.handover'));
  }

  /** Takes back a scanned device with the condition the manager saw; damaged opens a repair ticket. */
  async function returnByScan(
    check: { condition: 'ok' | 'damaged'; note: string },
    token: string,
  ): Promise<boolean> {
    let ticketNo: string | null = null;
    const ok = await run(async () => {
      const answer = await returnDevice({
        labelToken: token,
        condition: check.condition,
        ...(check.note.trim() && { note: check.note.trim() }),
      });
      ticketNo = answer.ticketNo;
      return answer.loan;
    }, t('lending.done.return'));
    if (ok && ticketNo) showSuccessToast(t('lending.repairOpened', { no: ticketNo }));
    return ok;
  }

  /** Confirms a scanned returned device disinfected. */
  async function disinfectByScan(): Promise<boolean> {
    const token = await scan();
    if (!token) return false;
    return run(async () => {
      await disinfectDevice(token);
      return fetchLoan(id());
    }, t('lending.done.disinfect'));
  }

  return { ...loader, busy, simple, reject, scan, handoverByScan, returnByScan, disinfectByScan };
}
