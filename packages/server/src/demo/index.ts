import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../http/deps.ts';
import { memberships, organizations, users } from '../modules/platform/tables.ts';
import { hashPassword } from '../modules/platform/index.ts';
import { generateDemoData, type DemoOptions } from './generate.ts';
import { seedDemoData, type SeedCounts } from './seed.ts';
import { demoTrackingCode, seedDemoFlows } from './flows.ts';
import { systemContext } from '../http/system-context.ts';
import { seedDemoCampaign } from './campaign.ts';
import { seedDemoPledges } from './pledges.ts';
import { seedDemoVolunteers } from './volunteers.ts';

export { DEMO_CAMPAIGN } from './campaign.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_LOGIN = { email: 'demo@commonweal.local', password: 'commonweal-demo' };
export { generateDemoData, DEMO_SEED, DEMO_CONTACTS, type DemoData, type DemoOptions } from './generate.ts';
export { seedDemoData, demoRows, allocateDemoIds, type SeedCounts, type DemoIds, type DemoTableRows } from './seed.ts';

/** The demo's sign-in, and the tracking code of a gift whose journey shows follow-the-money. */
export type DemoWelcome = typeof DEMO_LOGIN & { trackingCode: string | undefined };

/**
 * Creates the demo organization, its staff and about 3,000 supporters with three years of gifts, and
 * two projects that allocate, spend and deliver some of them, on first start; later starts find it
 * and do nothing. Only the owner's login is printed: the other staff get random passwords, so they
 * exist to show roles, not to sign in.
 */
export async function ensureDemo(
  deps: Pick<AppDeps, 'db' | 'clock' | 'files' | 'config' | 'payments'>,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
  options: Partial<DemoOptions> = {},
): Promise<DemoWelcome> {
  const demoOrgId = async () =>
    (await deps.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_SLUG)))[0]
      ?.id;
  const welcome = async (): Promise<DemoWelcome> => {
    const orgId = await demoOrgId();
    return { ...DEMO_LOGIN, trackingCode: orgId ? await demoTrackingCode(deps.db, orgId) : undefined };
  };
  if (await demoOrgId()) return welcome();
  const started = performance.now();
  const today = options.today ?? deps.clock.now();
  const data = generateDemoData({ ...options, today });
  const staffPasswordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const ownerPasswordHash = await hashPassword(DEMO_LOGIN.password);
  const counts = await deps.db.transaction(async (tx): Promise<SeedCounts | null> => {
    // Two servers starting on one PostgreSQL at once must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(7461002)`);
    const [again] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, DEMO_SLUG));
    if (again) return null;
    const [org] = await tx
      .insert(organizations)
      .values({ slug: DEMO_SLUG, name: '青禾公益基金会（演示）' })
      .returning();
    await tx
      .insert(users)
      .values([
        { email: DEMO_LOGIN.email, name: '演示管理员', passwordHash: ownerPasswordHash },
        ...data.staff.map((s) => ({ email: s.email, name: s.name, passwordHash: staffPasswordHash })),
      ])
      .onConflictDoNothing();
    const emails = [DEMO_LOGIN.email, ...data.staff.map((s) => s.email)];
    const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
    const idOf = new Map(rows.map((r) => [r.email, r.id]));
    await tx
      .insert(memberships)
      .values([
        { orgId: org!.id, userId: idOf.get(DEMO_LOGIN.email)!, role: 'owner' as const },
        ...data.staff.map((s) => ({ orgId: org!.id, userId: idOf.get(s.email)!, role: s.role })),
      ]);
    const counts = await seedDemoData(
      tx,
      org!.id,
      data,
      data.staff.map((s) => idOf.get(s.email) ?? null),
    );
    await seedDemoFlows({ db: tx, files: deps.files }, await systemContext(tx, DEMO_SLUG, 'system:demo'), today);
    return counts;
  });
  if (counts) {
    const ctx = await systemContext(deps.db, DEMO_SLUG, 'system:demo');
    await seedDemoCampaign(deps, ctx, log);
    await seedDemoPledges(deps.db, ctx, deps.clock.now());
    await seedDemoVolunteers(deps.db, ctx, deps.clock.now());
    log.info({ ...counts, ms: Math.round(performance.now() - started) }, 'seeded the demo organization');
  }
  return welcome();
}
