import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { gifts } from '../gifts/tables.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/orgs/${org.slug}${path}`;
const pii = {
  name: '欧阳娜娜',
  phone: '13712345678',
  email: 'ouyang.nana@example.org',
  wechatId: 'nana_wx_2024',
  address: '望江路 29 号 3 栋',
  postalCode: '610064',
  districtCode: '510107',
};
const secretNote = '她的孩子在华西医院住院';

async function personWithHistory() {
  await org.owner
    .post(url('/custom-fields'), { key: 'employer_name', label: '工作单位', type: 'text' })
    .catch(() => undefined);
  const { body: c } = await org.owner.post(url('/contacts'), {
    ...pii,
    tags: ['病患家属'],
    custom: { employer_name: '四川大学' },
  });
  const { body: spouse } = await org.owner.post(url('/contacts'), { name: '张伟' });
  await org.owner.post(url(`/contacts/${c.id}/relationships`), { relatedContactId: spouse.id, type: 'spouse' });
  await org.owner.post(url(`/contacts/${c.id}/notes`), { body: secretNote });
  await org.owner.post(url('/gifts'), {
    contactId: c.id,
    amount: 50000,
    receivedAt: '2024-09-07T00:00:00Z',
    channel: 'bank_transfer',
  });
  await org.owner.post(url('/gifts'), {
    contactId: c.id,
    amount: 1234,
    receivedAt: '2024-10-01T00:00:00Z',
    channel: 'wechat_pay',
  });
  await org.owner.post(url(`/contacts/${c.id}/consents`), {
    channel: 'sms',
    purpose: 'fundraising',
    status: 'granted',
    source: 'form',
    evidence: { type: 'form_submission', ref: 'f-1', text: `${pii.name} ${pii.phone} 同意接收短信` },
  });
  return { id: c.id as number, spouseId: spouse.id as number };
}

const orgTotal = async () => {
  const [row] = await t.deps.db
    .select({ total: sql<number>`coalesce(sum(${gifts.amount}), 0)::int8`.mapWith(Number) })
    .from(gifts)
    .where(and(eq(gifts.orgId, org.org.id)));
  return row!.total;
};

describe('export', () => {
  it('gives everything held about the person, as JSON and CSV, audited', async () => {
    const { id } = await personWithHistory();
    const json = await org.owner.get(url(`/contacts/${id}/export`));
    expect(json.status).toBe(200);
    const data = json.body;
    expect(data.profile).toMatchObject({
      name: pii.name,
      phone: '+8613712345678',
      email: pii.email,
      placeLabel: '四川省 成都市 武侯区',
    });
    expect(data.profile.tags.map((x: { name: string }) => x.name)).toEqual(['病患家属']);
    expect(data.customFields).toEqual([{ key: 'employer_name', label: '工作单位', value: '四川大学' }]);
    expect(data.notes[0].body).toBe(secretNote);
    expect(data.relationships[0]).toMatchObject({ type: 'spouse', contactName: '张伟' });
    expect(data.gifts.map((g: { amount: number }) => g.amount)).toEqual([50000, 1234]);
    expect(data.consents.current).toEqual([expect.objectContaining({ channel: 'sms', status: 'granted' })]);
    expect(data.timeline.length).toBeGreaterThanOrEqual(6);

    const csv = await org.owner.get(url(`/contacts/${id}/export?format=csv`));
    expect(csv.status).toBe(200);
    expect(String(csv.body).startsWith('\uFEFFsection,record,field,value')).toBe(true);
    expect(csv.body).toContain(`profile,${id},name,${pii.name}`);
    expect(csv.body).toContain(secretNote);
    // Cells a spreadsheet would run as formulas are kept as text.
    expect(csv.body).toContain(`profile,${id},phone,'+8613712345678`);

    const audit = (await org.owner.get(url(`/audit?action=contact.export&subjectId=${id}`))).body.items;
    expect(audit.map((a: { data: { format: string } }) => a.data.format)).toEqual(['csv', 'json']);
  });
});

