import { useI18n } from 'vue-i18n';
import {
  loanStatuses,
  readinessBlockers,
  ticketStatuses,
  urgencies,
  waitReasons,
} from '@zhangyi/contracts';

const ticketSources = ['label', 'h5', 'message', 'admin'] as const;
// Transitions and the events that are not (submit, join, escalate, auto_close).
const ticketEventActions = [
  'submit',
  'join',
  'accept',
  'assign',
  'start',
  'wait',
  'resume',
  'resolve',
  'confirm',
  'reopen',
  'reject',
  'merge',
  'note',
  'escalate',
  'auto_close',
] as const;
const loanUrgencies = ['normal', 'urgent'] as const;
const readinessValues = ['available', 'on_loan', 'blocked'] as const;
const conditions = ['ok', 'faulty', 'under_repair', 'scrapped'] as const;
const hygieneValues = ['clean', 'awaiting_disinfection'] as const;
const loanEventActions = [
  'request',
  'emergency_approve',
  'approve',
  'reject',
  'cancel',
  'handover',
  'request_return',
  'return',
  'disinfect',
  'confirm',
  'confirm_reminded',
  'confirm_escalated',
  'overdue_reminded',
] as const;
const overrideStatuses = ['pending', 'granted', 'used', 'expired'] as const;
const billingUnits = ['hour', 'day'] as const;

/** The vocabularies of tickets and loans that StatusTag shows. */
export type EquipmentStatusSet = 'ticket' | 'urgency' | 'loan' | 'readiness' | 'override';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * The hospital's words for ticket and lending values in the reader's language. Values the console
 * does not know yet show their code rather than nothing.
 */
export function useEquipmentLabels() {
  const { t } = useI18n();

  const ticketStatusLabel = (v: string) =>
    member(ticketStatuses, v) ? t(`ticketTerms.status.${v}`) : v;
  const urgencyLabel = (v: string) => (member(urgencies, v) ? t(`ticketTerms.urgency.${v}`) : v);
  const sourceLabel = (v: string) => (member(ticketSources, v) ? t(`ticketTerms.source.${v}`) : v);
  const ticketActionLabel = (v: string) =>
    member(ticketEventActions, v) ? t(`ticketTerms.action.${v}`) : v;
  const waitReasonLabel = (v: string) =>
    member(waitReasons, v) ? t(`ticketTerms.waitReason.${v}`) : v;

  const loanStatusLabel = (v: string) =>
    member(loanStatuses, v) ? t(`lendingTerms.status.${v}`) : v;
  const loanUrgencyLabel = (v: string) =>
    member(loanUrgencies, v) ? t(`lendingTerms.urgency.${v}`) : v;
  const readinessLabel = (v: string) =>
    member(readinessValues, v) ? t(`lendingTerms.readiness.${v}`) : v;
  const blockerLabel = (v: string) =>
    member(readinessBlockers, v) ? t(`lendingTerms.blocker.${v}`) : v;
  const conditionLabel = (v: string) =>
    member(conditions, v) ? t(`lendingTerms.condition.${v}`) : v;
  const hygieneLabel = (v: string) =>
    member(hygieneValues, v) ? t(`lendingTerms.hygiene.${v}`) : v;
  const loanActionLabel = (v: string) =>
    member(loanEventActions, v) ? t(`lendingTerms.action.${v}`) : v;
  const overrideStatusLabel = (v: string) =>
    member(overrideStatuses, v) ? t(`lendingTerms.override.${v}`) : v;
  const unitLabel = (v: string) => (member(billingUnits, v) ? t(`lendingTerms.unit.${v}`) : v);
  const perUnitLabel = (v: string) =>
    member(billingUnits, v) ? t(`lendingTerms.perUnit.${v}`) : v;

  function statusLabel(set: EquipmentStatusSet, value: string): string {
    switch (set) {
      case 'ticket':
        return ticketStatusLabel(value);
      case 'urgency':
        return urgencyLabel(value);
      case 'loan':
        return loanStatusLabel(value);
      case 'readiness':
        return readinessLabel(value);
      case 'override':
        return overrideStatusLabel(value);
    }
  }

  const ticketStatusOptions = () =>
    ticketStatuses.map((value) => ({ value, label: ticketStatusLabel(value) }));
  const urgencyOptions = () => urgencies.map((value) => ({ value, label: urgencyLabel(value) }));
  const loanStatusOptions = () =>
    loanStatuses.map((value) => ({ value, label: loanStatusLabel(value) }));

  return {
    ticketStatusLabel,
    urgencyLabel,
    sourceLabel,
    ticketActionLabel,
    waitReasonLabel,
    loanStatusLabel,
    loanUrgencyLabel,
    readinessLabel,
    blockerLabel,
    conditionLabel,
    hygieneLabel,
    loanActionLabel,
    overrideStatusLabel,
    unitLabel,
    perUnitLabel,
    statusLabel,
    ticketStatusOptions,
    urgencyOptions,
    loanStatusOptions,
  };
}
