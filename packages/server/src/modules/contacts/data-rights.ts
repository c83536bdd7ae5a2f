import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit, redactAuditData } from '../audit/index.ts';
import { consents } from '../consent/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { noteRows } from './notes.ts';
import { presentContact } from './present.ts';
import * as repo from './repo.ts';
import { inverseOf, relationshipRows } from './relationships.ts';
import { actorUserId, contactDetail, loadContact, loadWritableContact } from './service.ts';
import { contactActivities, contactTags, notes, relationships } from './tables.ts';
import { timelineRows } from './timeline.ts';
import { forgetDonorOpenings } from '../ledger/index.ts';
// Not through volunteers/index.ts: that module imports this one's index, and this file is reached from it.
import { contactVolunteeringOf } from '../volunteers/volunteering.ts';

export const ERASED_NAME = '已删除';

/** Everything held about one person (PIPL art. 45: access and copy), as plain data. */
async function collect(db: Db, orgId: string, contactId: number) {
  const detail = await contactDetail(db, await loadContact(db, orgId, contactId));
  const fields = await repo.listCustomFields(db, orgId);
  const giftRows = await db
    .select()
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.contactId, contactId)))
    .orderBy(asc(gifts.receivedAt), asc(gifts.id));
  const consentRows = await db
    .select()
    .from(consents)
    .where(and(eq(consents.orgId, orgId), eq(consents.contactId, contactId)))
    .orderBy(asc(consents.recordedAt), asc(consents.id));
  const consentHistory = consentRows.map((c) => ({
    id: c.id,
    channel: c.channel,
    purpose: c.purpose,
    status: c.status,
    source: c.source,
    evidence: c.evidence,
    recordedAt: c.recordedAt.toISOString(),
  }));
  // Later records win: the current state per channel and purpose.
  const current = new Map(consentHistory.map((c) => [`${c.channel}\u0000${c.purpose}`, c]));
  const timeline = await timelineRows(db, orgId, contactId, { limit: 100_000 });
  return {
    profile: presentContact(detail),
    customFields: fields
      .filter((f) => detail.contact.custom[f.key] !== undefined)
      .map((f) => ({ key: f.key, label: f.label, value: detail.contact.custom[f.key] })),
    notes: (await noteRows(db, orgId, contactId)).map((n) => ({
      id: n.id,
      body: n.body,
      author: n.authorName,
      createdAt: n.createdAt.toISOString(),
    })),
    relationships: (await relationshipRows(db, orgId, contactId)).map((r) => ({
      id: r.id,
      type: r.type,
      contactId: r.contact.id,
      contactName: r.contact.name,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
    })),
    gifts: giftRows.map((g) => ({
      id: g.id,
      kind: g.kind,
      amount: g.amount,
      currency: g.currency,
      receivedAt: g.receivedAt.toISOString(),
      channel: g.channel,
      campaign: g.campaign,
      fund: g.fund,
      paymentReference: g.paymentReference,
      inKindDescription: g.inKindDescription,
      externalId: g.externalId,
    })),
    consents: { current: [...current.values()], history: consentHistory },
    volunteering: await contactVolunteeringOf(db, orgId, contactId),
    timeline: timeline.items.map((t) => ({ at: t.at.toISOString(), type: t.type, summary: t.summary, data: t.data })),
  };
}
export type ContactExport = Awaited<ReturnType<typeof collect>> & { exportedAt: string; organization: string };

/** The export, audited as `contact.export`. */
export async function exportContact(
  db: Db,
  ctx: OrgContext,
  contactId: number,
  format: 'json' | 'csv',
): Promise<ContactExport> {
  return db.transaction(async (tx) => {
    const data = await collect(tx, ctx.org.id, contactId);
    await recordAudit(tx, ctx, {
      action: 'contact.export',
      subjectType: 'contact',
      subjectId: contactId,
      data: { format },
    });
    return { exportedAt: new Date().toISOString(), organization: ctx.org.name, ...data };
  });
}

