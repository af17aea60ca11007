/**
 * Money arrives in integer fen. It is shown in yuan with integer arithmetic only: `x / 100` in
 * floating point is where `0.1 + 0.2` style errors come from.
 */

/** `5000` → `"50.00"`, `1` → `"0.01"`; anything but a whole number of fen is a bug upstream. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${String(cents).padStart(2, '0')}`;
}
