import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  notificationKindNames,
  notificationKinds,
  notificationStatuses,
  type NotificationKind,
  type NotificationStatus,
} from '@zhangyi/contracts';

const attemptOutcomes = ['sent', 'skipped', 'permanent', 'throttled', 'transient'] as const;
const jobOutcomes = ['running', 'succeeded', 'failed'] as const;

function isKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(notificationKinds, kind);
}

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Names of notice kinds, statuses and outcomes in the reader's language. Kind names come from the
 * contracts' catalogue (the server's own); values this console does not know yet show their code.
 */
export function useNoticeLabels() {
  const { t, locale } = useI18n();

  function kindLabel(kind: string): string {
    if (!isKind(kind)) return kind;
    return locale.value === 'en' ? notificationKinds[kind].en : notificationKinds[kind].zh;
  }

  /** The sample value of a kind's data field, as the preview fills it. */
  function sampleValue(kind: string, field: string): string | undefined {
    return isKind(kind)
      ? (notificationKinds[kind].fields as Record<string, string>)[field]
      : undefined;
  }

  /** The data fields a kind carries, in the catalogue's order. */
  function fieldsOf(kind: string): string[] {
    return isKind(kind) ? Object.keys(notificationKinds[kind].fields) : [];
  }

  function statusLabel(status: string): string {
    return member<NotificationStatus>(notificationStatuses, status)
      ? t(`noticeStatus.${status}`)
      : status;
  }

  function attemptLabel(outcome: string): string {
    return member(attemptOutcomes, outcome) ? t(`noticeOutcome.${outcome}`) : outcome;
  }

  function jobOutcomeLabel(outcome: string): string {
    return member(jobOutcomes, outcome) ? t(`jobOutcome.${outcome}`) : outcome;
  }

  const kindOptions = computed(() =>
    notificationKindNames.map((kind) => ({ value: kind, label: kindLabel(kind) })),
  );
  const statusOptions = computed(() =>
    notificationStatuses.map((status) => ({ value: status, label: statusLabel(status) })),
  );

  return {
    kindLabel,
    sampleValue,
    fieldsOf,
    statusLabel,
    attemptLabel,
    jobOutcomeLabel,
    kindOptions,
    statusOptions,
  };
}