/**
 * Erasure (PIPL art. 47): the identity goes, the row and its gifts stay so that financial totals
 * remain true. Consents still granted are withdrawn, so nothing is ever sent to the erased person.
 */
export async function eraseContact(db: Db, ctx: OrgContext, contactId: number, reason?: string) {
  return db.transaction(async (tx) => {
    const orgId = ctx.org.id;
    await loadWritableContact(tx, orgId, contactId);
    const actor = actorUserId(ctx);
    const row = await repo.updateContact(tx, orgId, contactId, {
      name: ERASED_NAME,
      namePinyin: '',
      nameInitials: '',
      gender: null,
      phone: null,
      email: null,
      wechatId: null,
      provinceCode: null,
      cityCode: null,
      districtCode: null,
      address: null,
      postalCode: null,
      custom: {},
      erasedAt: new Date(),
    });
    await tx
      .update(notes)
      .set({ body: '' })
      .where(and(eq(notes.orgId, orgId), eq(notes.contactId, contactId)));
    await tx.delete(contactTags).where(and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, contactId)));
    const removed = await tx
      .delete(relationships)
      .where(
        and(
          eq(relationships.orgId, orgId),
          or(eq(relationships.contactId, contactId), eq(relationships.relatedContactId, contactId)),
        ),
      )
      .returning();
    for (const rel of removed) {
      const otherId = rel.contactId === contactId ? rel.relatedContactId : rel.contactId;
      await repo.insertActivity(tx, orgId, otherId, {
        type: 'relationship_removed',
        summary: 'Relationship removed: the other contact was erased',
        data: {
          relationshipId: rel.id,
          type: rel.contactId === otherId ? rel.type : inverseOf[rel.type],
          otherErased: true,
        },
        actorUserId: actor,
      });
    }
    // Timeline lines may quote personal details; keep only what happened and when.
    await tx
      .update(contactActivities)
      .set({ summary: sql`${contactActivities.type}`, data: {} })
      .where(and(eq(contactActivities.orgId, orgId), eq(contactActivities.contactId, contactId)));
    await tx.execute(sql`
      update ${consents} set evidence = jsonb_build_object('type', evidence->'type', 'erased', true)
      where org_id = ${orgId} and contact_id = ${contactId}`);
    await tx.execute(sql`
      insert into ${consents} (org_id, contact_id, channel, purpose, status, source, evidence, recorded_by)
      select org_id, contact_id, channel, purpose, 'withdrawn', 'staff', '{"type":"erasure"}'::jsonb, ${actor}::uuid
      from (select distinct on (channel, purpose) * from ${consents}
            where org_id = ${orgId} and contact_id = ${contactId}
            order by channel, purpose, recorded_at desc, id desc) latest
      where status = 'granted'`);
    await redactAuditData(tx, orgId, 'contact', contactId);
    await forgetDonorOpenings(tx, orgId, contactId);
    // A mailing's report keeps the copy and its fate, not the address.
    await tx.execute(
      sql`update mailing_recipients set email = '' where org_id = ${orgId} and contact_id = ${contactId}`,
    );
    // So does an SMS send's report, without the phone number.
    await tx.execute(sql`update sms_recipients set phone = '' where org_id = ${orgId} and contact_id = ${contactId}`);
    // Volunteer places keep their shifts and hours (the totals stay true), not what staff noted of the person.
    await tx.execute(sql`update volunteer_signups set note = '' where org_id = ${orgId} and contact_id = ${contactId}`);
    await repo.insertActivity(tx, orgId, contactId, {
      type: 'erased',
      summary: 'Personal data erased',
      actorUserId: actor,
    });
    await recordAudit(tx, ctx, {
      action: 'contact.erase',
      subjectType: 'contact',
      subjectId: contactId,
      data: { reason: reason ?? null },
    });
    return contactDetail(tx, row);
  });
}
