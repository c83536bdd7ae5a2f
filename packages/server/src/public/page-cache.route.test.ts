import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, testApp, type TestApp } from '../testing/app.ts';
import { buildLiveCampaign, buildOrg, type TestOrg } from '../testing/factories.ts';
import { notifySandbox } from '../testing/sandbox-payments.ts';

let t: TestApp;
let o: TestOrg;

beforeAll(async () => {
  t = await testApp({ env: { PAGE_CACHE_MS: '60000' } });
  o = await buildOrg(t);
  await buildLiveCampaign(o, 'lunch');
});
afterAll(() => t?.close());

const tokenOf = (html: string) => /name="submitToken" value="([^"]+)"/.exec(html)![1]!;

describe('a cached campaign page', () => {
  it('keeps its figures for the cache lifetime but gives every visitor their own form token', async () => {
    const first = await getPage(t, `/c/${o.slug}/lunch`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const given = await postForm(t, `/c/${o.slug}/lunch/give`, {
      submitToken: tokenOf(first.body),
      amount: '2000',
      provider: 'sandbox',
      name: '周八',
      phone: '13800138002',
    });
    expect(given.statusCode).toBe(303);
    const order = await t.app.inject({ method: 'GET', url: `${given.headers.location}`.replace(/\?.*/, '') });
    const orderNo = /CW\d{8}[0-9A-F]{16}/.exec(order.body)![0];
    expect((await notifySandbox(t, { orderNo, amount: 2000 })).statusCode).toBe(200);

    const second = await getPage(t, `/c/${o.slug}/lunch`);
    expect(tokenOf(second.body)).not.toBe(tokenOf(first.body));
    expect(second.body).not.toContain('__submit_token__');
    // Same figures as the first view: read again only once the cache lifetime has passed.
    expect(second.body.replace(tokenOf(second.body), '')).toBe(first.body.replace(tokenOf(first.body), ''));

    const english = await getPage(t, `/c/${o.slug}/lunch?lang=en`);
    expect(english.body).toContain('lang="en"');
    expect((await getPage(t, `/c/${o.slug}/none`)).statusCode).toBe(404);
  });
});
