import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { organizations, users } from '../modules/platform/tables.ts';
import type { Actor } from './actor.ts';
import type { OrgContext } from './authorize.ts';

/** The id recorded for actions taken by Commonweal itself (the command line, background jobs). */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

async function orgRef(db: Db, where: { slug: string } | { id: string }) {
  const [org] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
      currency: organizations.currency,
    })
    .from(organizations)
    .where('slug' in where ? eq(organizations.slug, where.slug) : eq(organizations.id, where.id));
  if (!org) throw new AppError('NOT_FOUND', 'Organization was not found');
  return org;
}

/**
 * An owner-level context for work started outside HTTP (the CLI, a payment provider's callback). The
 * audit log shows it as `token:<label>` with the all-zero token id, so it is never mistaken for a person.
 */
export async function systemContext(
  db: Db,
  org: string | { id: string },
  label = 'system:cli',
  ip = 'local',
): Promise<OrgContext> {
  return systemContextOf(await orgRef(db, typeof org === 'string' ? { slug: org } : org), label, ip);
}

/** The same, for an organization the caller has already read. */
export const systemContextOf = (org: OrgContext['org'], label: string, ip: string): OrgContext => ({
  org,
  actor: systemActor(org.id, label, ip),
  role: 'owner',
});

const systemActor = (orgId: string, name: string, ip: string): Actor => ({
  kind: 'token',
  tokenId: SYSTEM_ACTOR_ID,
  orgId,
  role: 'owner',
  name,
  ip,
});

/** The context of a background job acting for the user who started it (or the system). */
export async function jobContext(db: Db, orgId: string, userId: string | null): Promise<OrgContext> {
  const org = await orgRef(db, { id: orgId });
  const [user] = userId ? await db.select().from(users).where(eq(users.id, userId)) : [];
  if (!user) {
    return { org, actor: systemActor(orgId, 'system:job', 'local'), role: 'owner' };
  }
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionHash: '',
    csrfToken: '',
    ip: 'job',
  };
  return { org, actor, role: 'owner' };
}
