import { createHash } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { attachments, expenses } from '../modules/flows/tables.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, customFields, contactTags, relationships, tags } from '../modules/contacts/tables.ts';
import { consents } from '../modules/consent/tables.ts';
import { normalizePhone } from '../modules/contacts/normalize.ts';
import { childDivisions, divisionByCode } from '../modules/geo/divisions.ts';
import { gifts } from '../modules/gifts/tables.ts';
import { ledgerEntries } from '../modules/ledger/tables.ts';
import { memberships, organizations } from '../modules/platform/tables.ts';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_LOGIN, DEMO_SLUG, ensureDemo, type DemoWelcome } from './index.ts';

const today = new Date('2026-05-20T04:00:00Z');
const silent = { info: () => undefined, warn: () => undefined };
let t: TestApp;
let orgId: string;
let seedMs: number;
let welcome: DemoWelcome;

beforeAll(async () => {
  t = await testApp();
  const started = performance.now();
  welcome = await ensureDemo({ ...t.deps, clock: { now: () => today } }, silent);
  seedMs = performance.now() - started;
  [{ id: orgId }] = (await t.deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_SLUG))) as [{ id: string }];
});
afterAll(() => t.close());

const countOf = async (
  table:
    | typeof contacts
    | typeof gifts
    | typeof tags
    | typeof contactTags
    | typeof relationships
    | typeof consents
    | typeof customFields
    | typeof ledgerEntries,
) => (await t.deps.db.select({ n: count() }).from(table).where(eq(table.orgId, orgId)))[0]!.n;

describe('the demo organization', () => {
  it('seeds about 3,000 contacts and their history quickly', async () => {
    // Seeding time is measured by bench/demo.ts (target <= 10 s on PGlite); a shared CI machine is
    // too noisy for a time limit here, so the test only reports it.
    console.log(`demo seed: ${Math.round(seedMs)} ms`);
    expect(await countOf(contacts)).toBeGreaterThanOrEqual(3000);
    expect(await countOf(gifts)).toBeGreaterThan(5000);
    const received = await t.deps.db
      .select({ n: count() })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.orgId, orgId), eq(ledgerEntries.type, 'donation.received')));
    expect(received[0]!.n).toBe(await countOf(gifts));
    expect(await countOf(tags)).toBeGreaterThanOrEqual(6);
    expect(await countOf(contactTags)).toBeGreaterThan(500);
    expect(await countOf(relationships)).toBeGreaterThan(100);
    expect(await countOf(consents)).toBeGreaterThan(1000);
    expect(await countOf(customFields)).toBeGreaterThanOrEqual(3);
    const staff = await t.deps.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, orgId));
    expect(new Set(staff.map((s) => s.role))).toEqual(
      new Set(['owner', 'admin', 'fundraiser', 'coordinator', 'viewer']),
    );
  });

  it('uses valid mobile numbers and division codes', async () => {
    const rows = await t.deps.db
      .select({
        phone: contacts.phone,
        p: contacts.provinceCode,
        c: contacts.cityCode,
        d: contacts.districtCode,
        name: contacts.name,
      })
      .from(contacts)
      .where(eq(contacts.orgId, orgId));
    const phones = rows.flatMap((r) => (r.phone ? [r.phone] : []));
    expect(phones.length).toBeGreaterThan(2000);
    for (const phone of phones) {
      expect(phone).toMatch(/^\+861[3-9]\d{9}$/);
      expect(normalizePhone(phone)).toEqual({ ok: true, e164: phone });
    }
    for (const r of rows.filter((row) => row.p)) {
      expect(divisionByCode(r.p!)?.level).toBe('province');
      if (r.c) expect(childDivisions(r.p).map((c) => c.code)).toContain(r.c);
      if (r.d) expect(childDivisions(r.c).map((d) => d.code)).toContain(r.d);
    }
    expect(rows.filter((r) => r.d).length).toBeGreaterThan(2000);
    expect(rows.every((r) => /^\p{Script=Han}{2,}/u.test(r.name))).toBe(true);
  });

  it('has three years of gifts with a 99 Giving Day peak, lapsed donors and in-kind gifts', async () => {
    const byYear = await t.deps.db.execute(sql`
      select extract(year from received_at at time zone 'Asia/Shanghai')::int as y, count(*)::int as n,
             min(received_at) as first, max(received_at) as last
      from gifts where org_id = ${orgId} group by 1 order by 1`);
    const years = (byYear as unknown as { rows: { y: number; n: number; first: Date; last: Date }[] }).rows;
    expect(years.map((r) => r.y)).toEqual([2023, 2024, 2025, 2026]);
    expect(new Date(years.at(-1)!.last).getTime()).toBeLessThanOrEqual(today.getTime());
    expect(new Date(years[0]!.first).getTime()).toBeGreaterThanOrEqual(today.getTime() - 3 * 366 * 86_400_000);

    const [peak] = (
      (await t.deps.db.execute(sql`
        select count(*) filter (where to_char(received_at at time zone 'Asia/Shanghai', 'MM-DD') between '09-07' and '09-09')::float / 3 as per_day_99,
               count(*)::float / 1095 as per_day
        from gifts where org_id = ${orgId}`)) as unknown as { rows: { per_day_99: number; per_day: number }[] }
    ).rows;
    expect(peak!.per_day_99).toBeGreaterThan(10 * peak!.per_day);

    // LYBUNT: gave in 2025 but not yet in 2026; SYBUNT: gave before 2025, not in 2025 nor 2026.
    const lapsed = (
      (await t.deps.db.execute(sql`
        with y as (select contact_id, array_agg(distinct extract(year from received_at at time zone 'Asia/Shanghai')::int) ys
                   from gifts where org_id = ${orgId} group by contact_id)
        select count(*) filter (where 2025 = any(ys) and not 2026 = any(ys))::int as lybunt,
               count(*) filter (where not 2025 = any(ys) and not 2026 = any(ys))::int as sybunt from y`)) as unknown as {
        rows: { lybunt: number; sybunt: number }[];
      }
    ).rows[0]!;
    expect(lapsed.lybunt).toBeGreaterThan(100);
    expect(lapsed.sybunt).toBeGreaterThan(100);

    const [inKind] = await t.deps.db
      .select({ n: count() })
      .from(gifts)
      .where(and(eq(gifts.orgId, orgId), eq(gifts.kind, 'in_kind'), sql`${gifts.inKindDescription} is not null`));
    expect(inKind!.n).toBeGreaterThan(5);
    const channels = await t.deps.db
      .selectDistinct({ channel: gifts.channel })
      .from(gifts)
      .where(eq(gifts.orgId, orgId));
    expect(channels.map((c) => c.channel)).toEqual(
      expect.arrayContaining(['微信支付', '支付宝', '银行转账', '腾讯公益', '现金']),
    );
  });

  it('signs in with the printed login and does nothing on a second start', async () => {
    const session = await t.app.inject({ method: 'POST', url: '/api/session', payload: DEMO_LOGIN });
    expect(session.statusCode).toBe(200);
    const cookie = String(session.headers['set-cookie']).match(/cw_session=([^;]+)/)![1];
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${DEMO_SLUG}`,
      headers: { cookie: `cw_session=${cookie}` },
    });
    expect(org.statusCode).toBe(200);
    expect(org.json().slug).toBe(DEMO_SLUG);
    const pledges = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${DEMO_SLUG}/pledges`,
      headers: { cookie: `cw_session=${cookie}` },
    });
    expect(
      pledges
        .json()
        .items.map((p: { amount: number; paid: number }) => [p.amount, p.paid])
        .sort(),
    ).toEqual([
      [1_000_000, 0],
      [5_000_000, 2_500_000],
    ]);

    const before = await countOf(contacts);
    expect(await ensureDemo({ ...t.deps, clock: { now: () => today } }, silent)).toEqual(welcome);
    expect(await countOf(contacts)).toBe(before);
  });
});

