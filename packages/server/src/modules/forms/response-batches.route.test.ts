import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { RawAnswers } from './answers.ts';
import type { ResponseRow } from './repo.ts';
import { ResponseQueue } from './response-batches.ts';
import { publicForm, submitResponse } from './submit.ts';

let t: TestApp;
let o: TestOrg;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
});
afterAll(async () => {
  await t?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

/** An open form with a name, a phone, an email and an SMS consent, tagged 志愿者. */
async function openForm(title: string, settings: Record<string, unknown> = {}) {
  const { body } = await o.owner.post(`/api/orgs/${o.slug}/forms`, {
    title,
    fields: [
      { key: 'name', type: 'text', label: '姓名', mapTo: 'name' },
      { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
      { key: 'email', type: 'email', label: '邮箱', mapTo: 'email' },
      { key: 'sms', type: 'consent', label: '同意接收短信通知', consent: { channel: 'sms', purpose: 'volunteering' } },
    ],
    settings: { tags: ['志愿者'], ...settings },
  });
  await o.owner.post(`/api/orgs/${o.slug}/forms/${body.id}/open`);
  const found = await publicForm(t.deps.db, o.slug, body.slug);
  return { org: found!.org, formId: found!.form.id };
}

/**
 * Submits all at once: the first goes alone, the others wait for it and go together as one batch. Each
 * answer settles as its response or its refusal.
 */
function submitTogether(queue: ResponseQueue, target: Awaited<ReturnType<typeof openForm>>, answers: RawAnswers[]) {
  return Promise.allSettled(
    answers.map((raw) => queue.submit(target, { raw, now: new Date(), prefix: 'body.answers' }, console)),
  );
}

/** The transaction that wrote each response (its xmin), so a test sees which were written together. */
async function writtenBy(responses: ResponseRow[]) {
  const found = await rows<{ id: number; xmin: string }>(
    sql`select id::int as id, xmin::text as xmin from form_responses where org_id = ${o.org.id}
        and id in (${sql.join(
          responses.map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
  );
  return responses.map((r) => found.find((f) => f.id === r.id)!.xmin);
}

const responseOf = (settled: PromiseSettledResult<ResponseRow>) => {
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
};
const refusalOf = (settled: PromiseSettledResult<ResponseRow>) =>
  settled.status === 'rejected' && settled.reason instanceof AppError ? settled.reason : undefined;

describe('submissions recorded together', () => {
  it('records a batch in one transaction, each a contact as before; an invalid answer is refused alone', async () => {
    const target = await openForm('一起提交');
    const settled = await submitTogether(new ResponseQueue(t.deps.db), target, [
      { name: '先到', phone: '13900000001', sms: 'on' },
      { name: '甲', phone: '13900000002', sms: 'on' },
      { name: '乙', phone: 'abc' },
      { name: '丙', phone: '13900000003', email: 'bing@example.org' },
    ]);
    expect(refusalOf(settled[2]!)?.fields).toEqual([{ path: 'body.answers.phone', message: 'not a mobile number' }]);
    const [first, a, , c] = [settled[0]!, settled[1]!, settled[2]!, settled[3]!].map((s, i) =>
      i === 2 ? undefined : responseOf(s),
    );
    // The first went alone; the two valid ones after it were written by one transaction.
    const [firstTx, aTx, cTx] = await writtenBy([first!, a!, c!]);
    expect(aTx).toBe(cTx);
    expect(firstTx).not.toBe(aTx);

    const contacts = await rows<{ id: number; name: string; source: string }>(
      sql`select id::int as id, name, source from contacts where org_id = ${o.org.id} and phone like '+86139000000%' order by phone`,
    );
    expect(contacts.map((c) => c.name)).toEqual(['先到', '甲', '丙']);
    expect([first, a, c].map((r) => [r!.status, r!.contactId])).toEqual(contacts.map((c) => ['synced', c.id]));
    for (const contact of contacts) {
      const lines = await rows<{ type: string }>(
        sql`select type from contact_activities where org_id = ${o.org.id} and contact_id = ${contact.id} order by type`,
      );
      const ticked = contact.name !== '丙';
      expect(lines.map((l) => l.type)).toEqual([...(ticked ? ['consent'] : []), 'created', 'form', 'tag_added']);
      const audit = await rows<{ action: string }>(
        sql`select action from audit_events where org_id = ${o.org.id} and subject_type = 'contact'
            and subject_id = ${String(contact.id)} order by action`,
      );
      expect(audit.map((e) => e.action)).toEqual([...(ticked ? ['consent.record'] : []), 'contact.create']);
      const tags = await rows<{ name: string }>(
        sql`select t.name from contact_tags ct join tags t on t.org_id = ct.org_id and t.id = ct.tag_id
            where ct.org_id = ${o.org.id} and ct.contact_id = ${contact.id}`,
      );
      expect(tags.map((tag) => tag.name)).toEqual(['志愿者']);
    }
    const consents = await rows<{ contact_id: number; evidence: { ref: string; text: string } }>(
      sql`select contact_id::int as contact_id, evidence from consents where org_id = ${o.org.id} order by contact_id`,
    );
    expect(consents.map((x) => [x.contact_id, x.evidence.ref, x.evidence.text])).toEqual(
      [first!, a!].map((r) => [r.contactId, `form:${target.formId}/response:${r.id}`, '同意接收短信通知']),
    );
  });

  it('makes one contact of one new person answering twice in a batch, and flags the second', async () => {
    const target = await openForm('同一个人');
    const settled = await submitTogether(new ResponseQueue(t.deps.db), target, [
      { phone: '13900000011' },
      { name: '王', phone: '13900000012', email: 'wang@example.org' },
      { name: '王', phone: '13900000012' },
      { name: '王', phone: '13900000013', email: 'wang@example.org' },
    ]);
    const [, first, again, byEmail] = settled.map(responseOf);
    expect(new Set(await writtenBy([first!, again!, byEmail!])).size).toBe(1);
    expect(first).toMatchObject({ status: 'synced' });
    expect(again).toMatchObject({ status: 'duplicate', contactId: null, matchedContactId: first!.contactId });
    expect(byEmail).toMatchObject({ status: 'duplicate', contactId: null, matchedContactId: first!.contactId });
    const wang = await rows(
      sql`select 1 from contacts where org_id = ${o.org.id} and (phone = '+8613900000012' or email = 'wang@example.org')`,
    );
    expect(wang).toHaveLength(1);
  });

  it('never passes a limit, with a batch and single answers (a volunteer sign-up) at once', async () => {
    const target = await openForm('限额', { responseLimit: 4 });
    const phones = Array.from({ length: 8 }, (_, i) => `1390000010${i}`);
    const batched = submitTogether(
      new ResponseQueue(t.deps.db),
      target,
      [...phones.slice(0, 5), 'abc'].map((phone) => ({ phone })),
    );
    const single = phones.slice(5).map((phone) =>
      submitResponse(t.deps.db, target, { phone }, new Date()).then(
        (): string => 'taken',
        (error: AppError): string => error.code,
      ),
    );
    const outcomes: (string | undefined)[] = [
      ...(await batched).map((s) => (s.status === 'fulfilled' ? 'taken' : refusalOf(s)?.code)),
    ];
    outcomes.push(...(await Promise.all(single)));
    expect(outcomes.filter((x) => x === 'taken')).toHaveLength(4);
    expect(outcomes.filter((x) => x !== 'taken').every((x) => x === 'FORM_FULL' || x === 'VALIDATION_FAILED')).toBe(
      true,
    );
    const [count] = await rows<{ n: number }>(
      sql`select count(*)::int as n from form_responses where org_id = ${o.org.id} and form_id = ${target.formId}`,
    );
    expect(count!.n).toBe(4);
  });

  it('takes the answers of a batch up to the limit in order, refusing the rest as full', async () => {
    const target = await openForm('限额按顺序', { responseLimit: 3 });
    const settled = await submitTogether(
      new ResponseQueue(t.deps.db),
      target,
      ['13900000201', '13900000202', 'abc', '13900000203', '13900000204', '13900000205'].map((phone) => ({ phone })),
    );
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'taken' : refusalOf(s)?.code))).toEqual([
      'taken',
      'taken',
      'VALIDATION_FAILED',
      'taken',
      'FORM_FULL',
      'FORM_FULL',
    ]);
  });

  it('goes one by one when a batch fails, writing nothing twice and answering each on its own', async () => {
    const target = await openForm('重来');
    const { db } = t.deps;
    let gate: (() => void) | undefined;
    let failNext = false;
    // The first transaction waits at the gate while the others queue; the batch after it is written,
    // then fails at the end (as a lost connection at commit would), so all of it is rolled back.
    const flaky = Object.create(db, {
      transaction: {
        value: async <T>(work: (tx: Db) => Promise<T>) => {
          if (!gate) {
            await new Promise<void>((resolve) => (gate = resolve));
            return db.transaction(work);
          }
          if (!failNext) return db.transaction(work);
          failNext = false;
          return db.transaction(async (tx) => {
            await work(tx);
            throw new Error('connection lost');
          });
        },
      },
    }) as Db;
    const warnings: unknown[] = [];
    const queue = new ResponseQueue(flaky);
    const answers = [
      { phone: '13900000301' },
      { name: '甲', phone: '13900000302', sms: 'on' },
      { name: '乙', phone: '12' },
      { name: '丙', phone: '13900000303', sms: 'on' },
    ];
    const settled = Promise.allSettled(
      answers.map((raw) =>
        queue.submit(
          target,
          { raw, now: new Date(), prefix: 'body.answers' },
          { warn: (x: unknown) => warnings.push(x) },
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    failNext = true;
    gate!();
    const [first, a, bad, c] = await settled;
    expect(refusalOf(bad!)?.code).toBe('VALIDATION_FAILED');
    expect(warnings).toHaveLength(1);
    // Each went in a transaction of its own.
    const [aTx, cTx] = await writtenBy([responseOf(a!), responseOf(c!)]);
    expect(aTx).not.toBe(cTx);
    expect([first, a, c].map((s) => responseOf(s!).status)).toEqual(['synced', 'synced', 'synced']);
    const written = await rows<{ phone: string; consents: number }>(
      sql`select c.phone, (select count(*)::int from consents k where k.org_id = c.org_id and k.contact_id = c.id) as consents
          from contacts c where c.org_id = ${o.org.id} and c.phone like '+86139000003%' order by c.phone`,
    );
    expect(written).toEqual([
      { phone: '+8613900000301', consents: 0 },
      { phone: '+8613900000302', consents: 1 },
      { phone: '+8613900000303', consents: 1 },
    ]);
    const [responses] = await rows<{ n: number }>(
      sql`select count(*)::int as n from form_responses where org_id = ${o.org.id} and form_id = ${target.formId}`,
    );
    expect(responses!.n).toBe(3);
  });
});