describe('erasure', () => {
  it('removes the identity, keeps the gifts and the totals, and refuses later edits', async () => {
    const { id, spouseId } = await personWithHistory();
    const totalBefore = await orgTotal();
    await org.owner.patch(url(`/contacts/${id}`), { address: `${pii.address} 后门` });
    const auditBefore = await org.owner.get(url(`/audit?subjectType=contact&subjectId=${id}`));
    expect(JSON.stringify(auditBefore.body)).toContain(pii.address);
    await org.owner.patch(url(`/contacts/${id}`), { address: pii.address });
    const contactBefore = (await org.owner.get(url(`/contacts/${id}`))).body;

    const openings = async () =>
      (
        (await t.deps.db.execute(sql`select e.openings from ledger_entries e join gifts g
          on g.org_id = e.org_id and g.id = e.subject_id and e.subject_type = 'gift'
          where g.org_id = ${org.org.id} and g.contact_id = ${id}`)) as unknown as { rows: { openings: unknown }[] }
      ).rows.map((r) => r.openings);
    expect((await openings()).map((o) => Object.keys(o as object))).toEqual([['donor'], ['donor']]);
    const erased = await org.owner.post(url(`/contacts/${id}/erase`), { reason: '本人来电要求删除' });
    expect(erased.status).toBe(200);
    // The log keeps the donor commitments, but nothing can open them any more.
    expect(await openings()).toEqual([{}, {}]);
    expect(erased.body).toMatchObject({
      name: '已删除',
      phone: null,
      email: null,
      wechatId: null,
      address: null,
      custom: {},
      tags: [],
      placeLabel: '',
    });
    expect(erased.body.erasedAt).toBeTruthy();
    expect(erased.body.totalGiven).toEqual(contactBefore.totalGiven);
    expect(erased.body.giftCount).toBe(2);
    expect(await orgTotal()).toBe(totalBefore);

    const exported = await org.owner.get(url(`/contacts/${id}/export`));
    const text = JSON.stringify(exported.body);
    for (const value of [
      ...Object.values(pii),
      '+8613712345678',
      secretNote,
      '四川大学',
      '病患家属',
      '张伟',
      'zhangwei',
      'ouyang',
    ]) {
      expect(text, value).not.toContain(value);
    }
    const auditAfter = await org.owner.get(url(`/audit?subjectType=contact&subjectId=${id}&limit=500`));
    expect(auditAfter.body.items.length).toBeGreaterThan(0);
    const auditText = JSON.stringify(auditAfter.body);
    for (const value of [...Object.values(pii), '+8613712345678']) expect(auditText, value).not.toContain(value);

    expect(exported.body.gifts).toHaveLength(2);
    expect(exported.body.consents.current).toEqual([expect.objectContaining({ channel: 'sms', status: 'withdrawn' })]);
    expect(exported.body.timeline[0].type).toBe('erased');
    expect((await org.owner.get(url(`/contacts/${spouseId}/relationships`))).body).toEqual([]);

    for (const res of [
      await org.owner.patch(url(`/contacts/${id}`), { name: '又回来了' }),
      await org.owner.put(url(`/contacts/${id}/tags`), { tags: ['x'] }),
      await org.owner.post(url(`/contacts/${id}/notes`), { body: 'x' }),
      await org.owner.post(url(`/contacts/${id}/erase`), {}),
      await org.owner.post(url('/gifts'), {
        contactId: id,
        amount: 1,
        receivedAt: '2024-01-01T00:00:00Z',
        channel: 'cash',
      }),
      await org.owner.post(url(`/contacts/${id}/consents`), {
        channel: 'sms',
        purpose: 'x',
        status: 'withdrawn',
        source: 'staff',
      }),
      await org.owner.post(url(`/contacts/${spouseId}/relationships`), { relatedContactId: id, type: 'spouse' }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONTACT_ERASED');
    }
    const audit = (await org.owner.get(url(`/audit?action=contact.erase&subjectId=${id}`))).body.items;
    expect(audit[0].data).toEqual({ reason: '本人来电要求删除' });
  });

  it('is for roles with contacts:delete only', async () => {
    const { id } = await personWithHistory();
    const fundraiser = await org.member('fundraiser');
    expect((await fundraiser.post(url(`/contacts/${id}/erase`), {})).status).toBe(403);
    const admin = await org.member('admin');
    expect((await admin.post(url(`/contacts/${id}/erase`), {})).status).toBe(200);
  });
});
