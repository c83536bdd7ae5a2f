import { randomBytes } from 'node:crypto';
import { memberships, organizations, users } from '../modules/platform/tables.ts';
import type { Role } from '../modules/platform/policies.ts';
import { hashPassword } from '../modules/platform/secrets.ts';
import { createSession } from '../modules/platform/sessions.ts';
import { clientFor, type Client, type TestApp } from './app.ts';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

export interface TestOrg {
  org: typeof organizations.$inferSelect;
  slug: string;
  /** The owner, signed in. */
  owner: Client;
  ownerEmail: string;
  /** Adds a signed-in member with the given role. */
  member(role: Role): Promise<Client & { userId: string; email: string }>;
}

/** A new organization with a signed-in owner; each call makes its own, so test files stay independent. */
export async function buildOrg(t: TestApp, overrides: { name?: string } = {}): Promise<TestOrg> {
  const { db } = t.deps;
  const slug = `org-${unique()}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: overrides.name ?? `测试公益 ${slug}` })
    .returning();
  const member = async (role: Role) => {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const email = `${role}-${unique()}@example.org`;
    const [user] = await db
      .insert(users)
      .values({ email, name: `${role} ${unique()}`, passwordHash: await passwordHash })
      .returning();
    await db.insert(memberships).values({ orgId: org!.id, userId: user!.id, role });
    const session = await createSession(db, user!.id, new Date(), {});
    return Object.assign(clientFor(t.app, { cookie: session.cookie, csrfToken: session.csrfToken }), {
      userId: user!.id,
      email,
    });
  };
  const owner = await member('owner');
  return { org: org!, slug, owner, ownerEmail: owner.email, member };
}

/** A live campaign (created, submitted and approved by the owner) on a new project of the same slug. */
/** A fundraising plan as filed (募捐方案), complete enough to go public. */
export const testPlan = {
  filingNumber: '53100000MJ0000000X26999',
  purpose: '测试用募捐目的',
  personInCharge: '测试负责人',
  beneficiaries: '测试受益人',
  useOfFunds: '测试资金用途',
};

export async function buildLiveCampaign(o: TestOrg, slug: string, fields: Record<string, unknown> = {}) {
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, { slug, name: `项目 ${slug}`, budgetLines: [] });
  const created = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
    plan: testPlan,
    slug,
    projectId: project.body.id,
    copy: { title: '一顿热午餐', summary: '让山区孩子吃上热饭', story: '<p>每天 5 元</p>' },
    goal: 100_000_00,
    presetAmounts: [500, 2000, 10000],
    minAmount: 100,
    maxAmount: 1_000_000,
    ...fields,
  });
  const id = created.body.id as number;
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`);
  const approved = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' });
  if (approved.status !== 200) throw new Error(`campaign not approved: ${JSON.stringify(approved.body)}`);
  return { id, projectId: project.body.id as number };
}
