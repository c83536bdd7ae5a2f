import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { auditEvents } from '../audit/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { confidenceFor, reasonsFor, type Reason } from './scoring.ts';
import { scanOrg, seedContact, seedGift, type ContactSeed } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ jobs: true });
});
afterAll(() => t.close());

const BEIJING = { cityCode: '110100', districtCode: '110105' };
const SHANGHAI = { cityCode: '310100', districtCode: '310104' };

async function queue(org: TestOrg, query = '') {
  const response = await org.owner.get(`/api/orgs/${org.slug}/duplicates${query}`);
  expect(response.status).toBe(200);
  return response.body as {
    items: Array<{ id: number; confidence: number; reasons: Reason[]; a: any; b: any }>;
    total: number;
  };
}

/** Seeds the pair, scans, and returns the queue entry for it (or undefined). */
async function pairFor(a: ContactSeed, b: ContactSeed) {
  const org = await buildOrg(t);
  const x = await seedContact(t.deps.db, org.org.id, a);
  const y = await seedContact(t.deps.db, org.org.id, b);
  await scanOrg(t.deps.db, org.org.id);
  const { items } = await queue(org);
  return { org, x, y, item: items.find((i) => i.a.id === Math.min(x.id, y.id) && i.b.id === Math.max(x.id, y.id)) };
}

describe('detection', () => {
  it('finds the same phone', async () => {
    const { item } = await pairFor(
      { name: '王芳', phone: '+8613800138000' },
      { name: '王芳', phone: '+8613800138000', ...SHANGHAI },
    );
    expect(item?.reasons).toEqual(['same_phone', 'same_name']);
    expect(item?.confidence).toBe(90);
  });

  it('finds the same email', async () => {
    const { item } = await pairFor(
      { name: 'Li Lei', email: 'lilei@example.org' },
      { name: '李雷', email: 'lilei@example.org' },
    );
    expect(item?.reasons).toEqual(['same_email', 'same_pinyin']);
  });

  it('finds the same name in the same city', async () => {
    const { item } = await pairFor(
      { name: '陈静', ...BEIJING },
      { name: '陈静', cityCode: '110100', districtCode: '110108' },
    );
    expect(item?.reasons).toEqual(['same_name', 'same_city']);
  });

  it('finds the same pinyin with different characters (张伟 / 章伟)', async () => {
    const { item } = await pairFor({ name: '张伟', ...BEIJING }, { name: '章伟', ...BEIJING });
    expect(item?.reasons).toEqual(['same_pinyin', 'same_city', 'same_district']);
  });

  it('finds the same rare pinyin anywhere in the organization', async () => {
    const { item } = await pairFor({ name: '欧阳娜娜' }, { name: '欧杨娜娜' });
    expect(item?.reasons).toEqual(['same_pinyin', 'similar_name']);
  });

  it('finds a name one character apart in the same district', async () => {
    const { item } = await pairFor({ name: '王小明', ...BEIJING }, { name: '王大明', ...BEIJING });
    expect(item?.reasons).toEqual(['similar_name', 'same_city', 'same_district']);
    const inserted = await pairFor({ name: '司马相如', ...BEIJING }, { name: '司马相', ...BEIJING });
    expect(inserted.item?.reasons).toEqual(['similar_name', 'same_city', 'same_district']);
  });

  it('leaves unrelated contacts, other districts and two-character near names alone', async () => {
    expect((await pairFor({ name: '王小明', ...BEIJING }, { name: '王大明', ...SHANGHAI })).item).toBeUndefined();
    expect((await pairFor({ name: '张伟', ...BEIJING }, { name: '张强', ...BEIJING })).item).toBeUndefined();
    expect(
      (await pairFor({ name: '刘洋', phone: '+8613800000001' }, { name: '刘洋', phone: '+8613800000002' })).item,
    ).toBeUndefined();
  });

  it('scores in SQL exactly as the TypeScript scoring does', async () => {
    const org = await buildOrg(t);
    const seeds: ContactSeed[] = [
      { name: '赵敏', phone: '+8613911112222', email: 'zm@example.org', ...BEIJING },
      { name: '赵敏', phone: '+8613911112222', email: 'zhao@example.org', cityCode: '110100' },
      { name: '照敏', email: 'zm@example.org', ...BEIJING },
      { name: '赵小敏', phone: '+8613911113333', ...BEIJING },
      { name: '赵大敏', ...BEIJING },
    ];
    const rows = [];
    for (const seed of seeds) rows.push(await seedContact(t.deps.db, org.org.id, seed));
    await scanOrg(t.deps.db, org.org.id);
    const { items } = await queue(org, '?pageSize=200');
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) {
      const a = rows.find((r) => r.id === item.a.id)!;
      const b = rows.find((r) => r.id === item.b.id)!;
      const reasons = reasonsFor(a, b);
      expect(item.reasons).toEqual(reasons);
      expect(item.confidence).toBe(confidenceFor(reasons));
    }
  });

  it('skips merged and erased contacts', async () => {
    const org = await buildOrg(t);
    const a = await seedContact(t.deps.db, org.org.id, { name: '孙丽', phone: '+8613700000001' });
    const b = await seedContact(t.deps.db, org.org.id, { name: '孙丽', phone: '+8613700000001' });
    await t.deps.db
      .update(contacts)
      .set({ erasedAt: new Date() })
      .where(and(eq(contacts.orgId, org.org.id), eq(contacts.id, b.id)));
    await scanOrg(t.deps.db, org.org.id);
    expect((await queue(org)).total).toBe(0);
    expect(a.id).toBeLessThan(b.id);
  });
});

