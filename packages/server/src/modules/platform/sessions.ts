import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newToken, sha256 } from './secrets.ts';
import { memberships, organizations, sessions, users } from './tables.ts';
import { presentOrg } from './present.ts';

export const SESSION_DAYS = 14;

export interface NewSession {
  cookie: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  meta: { ip?: string; userAgent?: string },
): Promise<NewSession> {
  const cookie = newToken('cws');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    idHash: sha256(cookie),
    userId,
    csrfToken,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300),
  });
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  return { cookie, csrfToken, expiresAt };
}

/** The signed-in user's profile and the organizations they belong to. */
export async function describeSession(db: Db, userId: string, csrfToken: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  const rows = await db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
  return {
    user: user!,
    memberships: rows.map((r) => ({ org: presentOrg(r.org), role: r.role })),
    csrfToken,
  };
}
