import { useI18n } from 'vue-i18n';
import type { MessageKey } from '../i18n';

/**
 * The description of a job in the reader's language. The server describes its jobs in English;
 * jobs the catalogue knows read in the console's language, others as the server says.
 */
export function useJobLabels() {
  const { t, te } = useI18n();

  function describeJob(name: string, fallback: string): string {
    // Catalogue keys cannot hold the dots of job names (`notifications.prune`).
    const key = `jobs.descriptions.${name.replace(/[^A-Za-z0-9]/g, '_')}`;
    return te(key) ? t(key as MessageKey) : fallback;
  }

  /** A job run's `details` (counts the job returned) as `key: value` pairs. */
  function runDetails(details: unknown): string {
    if (details === null || details === undefined) return '';
    if (typeof details !== 'object') return String(details);
    return Object.entries(details as Record<string, unknown>)
      .map(
        ([key, value]) =>
          `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
      )
      .join(', ');
  }

  return { describeJob, runDetails };
}
