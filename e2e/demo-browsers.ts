// The demo organization in the real server, with a desktop browser for staff and a phone in WeChat's
// browser for the public: what the giving and forms tests start from.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, chromiumArgs, startCommonweal } from './server.ts';

export const shots = '/tmp/e2e-shots';

/** `env` adds to the server's environment, e.g. SMTP_URL for a test that sends email. */
export async function startDemoWithBrowsers(name: string, env: Record<string, string> = {}) {
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), `cw-e2e-${name}-`));
  const server = await startCommonweal(dataDir, [], env);
  const deadline = Date.now() + 120_000;
  while (!/Demo sign-in/.test(server.output())) {
    if (Date.now() > deadline || server.child.exitCode !== null) throw new Error(`no demo:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
  const page = async (options: Parameters<typeof browser.newContext>[0]) => {
    const opened = await (
      await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options })
    ).newPage();
    opened.setDefaultTimeout(20_000);
    return opened;
  };
  const staff = await page({ viewport: { width: 1366, height: 900 } });
  const phone = await page({
    viewport: { width: 390, height: 844 },
    userAgent:
      'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36 MicroMessenger/8.0.47',
  });
  return {
    server,
    staff,
    phone,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs the demo's staff member in. */
export async function signInDemo(staff: Page, base: string) {
  await staff.goto(`${base}/admin/sign-in`);
  await staff.getByLabel('邮箱', { exact: true }).fill('demo@commonweal.local');
  await staff.getByLabel('密码', { exact: true }).fill('commonweal-demo');
  await staff.getByRole('button', { name: '登录' }).click();
  await staff.waitForURL(/\/admin\/o\/demo/);
}
