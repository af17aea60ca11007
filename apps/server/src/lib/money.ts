// Money is integer fen everywhere; these are the only two ways it is shown.

/** `5050` → `"50.50"`: for notices and reports, by integer arithmetic (no float rounding). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * `5050` → `50.5`: a number for spreadsheet cells, exact for any whole number of fen. An average
 * (a fraction of a fen) is first rounded to the nearest fen.
 */
export function yuanNumber(fen: number): number {
  return Number(formatYuan(Math.round(fen)));
}
