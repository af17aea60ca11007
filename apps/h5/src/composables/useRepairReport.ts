import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showSuccessToast } from 'vant';
import 'vant/es/toast/style/index';
import type { ReportBody, ReportContext, TicketDetail } from '@zhangyi/contracts';
import {
  fetchDeviceContext,
  fetchGenericFaultTypes,
  fetchLabelContext,
  fetchReporter,
  joinTicket,
  reportFault,
} from '../api/repair';
import { newClientKey } from '../repair/clientKey';
import { contactBody, contactProblems, type ContactProblem } from '../repair/contact';
import { faultTree, type FaultGroup } from '../repair/faultTree';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';
import { usePhotoPicker } from './usePhotoPicker';

/** Where the report page was opened from: a label, a chosen device, or neither. */
export interface ReportSource {
  token?: string;
  deviceId?: string;
  /** Reporting without a device: only the department. */
  departmentId?: string;
}

type Urgency = 'normal' | 'urgent' | 'critical';

/** The report context; without a device when the fault is reported for a department alone. */
export type ReportView = Omit<ReportContext, 'device'> & { device: ReportContext['device'] | null };

/** The context of a source: the device's, or for a department alone its fault types and reporter. */
async function loadContext(source: ReportSource): Promise<ReportView | null> {
  if (source.token) return fetchLabelContext(source.token);
  if (source.deviceId) return fetchDeviceContext(source.deviceId);
  if (!source.departmentId) return null;
  const [faultTypes, reporter] = await Promise.all([fetchGenericFaultTypes(), fetchReporter()]);
  return { device: null, openTicket: null, faultTypes, reporter, hotline: null };
}

/**
 * The report page: the device and its open ticket, the fault type chosen from the tree, the
 * optional description, urgency and photos, the contact details of a first-time reporter, and
 * the submission with one idempotency key per form (a second tap returns the same ticket).
 */
export function useRepairReport(source: () => ReportSource) {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const loader = useLoader(loadContext);
  const picker = usePhotoPicker();

  const faultTypeId = ref('');
  /** The parent fault type whose sub-types are shown. */
  const openGroupId = ref('');
  const description = ref('');
  const urgency = ref<Urgency | ''>('');
  const contact = reactive({ name: '', phone: '', departmentId: '' });
  const contactErrors = ref<ContactProblem[]>([]);
  const formError = ref('');
  const submitting = ref(false);
  const joining = ref(false);
  const clientKey = ref(newClientKey());
  const result = shallowRef<{ outcome: 'created' | 'joined'; ticket: TicketDetail } | null>(null);

  watch(
    source,
    async (value) => {
      faultTypeId.value = '';
      openGroupId.value = '';
      clientKey.value = newClientKey();
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true, deep: true },
  );

  const context = loader.data;
  const tree = computed<FaultGroup[]>(() => faultTree(context.value?.faultTypes ?? []));
  const openGroup = computed(() => tree.value.find((g) => g.id === openGroupId.value) ?? null);
  const chosenFault = computed(
    () => context.value?.faultTypes.find((f) => f.id === faultTypeId.value) ?? null,
  );
  const needsContact = computed(() => context.value?.reporter.kind === 'new');
  /** The urgency sent: the reader's choice, else the fault type's. */
  const effectiveUrgency = computed<Urgency>(
    () => urgency.value || chosenFault.value?.defaultUrgency || 'normal',
  );

  function chooseFault(group: FaultGroup): void {
    if (group.children.length > 0) {
      openGroupId.value = openGroupId.value === group.id ? '' : group.id;
      return;
    }
    faultTypeId.value = group.id;
  }

  function checkContact(): boolean {
    contactErrors.value = needsContact.value ? contactProblems(contact) : [];
    return contactErrors.value.length === 0;
  }

  function body(): ReportBody {
    const s = source();
    const value: ReportBody = {
      photoIds: picker.photoIds.value,
      clientKey: clientKey.value,
      urgency: effectiveUrgency.value,
    };
    if (s.token) value.labelToken = s.token;
    else if (s.deviceId) value.deviceId = s.deviceId;
    else if (s.departmentId) value.departmentId = s.departmentId;
    if (faultTypeId.value) value.faultTypeId = faultTypeId.value;
    if (description.value.trim()) value.description = description.value.trim();
    if (needsContact.value) value.contact = contactBody(contact);
    return value;
  }

  /** Sends the report; resolves with the ticket, or null when something must be corrected first. */
  async function submit(): Promise<TicketDetail | null> {
    if (submitting.value || picker.uploading.value) return null;
    formError.value = '';
    if (!faultTypeId.value && !description.value.trim()) {
      formError.value = t('repair.needFault');
      return null;
    }
    if (!checkContact()) return null;
    submitting.value = true;
    try {
      const answer = await reportFault(body());
      result.value = answer;
      showSuccessToast(
        t(answer.outcome === 'joined' ? 'repair.joinedExisting' : 'repair.submitted'),
      );
      return answer.ticket;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) formError.value = describe(cause);
      return null;
    } finally {
      submitting.value = false;
    }
  }

  /** 我也遇到: follows the device's open ticket instead of reporting it again. */
  async function join(): Promise<TicketDetail | null> {
    const open = context.value?.openTicket;
    if (!open || joining.value) return null;
    formError.value = '';
    if (!checkContact()) return null;
    joining.value = true;
    try {
      const ticket = await joinTicket(open.id, {
        ...(description.value.trim() && { note: description.value.trim() }),
        ...(needsContact.value && { contact: contactBody(contact) }),
      });
      showSuccessToast(t('repair.joinedToast'));
      return ticket;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) formError.value = describe(cause);
      return null;
    } finally {
      joining.value = false;
    }
  }

  return {
    ...loader,
    context,
    tree,
    openGroup,
    faultTypeId,
    chosenFault,
    chooseFault,
    description,
    urgency,
    effectiveUrgency,
    picker,
    contact,
    contactErrors,
    needsContact,
    formError,
    submitting,
    joining,
    result,
    submit,
    join,
  };
}
