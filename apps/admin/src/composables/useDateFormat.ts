import { formatDateTime } from '../datetime';

/**
 * Formats API timestamps for tables: `YYYY-MM-DD HH:mm:ss` in the hospital's time zone, the same
 * in both languages, so that times match what patients and staff see on their side.
 */
export function useDateFormat() {
  return (iso: string): string => formatDateTime(iso);
}
