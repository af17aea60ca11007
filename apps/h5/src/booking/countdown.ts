/** Whole seconds left until an instant, never below zero; 0 when there is none. */
export function secondsUntil(until: string | null, now: number): number {
  if (!until) return 0;
  const left = Date.parse(until) - now;
  return Number.isNaN(left) || left <= 0 ? 0 : Math.ceil(left / 1000);
}

/** `14:59` for minutes and seconds, `1:02:03` once there is an hour or more. */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
