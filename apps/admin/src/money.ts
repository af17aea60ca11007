// Every API amount is integer fen. The console shows and reads yuan with two decimals through
// strings and integers only: 50.5 * 100 is 5050 but 1.13 * 100 is 112.99999999999999, and a
// refund one fen short is a complaint.

/** `5050` → `50.50`, `-7` → `-0.07`; digits only, for inputs and exports. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const yuan = digits.slice(0, -2);
  const cents = digits.slice(-2);
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}

/** `123456` → `¥1,234.56`: yuan with thousands separators, for tables and detail panes. */
export function formatFen(fen: number): string {
  const plain = fenToYuan(fen);
  const negative = plain.startsWith('-');
  const [yuan = '0', cents = '00'] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

// Whole yuan (at most 9 digits, far above any fee) and up to two decimals; `.5` and `5.` too.
const YUAN = /^[¥￥]?(\d{0,9})(?:\.(\d{0,2}))?$/;

/**
 * Reads an amount typed in yuan as integer fen: `50.5` → 5050, `¥0.01` → 1. Null for anything
 * that is not a non-negative amount with at most two decimals (`1.005`, `-1`, `1e3`, `abc`, ``).
 */
export function parseYuan(text: string): number | null {
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  return Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
}