describe('review queue', () => {
  it('lists pairs side by side, most confident first, paginated, and audits the read', async () => {
    const org = await buildOrg(t);
    const db = t.deps.db;
    const a = await seedContact(db, org.org.id, { name: '周杰', phone: '+8613600000001', ...BEIJING });
    const b = await seedContact(db, org.org.id, { name: '周杰', phone: '+8613600000001', ...BEIJING });
    await seedGift(db, org.org.id, b.id, 10_000);
    await seedContact(db, org.org.id, { name: '吴磊', ...SHANGHAI });
    await seedContact(db, org.org.id, { name: '吴蕾', ...SHANGHAI });
    await seedContact(db, org.org.id, { name: '郑爽', email: 'zs@example.org' });
    await seedContact(db, org.org.id, { name: '郑爽', email: 'zs@example.org' });
    await scanOrg(db, org.org.id);

    const all = await queue(org);
    expect(all.total).toBe(3);
    const confidences = all.items.map((i) => i.confidence);
    expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    expect(all.items[0]).toMatchObject({
      confidence: 100,
      a: { id: a.id, name: '周杰', phone: '+8613600000001', cityCode: '110100', giftCount: 0 },
      b: { id: b.id, name: '周杰', giftCount: 1 },
    });
    const page2 = await queue(org, '?pageSize=2&page=2');
    expect(page2.total).toBe(3);
    expect(page2.items.map((i) => i.id)).toEqual([all.items[2]!.id]);

    const reads = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.org.id), eq(auditEvents.action, 'contact.read')));
    expect(reads.map((r) => Number(r.subjectId))).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('dismisses a pair, and a later scan keeps it dismissed', async () => {
    const { org, item } = await pairFor(
      { name: '黄磊', phone: '+8613500000001' },
      { name: '黄磊', phone: '+8613500000001' },
    );
    const dismissed = await org.owner.post(`/api/orgs/${org.slug}/duplicates/${item!.id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect((await org.owner.post(`/api/orgs/${org.slug}/duplicates/${item!.id}/dismiss`)).body.error.code).toBe(
      'CONFLICT',
    );
    await scanOrg(t.deps.db, org.org.id);
    expect((await queue(org)).total).toBe(0);
    const dismissedQueue = await queue(org, '?status=dismissed');
    expect(dismissedQueue.items.map((i) => i.id)).toEqual([item!.id]);
  });

  it('drops pending pairs that no longer match', async () => {
    const { org, y, item } = await pairFor(
      { name: '林峰', phone: '+8613400000001' },
      { name: '林峰', phone: '+8613400000001' },
    );
    expect(item).toBeDefined();
    await t.deps.db
      .update(contacts)
      .set({ phone: '+8613400000002', name: '何洁', namePinyin: 'hejie' })
      .where(and(eq(contacts.orgId, org.org.id), eq(contacts.id, y.id)));
    await scanOrg(t.deps.db, org.org.id);
    expect((await queue(org)).total).toBe(0);
  });

  it('lets viewers read the queue but not scan or dismiss', async () => {
    const { org, item } = await pairFor(
      { name: '马丽', phone: '+8613300000001' },
      { name: '马丽', phone: '+8613300000001' },
    );
    const viewer = await org.member('viewer');
    expect((await viewer.get(`/api/orgs/${org.slug}/duplicates`)).status).toBe(200);
    expect((await viewer.post(`/api/orgs/${org.slug}/duplicates/scan`)).status).toBe(403);
    expect((await viewer.post(`/api/orgs/${org.slug}/duplicates/${item!.id}/dismiss`)).status).toBe(403);
    const coordinator = await org.member('coordinator');
    expect((await coordinator.post(`/api/orgs/${org.slug}/duplicates/${item!.id}/dismiss`)).status).toBe(403);
  });

  it('keeps each organization to its own candidates and scans', async () => {
    const { org, item } = await pairFor(
      { name: '宋佳', phone: '+8613200000001' },
      { name: '宋佳', phone: '+8613200000001' },
    );
    const other = await buildOrg(t);
    expect((await queue(other)).total).toBe(0);
    const dismiss = await other.owner.post(`/api/orgs/${other.slug}/duplicates/${item!.id}/dismiss`);
    expect(dismiss.status).toBe(404);
    expect((await other.owner.get(`/api/orgs/${org.slug}/duplicates`)).status).toBe(404);
    const scan = await org.owner.post(`/api/orgs/${org.slug}/duplicates/scan`);
    expect((await other.owner.get(`/api/orgs/${other.slug}/duplicates/scans/${scan.body.id}`)).status).toBe(404);
  });
});

describe('scan job', () => {
  it('runs a scan requested through the API as a background job', async () => {
    const org = await buildOrg(t);
    await seedContact(t.deps.db, org.org.id, { name: '郭靖', phone: '+8613100000001' });
    await seedContact(t.deps.db, org.org.id, { name: '郭靖', phone: '+8613100000001' });
    const requested = await org.owner.post(`/api/orgs/${org.slug}/duplicates/scan`);
    expect(requested.status).toBe(202);
    expect(requested.body.jobId).toBeTruthy();
    let status = requested.body;
    for (let i = 0; i < 100 && !['succeeded', 'failed'].includes(status.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await org.owner.get(`/api/orgs/${org.slug}/duplicates/scans/${requested.body.id}`)).body;
    }
    expect(status).toMatchObject({ status: 'succeeded', pairsFound: 1, error: null });
    expect((await queue(org)).total).toBe(1);
  });
});
