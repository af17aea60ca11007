/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The constraint a PostgreSQL unique violation (23505) names, or undefined for any other error.
 * Drizzle wraps driver errors, so the cause is looked at too.
 */
export function uniqueViolation(error: unknown): string | undefined {
  const cause =
    (error as { cause?: { code?: string; constraint?: string } }).cause ??
    (error as { code?: string; constraint?: string });
  return cause?.code === '23505' ? (cause.constraint ?? 'unknown') : undefined;
}

/** True for a PostgreSQL unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolation(error) !== undefined;
}

/** The rows of a raw `execute` result (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
