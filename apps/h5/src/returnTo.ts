/**
 * A page that sends the reader elsewhere to finish something first (bind a patient before booking)
 * names itself in `?returnTo=`. Only a path inside this app is followed: a full URL or `//host`
 * would turn our link into a redirect to anywhere.
 */
export function internalReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return null;
  return value;
}
