import { sql } from 'drizzle-orm';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powCaptchaProvider } from '../../adapters/captcha/index.ts';
import { getPage, postForm, testApp, type TestApp } from '../../testing/app.ts';
// After the test app: imported first, the app's modules load in an order that meets an import cycle.
import { buildApp } from '../../http/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { forgetExpiredCaptchaSolutions } from './captcha-store.ts';

let t: TestApp;
let o: TestOrg;
let formId: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const created = await o.owner.post(`/api/orgs/${o.slug}/forms`, {
    title: '防刷表单',
    slug: 'guarded',
    fields: [
      { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
      { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
    ],
    settings: { captcha: true },
  });
  formId = created.body.id;
  expect(created.body.settings.captcha).toBe(true);
  await o.owner.post(`/api/orgs/${o.slug}/forms/${formId}/open`);
});
afterAll(() => t?.close());

type Challenge = Parameters<typeof solveChallenge>[0]['challenge'];

/** What the page's script does: solve the challenge and send it back with its solution, base64 JSON. */
async function solved(challenge: unknown) {
  const solution = await solveChallenge({ challenge: challenge as Challenge, deriveKey });
  return { challenge, solution: solution! };
}
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');

async function freshAnswer() {
  const res = await t.app.inject({ method: 'GET', url: '/api/captcha' });
  expect(res.headers['cache-control']).toBe('no-store');
  return encode(await solved(res.json().challenge));
}

const submit = (captcha: string | undefined, phone = '13600136000') =>
  t.app.inject({
    method: 'POST',
    url: `/api/forms/${o.slug}/guarded`,
    payload: { answers: { name: '陈晨', phone }, ...(captcha === undefined ? {} : { captcha }) },
  });

const responses = async () =>
  (
    (await t.deps.db.execute(
      sql`select count(*)::int as n from form_responses where org_id = ${o.org.id} and form_id = ${formId}`,
    )) as unknown as { rows: { n: number }[] }
  ).rows[0]!.n;

const refusal = (message: string) => ({
  error: { code: 'CAPTCHA_FAILED', fields: [{ path: 'body.captcha', message }] },
});

describe('a form that asks for a captcha (需要人机验证)', () => {
  it('refuses a missing, malformed, wrong or expired answer with CAPTCHA_FAILED at body.captcha, writing nothing', async () => {
    const missing = await submit(undefined);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject(refusal('captcha missing'));
    expect((await submit('not base64 json')).json()).toMatchObject(refusal('captcha malformed'));

    const { challenge, solution } = await solved(
      ((await t.deps.captcha.challenge()) as { challenge: unknown }).challenge,
    );
    const wrongKey = await submit(encode({ challenge, solution: { ...solution, derivedKey: '00'.repeat(32) } }));
    expect(wrongKey.json()).toMatchObject(refusal('captcha wrong'));
    // A challenge of another key (another instance) is refused on its signature.
    const stranger = powCaptchaProvider(
      { secretKey: 'another-instance-secret-key-0123456789' },
      { clock: t.deps.clock },
    );
    const foreign = await solved(((await stranger.challenge()) as { challenge: unknown }).challenge);
    expect((await submit(encode(foreign))).json()).toMatchObject(refusal('captcha wrong'));

    const anHourAgo = { now: () => new Date(Date.now() - 60 * 60_000) };
    const old = powCaptchaProvider({ secretKey: t.deps.config.SECRET_KEY }, { clock: anHourAgo });
    const stale = await solved(((await old.challenge()) as { challenge: unknown }).challenge);
    expect((await submit(encode(stale))).json()).toMatchObject(refusal('captcha expired'));

    expect(await responses()).toBe(0);
    const kept = await t.deps.db.execute(sql`select 1 from captcha_solutions`);
    expect((kept as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it('takes a correct answer once: sent again, even to another server process, it is refused', async () => {
    const answer = await freshAnswer();
    const first = await submit(answer);
    expect(first.statusCode).toBe(201);
    expect(await responses()).toBe(1);
    const again = await submit(answer, '13600136001');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject(refusal('captcha already used'));
    // Another app over the same database (as a second process would be) with its own provider instance.
    const other = await buildApp({
      ...t.deps,
      captcha: powCaptchaProvider({ secretKey: t.deps.config.SECRET_KEY }, { clock: t.deps.clock }),
    });
    const elsewhere = await other.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/guarded`,
      payload: { answers: { name: '陈晨', phone: '13600136002' }, captcha: answer },
    });
    await other.close();
    expect(elsewhere.json()).toMatchObject(refusal('captcha already used'));
    expect(await responses()).toBe(1);
  });

  it('a form without the setting takes answers without one; the honeypot still answers as received', async () => {
    const plain = await o.owner.post(`/api/orgs/${o.slug}/forms`, {
      title: '普通表单',
      slug: 'plain',
      fields: [{ key: 'name', type: 'text', label: '姓名', required: true }],
    });
    await o.owner.post(`/api/orgs/${o.slug}/forms/${plain.body.id}/open`);
    const unguarded = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/plain`,
      payload: { answers: { name: '陈晨' } },
    });
    expect(unguarded.statusCode).toBe(201);
    const bot = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/guarded`,
      payload: { answers: { name: 'bot', phone: '13600136004' }, website: 'http://spam.example' },
    });
    expect(bot.statusCode).toBe(201);
    expect(await responses()).toBe(1);
  });

  it('on the public page: a fresh challenge in each view, the form shown again when the check fails, thanks when it passes', async () => {
    const url = `/f/${o.slug}/guarded`;
    const page = await getPage(t, url);
    expect(page.headers['cache-control']).toBe('no-store');
    const challengeOf = (body: string) =>
      JSON.parse(/data-challenge="([^"]+)"/.exec(body)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
    const shown = challengeOf(page.body);
    expect(challengeOf((await getPage(t, url)).body).signature).not.toBe(shown.signature);
    // No script ran: no answer.
    const refused = await postForm(t, url, { name: '林', phone: '13600136005' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('人机验证没有通过');
    expect(refused.body).toContain('value="林"');
    expect(await responses()).toBe(1);
    const passed = await postForm(t, url, { name: '林', phone: '13600136005', captcha: encode(await solved(shown)) });
    expect(passed.statusCode).toBe(303);
    expect(await responses()).toBe(2);
  });

  it('forgets used solutions once they have expired', async () => {
    expect(await forgetExpiredCaptchaSolutions(t.deps.db, new Date())).toBe(0);
    expect(await forgetExpiredCaptchaSolutions(t.deps.db, new Date(Date.now() + 60 * 60_000))).toBe(2);
  });
});