describe("the demo's follow-the-money", () => {
  const page = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url });
    return { status: response.statusCode, text: response.body };
  };

  it("shows a demo gift's journey: received, allocated, spent and delivered", async () => {
    expect(welcome.trackingCode).toMatch(/^[0-9A-F]{16}$/);
    const { status, text } = await page(`/t/${welcome.trackingCode}`);
    expect(status).toBe(200);
    for (const step of ['收到捐赠', '拨付到项目', '用于支出', '项目交付', '乡村儿童阅读计划', '图书采购'])
      expect(text, step).toContain(step);
    expect(text).not.toContain('昆明新华书店');
  });

  it('has two projects with budget lines, expenses by category, goods and deliveries', async () => {
    const reading = await page(`/p/${DEMO_SLUG}/reading`);
    expect(reading.status).toBe(200);
    for (const words of ['图书采购', '书架与图书角', '运输与物流', '受益人交付'])
      expect(reading.text, words).toContain(words);
    expect((await page(`/p/${DEMO_SLUG}/scholarship`)).text).toContain('助学金');
    const types = await t.deps.db
      .selectDistinct({ type: ledgerEntries.type })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.orgId, orgId));
    expect(types.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'funds.allocated',
        'expense.paid',
        'goods.received',
        'goods.distributed',
        'beneficiary.delivered',
      ]),
    );
  });

  it("keeps each expense's invoice file, whose SHA-256 the log holds", async () => {
    const rows = await t.deps.db
      .select({ key: attachments.storageKey, sha256: attachments.sha256, payload: ledgerEntries.payload })
      .from(expenses)
      .innerJoin(attachments, and(eq(attachments.orgId, expenses.orgId), eq(attachments.id, expenses.invoiceId)))
      .innerJoin(
        ledgerEntries,
        and(
          eq(ledgerEntries.orgId, expenses.orgId),
          eq(ledgerEntries.subjectType, 'expense'),
          eq(ledgerEntries.subjectId, expenses.id),
        ),
      )
      .where(eq(expenses.orgId, orgId));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const file = Buffer.concat(await t.deps.files.read(row.key).toArray());
      expect(file.toString()).toContain('发票');
      expect(createHash('sha256').update(file).digest('hex')).toBe(row.sha256);
      expect(JSON.stringify(row.payload)).toContain(row.sha256);
    }
  });
});
