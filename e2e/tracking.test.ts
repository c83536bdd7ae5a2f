// The donor tracking page in a real Chromium against the real server with its demo organization:
// the verify button checks every step in the browser, reports a swapped key or a changed entry,
// and the downloaded tlog-proof verifies with @commonweal/ledger. Screenshots at 390x844 (a phone).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  base64Encode,
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  generateKeyPair,
  TILE_WIDTH,
  parseTlogProof,
  parseVerifierKey,
  verifierFromKey,
  verifyTlogProof,
} from '@commonweal/ledger';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumArgs, hasChromium, startCommonweal, type RunningServer } from './server.ts';

if (!hasChromium)
  console.warn('e2e/tracking.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');

const shots = '/tmp/e2e-shots';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!hasChromium)('donor tracking page in Chromium', () => {
  let server: RunningServer | undefined;
  let dataDir = '';
  let profileDir = '';
  let context: BrowserContext;
  let page: Page;
  let trackingUrl = '';
  let codes: string[] = [];
  let key = '';

  const screenshot = (name: string) =>
    page.screenshot({ path: path.join(shots, `tracking-${name}.png`), fullPage: true });

  /** Presses verify and waits for the summary's verdict. */
  const verify = async () => {
    await page.locator('#verify').click();
    const summary = page.locator('#verify-summary:not([data-verified="checking"])[data-verified]');
    await summary.waitFor({ timeout: 60_000 });
    return summary.getAttribute('data-verified');
  };
  const verdicts = () =>
    page.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-verified')));

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'cw-e2e-data-'));
    profileDir = mkdtempSync(path.join(tmpdir(), 'cw-e2e-chromium-'));
    server = await startCommonweal(dataDir);
    const running = server;
    // The demo is seeded after the server listens; the banner then prints a gift's tracking page.
    trackingUrl = await until('the demo tracking URL', async () => {
      if (running.child.exitCode !== null) throw new Error(`server exited:\n${running.output()}`);
      return /Demo gift tracking page: (\S+)/.exec(running.output())?.[1];
    });
    const html = await (await fetch(trackingUrl)).text();
    codes = [...new Set([...html.matchAll(/data-code="([0-9A-F]{16})"/g)].map((m) => m[1]!))];
    // Every step's entry must be in a signed checkpoint before the page can verify it.
    for (const code of codes) {
      await until(`${code} in a signed checkpoint`, async () =>
        (await fetch(`${running.baseUrl}/t/${code}/proof`)).status === 200 ? true : undefined,
      );
    }
    key = (await (await fetch(`${running.baseUrl}/ledger/key`)).text()).trim();
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('verifies every step of a demo gift in the browser, in zh-CN', async () => {
    await page.goto(trackingUrl);
    await page.getByRole('heading', { name: '这笔捐赠去了哪里' }).waitFor();
    const steps = await page.locator('.steps > li b').allTextContents();
    expect(steps).toEqual(expect.arrayContaining(['收到捐赠', '拨付到项目', '用于支出', '项目交付']));
    expect(codes.length).toBeGreaterThanOrEqual(4);
    await screenshot('zh-CN');
    expect(await verify()).toBe('ok');
    expect(await verdicts()).toEqual(codes.map(() => 'ok'));
    expect(await page.locator('.verify-result').first().textContent()).toContain('✓ 已核验');
    expect(await page.locator('#verify-summary').textContent()).toContain('全部记录均已核验');
    await screenshot('zh-CN-verified');
  });

  it('verifies in English too', async () => {
    await page.goto(`${trackingUrl}?lang=en`);
    await page.getByRole('heading', { name: 'Where this gift went' }).waitFor();
    expect(await verify()).toBe('ok');
    expect(await page.locator('.verify-result').first().textContent()).toContain('✓ verified');
    await screenshot('en-verified');
  });

  it("verifies the project page's entries", async () => {
    await page.goto(trackingUrl);
    await page.locator('.steps a[href^="/p/"]').first().click();
    await page.waitForURL(/\/p\/demo\/reading/);
    expect(await verify()).toBe('ok');
    expect(new Set(await verdicts())).toEqual(new Set(['ok']));
  });

  it('reports a failure when the server gives another key than the one the page shows', async () => {
    const impostor = (await generateKeyPair(parseVerifierKey(key).name)).vkey;
    await page.route('**/ledger/key', (route) => route.fulfill({ contentType: 'text/plain', body: `${impostor}\n` }));
    try {
      await page.goto(trackingUrl);
      expect(await verify()).toBe('failed');
      expect(await verdicts()).toEqual(codes.map(() => 'failed'));
      expect(await page.locator('.verify-result').first().textContent()).toContain('公钥与本页显示的指纹不符');
      await screenshot('zh-CN-wrong-key');
    } finally {
      await page.unroute('**/ledger/key');
    }
  });

  it('reports a failure when the server changes one logged entry', async () => {
    const changed = codes[1]!;
    await page.route(`**/t/${changed}/proof`, async (route) => {
      const text = await (await route.fetch()).text();
      const entry = new TextDecoder().decode(parseTlogProof(text).extra!);
      const forged = entry.replace(/"amount":(\d+)/, (_, n: string) => `"amount":${Number(n) * 10}`);
      expect(forged).not.toBe(entry);
      const body = text.replace(/^extra .*$/m, `extra ${base64Encode(new TextEncoder().encode(forged))}`);
      await route.fulfill({ contentType: 'text/plain', body });
    });
    try {
      await page.goto(trackingUrl);
      expect(await verify()).toBe('failed');
      expect(await verdicts()).toEqual(codes.map((c) => (c === changed ? 'failed' : 'ok')));
      const result = page.locator(`[data-code="${changed}"] .verify-result`).first();
      expect(await result.textContent()).toContain('记录不在已签名的 Merkle 树中');
      await screenshot('zh-CN-changed-entry');
    } finally {
      await page.unroute(`**/t/${changed}/proof`);
    }
  });

  it('shows a step as pending while the server says it is not yet in a signed checkpoint', async () => {
    const waiting = codes.at(-1)!;
    await page.route(`**/t/${waiting}/proof`, (route) => route.fulfill({ status: 409, body: 'pending' }));
    try {
      await page.goto(trackingUrl);
      expect(await verify()).toBe('pending');
      expect(await verdicts()).toEqual(codes.map((c) => (c === waiting ? 'pending' : 'ok')));
      expect(await page.locator('#verify-summary').textContent()).toContain('请几秒后再试');
    } finally {
      await page.unroute(`**/t/${waiting}/proof`);
    }
  });

  it("downloads a step's tlog-proof, which verifies with @commonweal/ledger", async () => {
    await page.goto(trackingUrl);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-code="${codes[0]}"] a[download]`).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${codes[0]}.tlog-proof`);
    const text = readFileSync((await download.path())!, 'utf8');
    const entry = parseTlogProof(text).extra!;
    const verified = await verifyTlogProof(text, {
      origin: parseVerifierKey(key).name,
      logVerifiers: [verifierFromKey(key)],
      entry,
    });
    const leaf = await page.locator(`[data-code="${codes[0]}"]`).first().getAttribute('data-leaf');
    expect(verified.index).toBe(BigInt(leaf!));
    const logged = JSON.parse(new TextDecoder().decode(entry));
    expect(logged).toMatchObject({ code: codes[0], type: 'donation.received' });
  });

  // Last: it restarts the server, so that the log's files are read from disk again.
  it('reports a failure when a logged entry was changed in the entry bundle on disk', async () => {
    const changed = codes[2]!;
    const leaf = Number(await page.locator(`[data-code="${changed}"]`).first().getAttribute('data-leaf'));
    const size = Number((await (await fetch(`${server!.baseUrl}/ledger/checkpoint`)).text()).split('\n')[1]);
    await server!.stop();
    const n = Math.floor(leaf / TILE_WIDTH);
    const file = path.join(dataDir, 'ledger', entryBundlePath(BigInt(n), Math.min(TILE_WIDTH, size - n * TILE_WIDTH)));
    const entries = decodeEntryBundle(new Uint8Array(readFileSync(file)));
    const entry = new TextDecoder().decode(entries[leaf % TILE_WIDTH]);
    // Same length, one digit of the amount changed: the files still look whole to the server.
    const forged = entry.replace(/"amount":(\d)/, (_, d: string) => `"amount":${d === '9' ? '1' : Number(d) + 1}`);
    expect(forged).not.toBe(entry);
    entries[leaf % TILE_WIDTH] = new TextEncoder().encode(forged);
    writeFileSync(file, encodeEntryBundle(entries));

    server = await startCommonweal(dataDir);
    const gift = new URL(trackingUrl).pathname;
    await page.goto(`${server.baseUrl}${gift}`);
    expect(await verify()).toBe('failed');
    expect(await verdicts()).toEqual(codes.map((c) => (c === changed ? 'failed' : 'ok')));
    const result = page.locator(`[data-code="${changed}"] .verify-result`).first();
    expect(await result.textContent()).toContain('记录不在已签名的 Merkle 树中');
    await screenshot('zh-CN-changed-on-disk');
  });
});
