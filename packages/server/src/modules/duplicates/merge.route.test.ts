import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { auditEvents } from '../audit/tables.ts';
import { consents } from '../consent/tables.ts';
import { contactActivities, contacts, contactTags, notes, relationships, tags } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { duplicateCandidates } from './tables.ts';
import { scanOrg, seedContact, seedGift } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.deps.db;

async function contactRow(orgId: string, id: number) {
  const [row] = await db()
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
  return row!;
}

/** Everything that hangs off a contact, as comparable ids. */
async function holdings(orgId: string, id: number) {
  const ids = async (table: typeof gifts | typeof consents | typeof notes | typeof contactActivities) =>
    (
      await db()
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.orgId, orgId), eq(table.contactId, id)))
        .orderBy(asc(table.id))
    ).map((r) => r.id);
  return {
    gifts: await ids(gifts),
    consents: await ids(consents),
    notes: await ids(notes),
    activities: await ids(contactActivities),
    tags: (
      await db()
        .select({ tagId: contactTags.tagId })
        .from(contactTags)
        .where(and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, id)))
        .orderBy(asc(contactTags.tagId))
    ).map((r) => r.tagId),
    relationships: await db()
      .select({
        id: relationships.id,
        contactId: relationships.contactId,
        relatedContactId: relationships.relatedContactId,
        type: relationships.type,
      })
      .from(relationships)
      .where(
        and(
          eq(relationships.orgId, orgId),
          or(eq(relationships.contactId, id), eq(relationships.relatedContactId, id)),
        ),
      )
      .orderBy(asc(relationships.id)),
  };
}

async function giftTotals(orgId: string, ids: number[]) {
  const rows = await db()
    .select()
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), inArray(gifts.contactId, ids)));
  const totals: Record<string, number> = {};
  for (const g of rows) totals[g.currency] = (totals[g.currency] ?? 0) + g.amount;
  return { count: rows.length, totals };
}

/** Two contacts of one person, each with gifts, consents, notes, tags, relationships and timeline rows. */
async function richPair(org: TestOrg) {
  const orgId = org.org.id;
  const survivor = await seedContact(db(), orgId, {
    name: '张伟',
    phone: '+8613800138000',
    cityCode: '110100',
    districtCode: '110105',
    address: '朝阳区建国路1号',
  });
  const merged = await seedContact(db(), orgId, {
    name: '章伟',
    phone: '+8613800138000',
    email: 'zw@example.org',
    gender: 'male',
    cityCode: '310100',
  });
  const friend = await seedContact(db(), orgId, { name: '李娜' });
  await seedGift(db(), orgId, survivor.id, 10_000);
  await seedGift(db(), orgId, merged.id, 25_050);
  await seedGift(db(), orgId, merged.id, 3_000, 'USD');
  await db()
    .insert(consents)
    .values([
      { orgId, contactId: merged.id, channel: 'sms', purpose: 'fundraising', status: 'granted', source: 'form' },
      { orgId, contactId: survivor.id, channel: 'email', purpose: 'newsletter', status: 'granted', source: 'staff' },
    ]);
  await db()
    .insert(notes)
    .values([{ orgId, contactId: merged.id, body: '99公益日 联系过' }]);
  const [shared, only] = await db()
    .insert(tags)
    .values([
      { orgId, name: '月捐' },
      { orgId, name: '志愿者' },
    ])
    .returning();
  await db()
    .insert(contactTags)
    .values([
      { orgId, contactId: survivor.id, tagId: shared!.id },
      { orgId, contactId: merged.id, tagId: shared!.id },
      { orgId, contactId: merged.id, tagId: only!.id },
    ]);
  await db()
    .insert(relationships)
    .values([
      { orgId, contactId: merged.id, relatedContactId: friend.id, type: 'spouse' },
      { orgId, contactId: friend.id, relatedContactId: merged.id, type: 'spouse' },
      { orgId, contactId: survivor.id, relatedContactId: merged.id, type: 'other', note: 'same person?' },
    ]);
  await db()
    .insert(contactActivities)
    .values([
      { orgId, contactId: merged.id, type: 'contact.created', summary: 'created' },
      { orgId, contactId: survivor.id, type: 'contact.created', summary: 'created' },
    ]);
  return { survivor, merged, friend, tagIds: [shared!.id, only!.id] };
}

