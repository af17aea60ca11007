/**
 * The template editor's rows and checks, without Vue. Patterns mirror the contracts'
 * `SaveNotificationTemplateBody`, so most mistakes show before a round trip.
 */

/** One line of the mapping: a keyword of the WeChat template and the text that fills it. */
export interface MappingRow {
  /** Stable key for rendering; not sent. */
  id: number;
  keyword: string;
  pattern: string;
}

export const KEYWORD = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
export const TEMPLATE_ID = /^[A-Za-z0-9_-]+$/;
export const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_ROWS = 20;
export const MAX_PATTERN = 200;

export type RowProblem = 'keywordRequired' | 'keywordInvalid' | 'keywordDuplicate' | 'tooLong';

let nextId = 1;

/** A new row; ids only need to be unique within the page. */
export function makeRow(keyword = '', pattern = ''): MappingRow {
  return { id: nextId++, keyword, pattern };
}

/** The rows of a saved mapping, in the order the server keeps them. */
export function rowsFromFields(fields: Record<string, string>): MappingRow[] {
  return Object.entries(fields).map(([keyword, pattern]) => makeRow(keyword, pattern));
}

function isBlank(row: MappingRow): boolean {
  return row.keyword.trim() === '' && row.pattern.trim() === '';
}

/** The mapping to send. Rows left entirely empty are ignored rather than refused. */
export function fieldsFromRows(rows: readonly MappingRow[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const row of rows) if (!isBlank(row)) fields[row.keyword.trim()] = row.pattern;
  return fields;
}

/** What is wrong with each row, or null; the server would refuse the same. */
export function rowProblems(rows: readonly MappingRow[]): (RowProblem | null)[] {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const keyword = row.keyword.trim();
    if (keyword) seen.set(keyword, (seen.get(keyword) ?? 0) + 1);
  }
  return rows.map((row) => {
    if (isBlank(row)) return null;
    const keyword = row.keyword.trim();
    if (!keyword) return 'keywordRequired';
    if (!KEYWORD.test(keyword)) return 'keywordInvalid';
    if ((seen.get(keyword) ?? 0) > 1) return 'keywordDuplicate';
    if (row.pattern.length > MAX_PATTERN) return 'tooLong';
    return null;
  });
}

/**
 * The keyword to offer for a new row: WeChat's classic templates number theirs `keyword1`,
 * `keyword2`…, so the next free number after the highest in use.
 */
export function nextKeyword(rows: readonly MappingRow[]): string {
  let highest = 0;
  for (const row of rows) {
    const match = /^keyword(\d+)$/.exec(row.keyword.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `keyword${highest + 1}`;
}

/** `{{field}}`, the placeholder the server fills with the notice's data. */
export function placeholder(field: string): string {
  return `{{${field}}}`;
}

/** Replaces the selection `[start, end)` of `text` with the field's placeholder. */
export function insertPlaceholder(
  text: string,
  field: string,
  start: number = text.length,
  end: number = start,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const inserted = placeholder(field);
  return { text: text.slice(0, from) + inserted + text.slice(to), caret: from + inserted.length };
}

// Same grammar as the server's renderer: spaces inside the braces are allowed.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The data fields a mapping refers to, in its patterns or its URL. */
export function usedFields(mapping: { fields: Record<string, string>; url: string | null }) {
  const used = new Set<string>();
  for (const text of [...Object.values(mapping.fields), mapping.url ?? '']) {
    for (const match of text.matchAll(PLACEHOLDER)) used.add(match[1]!);
  }
  return used;
}
