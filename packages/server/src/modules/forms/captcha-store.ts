import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { captchaSolutions } from './tables.ts';

// Neither query is scoped to an organization: a captcha solution belongs to no one (see the table).

/** Records a solution as used; false when it was used before. */
export async function claimCaptchaSolution(db: Db, id: string, expiresAt: Date): Promise<boolean> {
  const claimed = await db
    .insert(captchaSolutions)
    .values({ id, expiresAt })
    .onConflictDoNothing()
    .returning({ id: captchaSolutions.id });
  return claimed.length === 1;
}

/** Forgets the solutions past their expiry, which no check would accept anyway; how many went. */
export async function forgetExpiredCaptchaSolutions(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(captchaSolutions)
    .where(lt(captchaSolutions.expiresAt, sql`${now.toISOString()}::timestamptz`))
    .returning({ id: captchaSolutions.id });
  return gone.length;
}
