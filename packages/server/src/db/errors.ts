/**
 * True when `error` is PostgreSQL's unique violation (23505), from either driver (drizzle wraps the
 * driver's error in `cause`), optionally only for a constraint whose name contains `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pg = e.cause ?? e;
  return pg.code === '23505' && (constraint === undefined || (pg.constraint ?? '').includes(constraint));
}
