/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What PostgreSQL said of a failed statement. */
export interface DatabaseError {
  code?: string;
  constraint?: string;
  message?: string;
  detail?: string;
}

/** The database's error behind `error`: Drizzle wraps driver errors, so the cause is looked at too. */
export function databaseError(error: unknown): DatabaseError | undefined {
  const wrapped = error as { cause?: DatabaseError } | undefined;
  return wrapped?.cause ?? (error as DatabaseError | undefined);
}

/** The constraint a PostgreSQL unique violation (23505) names, or undefined for any other error. */
export function uniqueViolation(error: unknown): string | undefined {
  const cause = databaseError(error);
  return cause?.code === '23505' ? (cause.constraint ?? 'unknown') : undefined;
}

/** True for a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolation(error) !== undefined;
}

/** True for a PostgreSQL foreign-key violation (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return databaseError(error)?.code === '23503';
}

/** The rows of a raw `execute` result (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
