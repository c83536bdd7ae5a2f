import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/app.ts';
import { buildOrg, type TestOrg } from '../testing/factories.ts';
import { buildJourney, type JourneyCodes } from '../testing/journey.ts';
import { integrateOnce } from '../modules/ledger/index.ts';
import { ensureLogState } from '../modules/ledger/log-state.ts';

// No job workers here: entries stay unsigned until the test integrates them itself.
let t: TestApp;
let org: TestOrg;
let codes: JourneyCodes;

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
  codes = await buildJourney(t, org);
});
afterAll(() => t.close());

const page = async (url: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, type: String(res.headers['content-type']), text: res.body, headers: res.headers };
};

/** The page's scripts, which must all be this server's bundled assets, and their total size. */
async function scriptsOf(text: string) {
  const tags = [...text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  let bytes = 0;
  for (const tag of tags) {
    const src = /src="(\/assets\/[\w.-]+\.js)"/.exec(tag)?.[1];
    expect(src, tag).toBeDefined();
    const script = await page(src!);
    expect(script.status).toBe(200);
    expect(script.type).toContain('javascript');
    expect(script.headers['cache-control']).toContain('immutable');
    bytes += Buffer.byteLength(script.text);
  }
  return { count: tags.length, bytes };
}

/** A public page stays small (HTML with its inline CSS, plus its scripts) and loads nothing from elsewhere. */
async function expectLightPage(text: string) {
  expect(text).not.toMatch(/https?:\/\//);
  const scripts = await scriptsOf(text);
  expect(scripts.count).toBe(1);
  expect(Buffer.byteLength(text) + scripts.bytes).toBeLessThan(50_000);
}

describe('the donor tracking page /t/<code>', () => {
  it("follows the oldest gift into the project's first expenses by FIFO, with every step's entry", async () => {
    const { status, type, text } = await page(`/t/${codes.older!.toLowerCase()}`);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    for (const word of [
      '收到捐赠',
      '拨付到项目',
      '用于支出',
      '项目交付',
      '¥300.00',
      '图书采购',
      '图书 300 册',
      '先进先出',
    ]) {
      expect(text, word).toContain(word);
    }
    // 300.00 received: 350.00 of books takes all of it, so none of it paid the freight.
    expect(text).not.toContain('运输');
    for (const code of [codes.older, codes.allocation, codes.books, codes.delivery])
      expect(text).toContain(`data-code="${code}"`);
    for (const secret of ['王小明', '13912345678', 'SCHOOL-07', '新华书店', '校长签收'])
      expect(text).not.toContain(secret);
    await expectLightPage(text);
    expect(text).toContain('id="verify"');
  });

  it('shows the newer gift paying the rest of the books and the freight', async () => {
    const { text } = await page(`/t/${codes.newer}`);
    expect(text).toContain('¥50.00');
    expect(text).toContain('运输');
    expect(text).toContain(`data-code="${codes.freight}"`);
  });

  it('answers 404 for unknown codes and codes of other entries', async () => {
    expect((await page('/t/0000000000000000')).status).toBe(404);
    expect((await page('/t/not-a-code')).status).toBe(404);
    expect((await page(`/t/${codes.books}`)).status).toBe(404);
  });
});

describe('the project transparency page /p/<org>/<project>', () => {
  it('shows raised, allocated, spent and balance, expenses by category and date, and escapes text', async () => {
    const { status, text } = await page(`/p/${org.slug}/books`);
    expect(status).toBe(200);
    expect(text).toContain('乡村图书角 &lt;b&gt;');
    for (const figure of ['¥500.00', '¥400.00', '¥100.00']) expect(text, figure).toContain(figure);
    expect(text).toContain('图书采购');
    expect(text).toContain('2025-03-05');
    for (const code of [codes.allocation, codes.books, codes.freight, codes.delivery])
      expect(text).toContain(`data-code="${code}"`);
    expect(text).not.toContain('新华书店');
    await expectLightPage(text);
    expect(text).toContain('id="verify"');
    expect((await page(`/p/${org.slug}/nothing`)).status).toBe(404);
    expect((await page(`/p/no-such-org/books`)).status).toBe(404);
  });
});

describe('the pages in English', () => {
  it('follow ?lang=en, or an English browser, and keep zh-CN for everyone else', async () => {
    const english = await page(`/t/${codes.older}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    for (const words of ['Where this gift went', 'Allocated to a project', 'Verify every entry on this device'])
      expect(english.text).toContain(words);
    expect(english.text).toContain(`/p/${org.slug}/books?lang=en`);
    expect((await page(`/t/${codes.older}`, { 'accept-language': 'en-US,en;q=0.9' })).text).toContain(
      'Where this gift went',
    );
    const chinese = await page(`/t/${codes.older}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(chinese.text).toContain('这笔捐赠去了哪里');
    expect(chinese.headers.vary).toContain('Accept-Language');
    expect((await page(`/p/${org.slug}/books?lang=en`)).text).toContain('Expenses by category');
    expect((await page('/t/0000000000000000?lang=en')).text).toContain('No gift has this tracking code.');
  });
});

describe('the verify button and the tlog-proof download', () => {
  it("answer 409 while the entries are not in a signed checkpoint, in the visitor's language", async () => {
    const zh = await page(`/t/${codes.older}/proof`);
    expect(zh.status).toBe(409);
    expect(zh.type).toContain('text/plain');
    expect(zh.text).toContain('还没有写入已签名的检查点');
    const en = await page(`/t/${codes.books}/proof?lang=en`);
    expect(en.status).toBe(409);
    expect(en.text).toContain('not yet in a signed checkpoint');
    expect((await page('/t/0000000000000000/proof')).status).toBe(404);
    expect((await page('/t/not-a-code/proof?lang=en')).text).toContain('no entry with this code');
    // Before the log exists the page says so, and its entries have no proof link yet.
    const before = await page(`/t/${codes.older}`);
    expect(before.text).toContain('公示日志尚未创建');
    expect(before.text).not.toContain(`/t/${codes.older}/proof`);
  });

  it("shows the log key's fingerprint and links each signed step's proof", async () => {
    await ensureLogState(t.deps.db, 'localhost:3000/ledger');
    await integrateOnce(t.deps.database, t.deps.ledger);
    const key = (await page('/ledger/key')).text;
    const fingerprint = createHash('sha256').update(key).digest('hex');
    const { text } = await page(`/t/${codes.older}`);
    expect(text).toContain(`data-fingerprint="${fingerprint}"`);
    expect(text).toContain(fingerprint.match(/.{8}/g)!.join(' '));
    expect(text).toContain(key.trim());
    for (const code of [codes.older, codes.allocation, codes.books, codes.delivery])
      expect(text).toContain(`href="/t/${code}/proof"`);
    const texts = JSON.parse(
      /data-texts="([^"]*)"/
        .exec(text)![1]!
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replaceAll('&amp;', '&'),
    );
    expect(texts.ok).toContain('已核验');
    const proof = await page(`/t/${codes.older}/proof`);
    expect(proof.status).toBe(200);
    expect(proof.headers['content-disposition']).toBe(`attachment; filename="${codes.older}.tlog-proof"`);
  });
});
