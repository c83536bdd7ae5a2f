import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../http/deps.ts';
import { memberships, organizations, users } from '../modules/platform/tables.ts';
import { hashPassword } from '../modules/platform/index.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_LOGIN = { email: 'demo@commonweal.local', password: 'commonweal-demo' };

/** Creates the demo organization on first start; later starts find it and only print the login. */
export async function ensureDemo(deps: AppDeps, log: FastifyBaseLogger) {
  const [existing] = await deps.db.select().from(organizations).where(eq(organizations.slug, DEMO_SLUG));
  if (existing) return DEMO_LOGIN;
  log.info('seeding the demo organization');
  await deps.db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ slug: DEMO_SLUG, name: '青禾公益基金会（演示）' }).returning();
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_LOGIN.email, name: '演示管理员', passwordHash: await hashPassword(DEMO_LOGIN.password) })
      .onConflictDoNothing()
      .returning();
    if (user) await tx.insert(memberships).values({ orgId: org!.id, userId: user.id, role: 'owner' });
  });
  return DEMO_LOGIN;
}