const mergeUrl = (org: TestOrg) => `/api/orgs/${org.slug}/contacts/merge`;

describe('merge', () => {
  it('takes the chosen fields, moves every row to the survivor and loses nothing', async () => {
    const org = await buildOrg(t);
    const orgId = org.org.id;
    const { survivor, merged, friend, tagIds } = await richPair(org);
    await scanOrg(db(), orgId);
    const before = await giftTotals(orgId, [survivor.id, merged.id]);

    const response = await org.owner.post(mergeUrl(org), {
      survivorId: survivor.id,
      mergedId: merged.id,
      fields: { name: 'survivor', address: 'merged' },
    });
    expect(response.status).toBe(200);
    expect(response.body.choices).toMatchObject({
      name: 'survivor',
      phone: 'survivor',
      email: 'merged',
      gender: 'merged',
      address: 'merged',
    });
    expect(response.body.changedFields).toEqual([
      'gender',
      'email',
      'provinceCode',
      'cityCode',
      'districtCode',
      'address',
    ]);
    expect(response.body.moved).toEqual({ gifts: 2, consents: 1, notes: 1, activities: 1, relationships: 3, tags: 2 });

    const s = await contactRow(orgId, survivor.id);
    expect(s).toMatchObject({
      name: '张伟',
      phone: '+8613800138000',
      email: 'zw@example.org',
      gender: 'male',
      cityCode: '310100',
      districtCode: null,
      address: null,
      mergedIntoId: null,
    });
    expect((await contactRow(orgId, merged.id)).mergedIntoId).toBe(survivor.id);

    expect(await giftTotals(orgId, [survivor.id])).toEqual(before);
    expect(before).toEqual({ count: 3, totals: { CNY: 35_050, USD: 3_000 } });
    const moved = await holdings(orgId, survivor.id);
    const left = await holdings(orgId, merged.id);
    expect(left).toEqual({ gifts: [], consents: [], notes: [], activities: [], tags: [], relationships: [] });
    expect(moved.consents).toHaveLength(2);
    expect(moved.notes).toHaveLength(1);
    expect(moved.tags).toEqual(tagIds);
    // Relationships with others follow; the one between the two is set aside.
    expect(moved.relationships.map((r) => [r.contactId, r.relatedContactId])).toEqual([
      [survivor.id, friend.id],
      [friend.id, survivor.id],
    ]);

    const timeline = await db()
      .select()
      .from(contactActivities)
      .where(and(eq(contactActivities.orgId, orgId), eq(contactActivities.contactId, survivor.id)));
    expect(timeline.map((a) => a.type)).toEqual(expect.arrayContaining(['contact.merged']));
    expect(timeline).toHaveLength(3);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'contact.merge')));
    expect(audit).toMatchObject({ subjectType: 'contact', subjectId: String(survivor.id) });

    const [candidate] = await db().select().from(duplicateCandidates).where(eq(duplicateCandidates.orgId, orgId));
    expect(candidate).toMatchObject({ status: 'merged', mergeId: response.body.id });
    expect((await org.owner.get(`/api/orgs/${org.slug}/duplicates`)).body.total).toBe(0);
    expect((await org.owner.get(`/api/orgs/${org.slug}/merges/${response.body.id}`)).body).toMatchObject({
      id: response.body.id,
      undoneAt: null,
    });
  });

  it('undo restores both contacts and every row exactly', async () => {
    const org = await buildOrg(t);
    const orgId = org.org.id;
    const { survivor, merged } = await richPair(org);
    await scanOrg(db(), orgId);
    const survivorBefore = await holdings(orgId, survivor.id);
    const mergedBefore = await holdings(orgId, merged.id);
    const merge = await org.owner.post(mergeUrl(org), {
      survivorId: survivor.id,
      mergedId: merged.id,
      fields: { name: 'merged' },
    });
    expect(merge.status).toBe(200);
    expect((await contactRow(orgId, survivor.id)).name).toBe('章伟');

    const undo = await org.owner.post(`/api/orgs/${org.slug}/merges/${merge.body.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.keptFields).toEqual([]);
    expect(undo.body.undoneAt).toBeTruthy();

    const strip = ({ updatedAt: _u, ...row }: typeof survivor) => row;
    expect(strip(await contactRow(orgId, survivor.id))).toEqual(strip(survivor));
    expect(strip(await contactRow(orgId, merged.id))).toEqual(strip(merged));
    const survivorAfter = await holdings(orgId, survivor.id);
    expect({
      ...survivorAfter,
      activities: survivorAfter.activities.slice(0, survivorBefore.activities.length),
    }).toEqual(survivorBefore);
    expect(survivorAfter.activities).toHaveLength(survivorBefore.activities.length + 2); // merged, merge undone
    expect(await holdings(orgId, merged.id)).toEqual(mergedBefore);

    const [candidate] = await db().select().from(duplicateCandidates).where(eq(duplicateCandidates.orgId, orgId));
    expect(candidate).toMatchObject({ status: 'pending', mergeId: null });
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'contact.merge_undo')));
    expect(audits).toHaveLength(1);

    const again = await org.owner.post(`/api/orgs/${org.slug}/merges/${merge.body.id}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MERGE_NOT_REVERSIBLE');
    // The pair can be merged again after an undo.
    expect((await org.owner.post(mergeUrl(org), { survivorId: survivor.id, mergedId: merged.id })).status).toBe(200);
  });

  it('keeps a survivor field edited after the merge, and says so', async () => {
    const org = await buildOrg(t);
    const a = await seedContact(db(), org.org.id, { name: '刘洋', phone: '+8613700000001' });
    const b = await seedContact(db(), org.org.id, { name: '刘洋', phone: '+8613700000002', email: 'ly@example.org' });
    const merge = await org.owner.post(mergeUrl(org), {
      survivorId: a.id,
      mergedId: b.id,
      fields: { phone: 'merged' },
    });
    await db()
      .update(contacts)
      .set({ phone: '+8613700000003' })
      .where(and(eq(contacts.orgId, org.org.id), eq(contacts.id, a.id)));
    const undo = await org.owner.post(`/api/orgs/${org.slug}/merges/${merge.body.id}/undo`);
    expect(undo.body.keptFields).toEqual(['phone']);
    expect(await contactRow(org.org.id, a.id)).toMatchObject({ phone: '+8613700000003', email: null });
  });

  it('refuses to undo once the survivor was merged again or erased', async () => {
    const org = await buildOrg(t);
    const [a, b, c] = [
      await seedContact(db(), org.org.id, { name: '陈晨' }),
      await seedContact(db(), org.org.id, { name: '陈晨' }),
      await seedContact(db(), org.org.id, { name: '陈晨' }),
    ];
    const first = await org.owner.post(mergeUrl(org), { survivorId: a!.id, mergedId: b!.id });
    const second = await org.owner.post(mergeUrl(org), { survivorId: c!.id, mergedId: a!.id });
    expect(second.status).toBe(200);
    const undo = await org.owner.post(`/api/orgs/${org.slug}/merges/${first.body.id}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error.code).toBe('MERGE_NOT_REVERSIBLE');

    const d = await seedContact(db(), org.org.id, { name: '何平' });
    const e = await seedContact(db(), org.org.id, { name: '何平' });
    const third = await org.owner.post(mergeUrl(org), { survivorId: d.id, mergedId: e.id });
    await db()
      .update(contacts)
      .set({ erasedAt: new Date() })
      .where(and(eq(contacts.orgId, org.org.id), eq(contacts.id, d.id)));
    expect((await org.owner.post(`/api/orgs/${org.slug}/merges/${third.body.id}/undo`)).body.error.code).toBe(
      'MERGE_NOT_REVERSIBLE',
    );
  });

  it('lets exactly one of two racing merges of the same contacts succeed', async () => {
    const org = await buildOrg(t);
    const { survivor, merged } = await richPair(org);
    const responses = await Promise.all([
      org.owner.post(mergeUrl(org), { survivorId: survivor.id, mergedId: merged.id }),
      org.owner.post(mergeUrl(org), { survivorId: merged.id, mergedId: survivor.id }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('MERGE_CONFLICT');
    const winner = responses.find((r) => r.status === 200)!.body;
    expect(await giftTotals(org.org.id, [winner.survivorId])).toEqual({
      count: 3,
      totals: { CNY: 35_050, USD: 3_000 },
    });

    const same = await Promise.all([
      org.owner.post(mergeUrl(org), {
        survivorId: winner.survivorId,
        mergedId: (await seedContact(db(), org.org.id, { name: 'x' })).id,
      }),
    ]);
    expect(same[0]!.status).toBe(200);
  });

  it('answers clear errors for itself, unknown, other-org and already merged contacts', async () => {
    const org = await buildOrg(t);
    const other = await buildOrg(t);
    const a = await seedContact(db(), org.org.id, { name: '甲' });
    const b = await seedContact(db(), org.org.id, { name: '乙' });
    const foreign = await seedContact(db(), other.org.id, { name: '丙' });

    const self = await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: a.id });
    expect(self.status).toBe(400);
    expect(self.body.error.fields[0].path).toBe('body.mergedId');
    expect((await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: foreign.id })).status).toBe(404);
    expect((await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: 999_999_999 })).status).toBe(404);
    const badField = await org.owner.post(mergeUrl(org), {
      survivorId: a.id,
      mergedId: b.id,
      fields: { name: 'both' },
    });
    expect(badField.status).toBe(400);
    const unknownField = await org.owner.post(mergeUrl(org), {
      survivorId: a.id,
      mergedId: b.id,
      fields: { password: 'merged' },
    });
    expect(unknownField.status).toBe(400);

    expect((await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id })).status).toBe(200);
    const again = await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MERGE_CONFLICT');
    // The merged-away contact is read-only: changes belong on the survivor.
    const contactUrl = `/api/orgs/${org.slug}/contacts/${b.id}`;
    for (const write of [
      await org.owner.patch(contactUrl, { name: '改名' }),
      await org.owner.post(`${contactUrl}/notes`, { body: '备注' }),
    ]) {
      expect(write.status).toBe(409);
      expect(write.body.error.code).toBe('CONTACT_MERGED');
      expect(write.body.error.message).toContain(`#${a.id}`);
    }
    const c = await seedContact(db(), org.org.id, { name: '丁' });
    await db()
      .update(contacts)
      .set({ erasedAt: new Date() })
      .where(and(eq(contacts.orgId, org.org.id), eq(contacts.id, c.id)));
    expect((await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: c.id })).body.error.code).toBe(
      'CONTACT_ERASED',
    );
  });

  it('needs contacts:merge', async () => {
    const org = await buildOrg(t);
    const a = await seedContact(db(), org.org.id, { name: '甲' });
    const b = await seedContact(db(), org.org.id, { name: '乙' });
    for (const role of ['viewer', 'coordinator'] as const) {
      const member = await org.member(role);
      const denied = await member.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id });
      expect(denied.status).toBe(403);
    }
    const fundraiser = await org.member('fundraiser');
    const merge = await fundraiser.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id });
    expect(merge.status).toBe(200);
    const viewer = await org.member('viewer');
    expect((await viewer.post(`/api/orgs/${org.slug}/merges/${merge.body.id}/undo`)).status).toBe(403);
    expect((await fundraiser.post(`/api/orgs/${org.slug}/merges/${merge.body.id}/undo`)).status).toBe(200);
  });

  it("gives another organization 404 for this one's merges and contacts", async () => {
    const org = await buildOrg(t);
    const other = await buildOrg(t);
    const a = await seedContact(db(), org.org.id, { name: '甲' });
    const b = await seedContact(db(), org.org.id, { name: '乙' });
    const merge = await org.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id });
    expect((await other.owner.get(`/api/orgs/${other.slug}/merges/${merge.body.id}`)).status).toBe(404);
    expect((await other.owner.post(`/api/orgs/${other.slug}/merges/${merge.body.id}/undo`)).status).toBe(404);
    expect((await other.owner.post(mergeUrl(other), { survivorId: a.id, mergedId: b.id })).status).toBe(404);
    expect((await other.owner.post(mergeUrl(org), { survivorId: a.id, mergedId: b.id })).status).toBe(404);
    expect((await contactRow(org.org.id, b.id)).mergedIntoId).toBe(a.id);
  });
});
