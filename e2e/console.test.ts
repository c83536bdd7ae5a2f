// The admin console in a real Chromium against the real server: first-run setup, sign-in, a GBK CSV
// through the import wizard, pinyin-initials search, and merging two duplicates on the review screen.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKeys } from '../packages/server/src/adapters/payments/test-keys/test-keys.ts';
import { CHROMIUM, chromiumArgs, hasChromium, root, startCommonweal, type RunningServer } from './server.ts';

if (!hasChromium)
  console.warn('e2e/console.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');

const shots = '/tmp/e2e-shots';
const owner = { name: '林晓', email: 'owner@example.org', password: 'correct-horse-battery' };

/** The built console is missing or older than its sources: test what the sources say, not an old bundle. */
function consoleIsStale(): boolean {
  const web = path.join(root, 'packages/web');
  const built = path.join(web, 'dist/index.html');
  if (!existsSync(built)) return true;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  const sources = Math.max(
    newest(path.join(web, 'src')),
    statSync(path.join(web, 'index.html')).mtimeMs,
    statSync(path.join(web, 'vite.config.ts')).mtimeMs,
  );
  return sources > statSync(built).mtimeMs;
}

/** A donor list as a Chinese NGO's Excel saves it: GBK-encoded CSV, Chinese headers, one bad row. */
function gbkCsv(): Buffer {
  const rows = [
    ['姓名', '手机', '邮箱', '省份', '城市', '捐赠金额', '捐赠日期', '标签'],
    ['诸葛亮', '13800138001', 'kongming@example.cn', '四川省', '成都市', '200.00', '2024-03-05', '月捐'],
    ['司马懿', '13900139002', '', '河南省', '洛阳市', '50', '2024-04-01', ''],
    ['欧阳娜娜', '13700137003', '', '北京市', '北京市', '', '', '志愿者'],
    ['欧阳娜娜', '', 'nana@example.cn', '北京市', '北京市', '88.8', '2024-05-20', ''],
    ['', '13600136004', 'noname@example.cn', '', '', '', '', ''],
  ];
  return iconv.encode(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk');
}

describe.skipIf(!hasChromium)('admin console in Chromium', () => {
  let server: RunningServer | undefined;
  let baseUrl = '';
  let dataDir = '';
  let profileDir = '';
  let context: BrowserContext;
  let page: Page;
  let shot = 0;
  const screenshot = async (name: string) => {
    shot += 1;
    await page.screenshot({ path: path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    if (consoleIsStale())
      execFileSync('npm', ['run', 'build', '-w', '@commonweal/web'], { cwd: root, stdio: 'inherit' });
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'cw-e2e-data-'));
    profileDir = mkdtempSync(path.join(tmpdir(), 'cw-e2e-chromium-'));
    server = await startCommonweal(dataDir, ['--no-demo']);
    baseUrl = server.baseUrl;
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1366, height: 850 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs first-time setup, then signs out and signs in again', async () => {
    await page.goto(`${baseUrl}/admin/`);
    await page.waitForURL(/\/admin\/setup$/);
    await page.getByLabel('机构名称').fill('绿水青山环保协会');
    await page.getByLabel('机构简称（网址用）').fill('green-river');
    await page.getByLabel('你的姓名').fill(owner.name);
    await page.getByLabel('邮箱', { exact: true }).fill(owner.email);
    // A short password is refused before anything is sent.
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByRole('button', { name: '创建机构并登录' }).click();
    await page.locator('.ant-form-item-has-error').getByLabel('密码', { exact: true }).waitFor();
    await screenshot('setup');
    expect(page.url()).toMatch(/\/admin\/setup$/);
    await page.getByLabel('密码', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: '创建机构并登录' }).click();
    await page.waitForURL(/\/admin\/o\/green-river$/);
    await page.getByRole('heading', { name: '绿水青山环保协会' }).waitFor();

    await page.getByRole('button', { name: owner.name }).hover();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByLabel('邮箱', { exact: true }).fill(owner.email);
    await page.getByLabel('密码', { exact: true }).fill('wrong-password-here');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('密码', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/o\/green-river$/);
    await screenshot('home');
    expect(await page.getByRole('menuitem', { name: '联系人' }).isVisible()).toBe(true);

    // The language switch turns the console into English and back.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Contacts' }).waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '联系人' }).waitFor();
  });

  it('imports a GBK-encoded CSV through the wizard', async () => {
    await page.getByRole('menuitem', { name: '导入' }).click();
    await page.waitForURL(/\/imports/);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '捐赠人名单.csv', mimeType: 'text/csv', buffer: gbkCsv() });

    // Mapping: detected from the Chinese headers.
    await page.getByText('字段对应', { exact: true }).waitFor();
    await page.getByRole('cell', { name: '诸葛亮 · 司马懿 · 欧阳娜娜' }).waitFor();
    expect(await page.locator('.ant-descriptions').textContent()).toMatch(/GBK|GB18030/);
    await screenshot('import-mapping');
    await page.getByRole('button', { name: '下一步：预检' }).click();

    // Dry run: five rows, four good, one without a name.
    await page.getByText('预检不会写入任何数据', { exact: false }).waitFor();
    await screenshot('import-dry-run');
    const run = page.getByRole('button', { name: /开始导入 \d+ 行/ });
    expect(await run.textContent()).toContain('开始导入 4 行');
    await run.click();

    await page.getByText('导入完成').waitFor({ timeout: 60_000 });
    await screenshot('import-done');
    const summary = await page.locator('.ant-result-subtitle').textContent();
    expect(summary).toContain('新建 4 人');
    expect(summary).toContain('1 行有问题');
    expect(await page.getByRole('link', { name: /下载有问题的 1 行/ }).getAttribute('href')).toContain(
      '/rejections.csv',
    );
  });

  it('finds a contact by pinyin initials', async () => {
    await page.getByRole('menuitem', { name: '联系人' }).click();
    await page.waitForURL(/\/contacts$/);
    await page.getByTestId('contacts-total').filter({ hasText: '共 4 人' }).waitFor();
    await page.getByPlaceholder('姓名 / 拼音 / 首字母 / 手机 / 邮箱').fill('zgl');
    await page.getByTestId('contacts-total').filter({ hasText: '共 1 人' }).waitFor();
    await page.getByRole('link', { name: '诸葛亮' }).waitFor();
    expect(await page.getByRole('link', { name: '司马懿' }).count()).toBe(0);
    await screenshot('contacts-search');

    await page.getByRole('link', { name: '诸葛亮' }).click();
    await page.waitForURL(/\/contacts\/\d+$/);
    await page.getByText('¥200.00').first().waitFor();
    expect(await page.getByLabel('手机', { exact: true }).inputValue()).toContain('13800138001');
    await screenshot('contact-page');

    // The timeline is worded by the console in its language, from what the server recorded.
    await page.getByRole('tab', { name: '动态' }).click();
    await page.getByText('由导入文件“捐赠人名单.csv”新建').waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Created by importing "捐赠人名单.csv"').waitFor();
    await page.getByText('中文', { exact: true }).click();
  });

  it('defines a custom field and fills it in on a contact', async () => {
    await page.getByRole('menuitem', { name: '自定义字段' }).click();
    await page.getByText('还没有自定义字段', { exact: false }).waitFor();
    await page.getByRole('button', { name: '新建字段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('显示名称').fill('会员等级');
    await dialog.getByLabel('字段代码').fill('Member Level');
    await dialog.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option[title="单选"]').click();
    const options = dialog.getByLabel('选项');
    for (const option of ['普通', '金卡']) {
      await options.fill(option);
      await options.press('Enter');
    }
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('小写英文字母开头', { exact: false }).first().waitFor();
    await dialog.getByLabel('字段代码').fill('member_level');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('cell', { name: 'member_level' }).waitFor();
    await screenshot('custom-fields');

    await page.getByRole('menuitem', { name: '联系人' }).click();
    await page.getByPlaceholder('姓名 / 拼音 / 首字母 / 手机 / 邮箱').fill('zgl');
    await page.getByRole('link', { name: '诸葛亮' }).click();
    await page.locator('.ant-form-item', { hasText: '会员等级' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option[title="金卡"]').click();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/contacts\/\d+$/.test(r.url()));
    await page.getByRole('button', { name: '保存', exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await page.locator('.ant-select-selection-item[title="金卡"]').waitFor();
  });

  it("enters the organization's own WeChat Pay account, whose secrets are never shown again", async () => {
    await page.goto(`${baseUrl}/admin/o/green-river/payment-settings`);
    const card = page.locator('.ant-card', { hasText: '微信支付（机构自己的商户号）' });
    await card.getByLabel('商户号', { exact: true }).fill('1900009191');
    await card.getByLabel('公众号 AppID（与商户号绑定）').fill('wxd678efh567hg6787');
    await card.getByLabel('商户API证书序列号').fill('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    await card.getByLabel('商户API私钥（apiclient_key.pem 的全部内容）').fill(testKeys.merchantPrivate);
    // One character short: the server's answer lands beside the field.
    await card.getByLabel('APIv3 密钥（32 位）').fill('TEST-ONLY-apiv3-key-32-chars-xy');
    await card.getByPlaceholder('PUB_KEY_ID_…').fill('PUB_KEY_ID_0114232134912410000000000000');
    await card.getByPlaceholder('-----BEGIN PUBLIC KEY-----').fill(testKeys.platformPublic);
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('APIv3 密钥正好 32 个字符').waitFor();
    await card.getByLabel('APIv3 密钥（32 位）').fill('TEST-ONLY-apiv3-key-32-chars-xyz');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/payment-settings'));
    await card.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect.poll(() => card.getByLabel('商户号', { exact: true }).inputValue()).toBe('1900009191');
    expect(await card.getByLabel('商户API私钥（apiclient_key.pem 的全部内容）').inputValue()).toBe('');
    await card.getByText('已保存（不再显示）', { exact: false }).first().waitFor();
    await card.getByText(`${baseUrl}/give/`).waitFor();
    // 委托代扣 for monthly gifts: the template id and the APIv2 key, which is never shown again.
    await card.getByRole('switch').click();
    await card.getByLabel('委托代扣模板 ID（plan_id）').fill('12535');
    await card.getByLabel('APIv2 密钥（API密钥，32 位）').fill('TESTONLYapiv2key0123456789abcdef');
    const withholding = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith('/payment-settings'),
    );
    await card.getByRole('button', { name: '保存' }).click();
    expect((await withholding).status()).toBe(200);
    await page.reload();
    await expect.poll(() => card.getByLabel('委托代扣模板 ID（plan_id）').inputValue()).toBe('12535');
    expect(await card.getByLabel('APIv2 密钥（API密钥，32 位）').inputValue()).toBe('');
    await card.getByText(`/api/payments/wechat/notify/`, { exact: false }).waitFor();
    // This machine does not reach WeChat Pay: the test says so in words staff can act on.
    await card.getByRole('button', { name: '检测连接' }).click();
    await card.getByText('连接失败', { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot('payment-settings');
  });

  it('keeps the navigation reachable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('menuitem', { name: '报表' }).click();
      await page.waitForURL(/\/reports$/);
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      expect(await page.locator('.ant-layout-sider').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot('phone-reports');
    } finally {
      await page.setViewportSize({ width: 1366, height: 850 });
    }
  });

  it('merges two duplicates on the review screen', async () => {
    await page.getByRole('menuitem', { name: '查重合并' }).click();
    await page.waitForURL(/\/duplicates$/);
    await page.getByRole('button', { name: '扫描重复' }).first().click();
    await page.getByText('欧阳娜娜 ↔ 欧阳娜娜').waitFor({ timeout: 60_000 });
    await page.getByText('欧阳娜娜 ↔ 欧阳娜娜').click();
    await page.getByText('保留此记录').first().waitFor();
    await screenshot('duplicates-review');

    await page.locator('button', { hasText: /^合并$/ }).click();
    await page.getByText(/已合并，转移了 \d+ 笔捐赠/).waitFor();
    await screenshot('duplicates-merged');

    // One 欧阳娜娜 is left, and it kept the phone of one record and the email of the other.
    await page.getByRole('link', { name: '打开合并后的联系人' }).click();
    await page.waitForURL(/\/contacts\/\d+$/);
    await page.getByRole('heading', { name: '欧阳娜娜' }).waitFor();
    expect(await page.getByLabel('手机', { exact: true }).inputValue()).toContain('13700137003');
    expect(await page.getByLabel('邮箱', { exact: true }).inputValue()).toBe('nana@example.cn');
    await screenshot('merged-contact');

    await page.getByRole('menuitem', { name: '联系人' }).click();
    await page.getByPlaceholder('姓名 / 拼音 / 首字母 / 手机 / 邮箱').fill('欧阳');
    await page.getByTestId('contacts-total').filter({ hasText: '共 1 人' }).waitFor();

    // Undo brings both records back.
    await page.getByRole('menuitem', { name: '查重合并' }).click();
    await page.getByText('已合并', { exact: true }).click();
    await page.getByText('欧阳娜娜 ↔ 欧阳娜娜').waitFor();
    await page.locator('button', { hasText: /^撤销合并$/ }).click();
    await page.getByText('已撤销合并', { exact: false }).waitFor();
    await page.getByRole('menuitem', { name: '联系人' }).click();
    await page.getByPlaceholder('姓名 / 拼音 / 首字母 / 手机 / 邮箱').fill('欧阳');
    await page.getByTestId('contacts-total').filter({ hasText: '共 2 人' }).waitFor();
  });

  it('invites a colleague by link, who joins with their own password', async () => {
    await page.getByRole('menuitem', { name: '成员与权限' }).click();
    await page.getByPlaceholder('邮箱').fill('colleague@example.org');
    await page.getByRole('button', { name: /生成邀请链接/ }).click();
    const link = page.locator('.ant-alert-success input');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/admin\/invitation\/\S+$/);
    await screenshot('invitation-link');

    await page.getByRole('button', { name: owner.name }).hover();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/admin\/sign-in/);
    await page.goto(url);
    await page.getByText('绿水青山环保协会').waitFor();
    await page.getByLabel('姓名/名称').fill('王同事');
    await page.getByLabel('密码', { exact: true }).fill('another-long-password');
    await page.getByRole('button', { name: '加入机构' }).click();
    await page.waitForURL(/\/admin\/o\/green-river$/);
    await page.getByRole('button', { name: '王同事' }).waitFor();
    // A coordinator sees contacts but not the staff pages.
    expect(await page.getByRole('menuitem', { name: '成员与权限' }).count()).toBe(0);
    await screenshot('invited-colleague');
  });
});
