// A mailing in a real Chromium against the real server and a real SMTP server (Debian's smtp-sink):
// staff write it with blocks, pick its audience by tag, see it in the preview (and a template mistake
// beside the block), send a test, send it, watch the report, and keep an address on the suppression list.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../packages/server/src/testing/smtp-sink.ts';
import { shots, signInDemo, startDemoWithBrowsers } from './demo-browsers.ts';
import { chooseTag, pickSendTime, signInWithReaders, unscheduleToDraft } from './outreach.ts';
import { hasChromium } from './server.ts';

if (!hasChromium)
  console.warn('e2e/mailings.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');
if (!smtpSinkInstalled)
  console.warn('e2e/mailings.test.ts skipped: smtp-sink is not installed (apt-get install -y postfix).');

const TAG = '三月通讯读者';
/** Three contacts with the tag: two agreed to the newsletter by email, one did not. */
const readers = [
  { name: '林晓', email: 'linxiao@example.org', consent: true },
  { name: '周远', email: 'zhouyuan@example.org', consent: true },
  { name: '吴桐', email: 'wutong@example.org', consent: false },
];

/** Adds a block from the 添加 row; returns its card. */
async function addBlock(page: Page, index: number, type: string): Promise<Locator> {
  await page.locator('button', { hasText: new RegExp(`^${type}$`) }).click();
  const card = page.locator('.cw-mail-block').nth(index);
  await card.getByText(`${index + 1}. ${type}`).waitFor();
  return card;
}

/**
 * The preview shows the text: read from the frame's srcdoc, which is what it renders, so the check does
 * not depend on the frame's layout at that moment (it was once reported hidden while laid out).
 */
const previewShows = (page: Page, text: string) =>
  expect
    .poll(() => page.locator('iframe[title="邮件预览"]').getAttribute('srcdoc'), { timeout: 20_000 })
    .toContain(text);

async function newMailing(page: Page, name: string) {
  await page.getByRole('button', { name: '新建邮件' }).first().click();
  await page.getByLabel('邮件名称').fill(name);
  await page.getByRole('button', { name: '创建并开始编辑' }).click();
  await page.waitForURL(/\/mailings\/\d+$/);
  await page.getByRole('heading', { name }).waitFor();
}

describe.skipIf(!hasChromium || !smtpSinkInstalled)('a mailing from the console to inboxes', () => {
  let sink: SmtpSink | undefined;
  let demo: Awaited<ReturnType<typeof startDemoWithBrowsers>> | undefined;
  let staff: Page;
  let phone: Page;
  let base = '';
  let mailingUrl = '';

  beforeAll(async () => {
    sink = await startSmtpSink();
    demo = await startDemoWithBrowsers('mailings', { SMTP_URL: sink.url, EMAIL_FROM: 'news@demo.example.org' });
    ({ staff, phone } = demo);
    base = demo.server.baseUrl;
  }, 300_000);

  afterAll(async () => {
    await demo?.stop();
    await sink?.stop();
  }, 60_000);

  it('is written with blocks, previewed, tested, sent and reported', async () => {
    await signInWithReaders(staff, base, { tag: TAG, channel: 'email', readers });

    await staff.getByRole('link', { name: '群发邮件', exact: true }).click();
    await staff.getByText('还没有群发邮件').waitFor();
    await newMailing(staff, '三月项目通讯');
    mailingUrl = staff.url();

    await staff.getByLabel('邮件主题').fill('图书角三月的好消息');
    // The merge field is put in by clicking it, not typed.
    await staff
      .locator('.ant-form-item', { has: staff.getByLabel('邮件主题') })
      .getByText('{{ greeting }}')
      .click();
    expect(await staff.getByLabel('邮件主题').inputValue()).toBe('图书角三月的好消息{{ greeting }}');
    await staff.getByLabel('邮件主题').fill('{{ greeting }}，图书角三月的好消息');
    await chooseTag(staff, TAG);
    await staff
      .locator('.cw-audience-count')
      .getByText('共 3 位联系人，其中 2 位可以接收（有邮箱、同意接收此用途的邮件、未被屏蔽）')
      .waitFor();

    const heading = await addBlock(staff, 0, '标题');
    await heading.getByLabel('标题文字').fill('图书角开张了');
    const paragraph = await addBlock(staff, 1, '段落');
    await paragraph.getByLabel('段落文字').fill('{{ greeting }}：谢谢您，三月里孩子们借出了 320 本书。');
    const button = await addBlock(staff, 2, '按钮');
    await button.getByLabel('按钮文字').fill('看看照片');
    await button.getByLabel('点击后打开的网址').fill('https://example.org/photos');
    // A divider added by mistake: moved up, then deleted; the others keep their order.
    const divider = await addBlock(staff, 3, '分隔线');
    await divider.getByRole('button', { name: '上移' }).click();
    await staff.locator('.cw-mail-block').nth(2).getByText('3. 分隔线').waitFor();
    await staff.locator('.cw-mail-block').nth(2).getByRole('button', { name: '删除模块' }).click();
    await expect.poll(() => staff.locator('.cw-mail-block').count()).toBe(3);
    await staff.locator('.cw-mail-block').nth(2).getByText('3. 按钮').waitFor();

    await previewShows(staff, '图书角开张了');
    await previewShows(staff, '尊敬的王小明：谢谢您，三月里孩子们借出了 320 本书。');
    await previewShows(staff, '看看照片</a>');
    await staff.locator('.cw-mail-subject').getByText('尊敬的王小明，图书角三月的好消息').waitFor();
    await staff.locator('.cw-save-status').getByText('已保存').waitFor();

    // A mistyped merge field: the server's words show beside the block, with the block's number.
    await paragraph.getByLabel('段落文字').fill('{{ greting }}：谢谢您。');
    await paragraph.getByText(/第 2 个模块.*greting/).waitFor();
    await staff
      .locator('.cw-template-error')
      .first()
      .getByText(/未知的合并字段 greting/)
      .waitFor();
    await staff.screenshot({ path: path.join(shots, 'mailings-console-template-error.png'), fullPage: true });
    await paragraph.getByLabel('段落文字').fill('{{ greeting }}：谢谢您，三月里孩子们借出了 320 本书。');
    await expect.poll(() => staff.locator('.cw-template-error').count()).toBe(0);
    await staff.locator('.cw-save-status').getByText('已保存').waitFor();
    await staff.screenshot({ path: path.join(shots, 'mailings-console-editor.png'), fullPage: true });

    await staff.getByRole('button', { name: '发送测试邮件' }).click();
    const test = staff.locator('.ant-modal', { hasText: '发送测试邮件' });
    await test.getByText('demo@commonweal.local').waitFor();
    await test.getByRole('button', { name: '发送', exact: true }).click();
    await test.getByText(/已发出/).waitFor();
    const [testCopy] = await sink!.waitForMessages(1);
    expect(testCopy).toContain('demo@commonweal.local');
    await test.getByRole('button', { name: '关闭' }).click();

    await staff.getByRole('button', { name: '立即发送' }).click();
    const confirm = staff.locator('.ant-modal', { hasText: '发送邮件' });
    await confirm.getByText('这封邮件将发给 2 位联系人').waitFor();
    expect(await confirm.locator('.cw-send-confirm').textContent()).toContain('其中 1 位没有邮箱');
    await staff.screenshot({ path: path.join(shots, 'mailings-console-confirm.png'), fullPage: true });
    await confirm.getByRole('button', { name: '确认发送给 2 人' }).click();

    await staff.getByRole('tab', { name: '发送报告' }).waitFor();
    await staff.getByText(/^发送完成：/).waitFor({ timeout: 60_000 });
    await staff.locator('.cw-send-progress').getByText('已发 2 / 2').waitFor();
    const messages = await sink!.waitForMessages(3);
    const copies = messages.filter((m) => !m.includes('demo@commonweal.local'));
    expect(copies.join('\n')).toContain('linxiao@example.org');
    expect(copies.join('\n')).toContain('zhouyuan@example.org');
    expect(copies.join('\n')).not.toContain('wutong@example.org');
    const row = staff.getByRole('row', { name: /linxiao@example\.org/ });
    await row.getByText('已发送').waitFor();
    await row.getByRole('link', { name: '林晓' }).waitFor();
    await staff.screenshot({ path: path.join(shots, 'mailings-console-report.png'), fullPage: true });

    // Filtering by a status no copy has leaves the table empty.
    await staff.locator('.ant-select[aria-label="按状态筛选"] .ant-select-selector').click();
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="退信"]')
      .click();
    await staff.getByText('没有符合条件的收件人').waitFor();

    await staff.getByRole('link', { name: '群发邮件', exact: true }).click();
    const listed = staff.getByRole('row', { name: /三月项目通讯/ });
    await listed.getByText('已发送', { exact: true }).waitFor();
    await listed.getByText('已发 2 / 2').waitFor();
  }, 240_000);

  it('is scheduled for later, and taken back to a draft before its time', async () => {
    await staff.goto(`${base}/admin/o/demo/mailings`);
    await newMailing(staff, '四月活动邀请');
    await staff.getByLabel('邮件主题').fill('四月读书会邀请');
    await chooseTag(staff, TAG);
    const paragraph = await addBlock(staff, 0, '段落');
    await paragraph.getByLabel('段落文字').fill('四月十二日下午，图书角读书会。');
    await previewShows(staff, '四月十二日下午，图书角读书会。');

    await staff.getByRole('button', { name: '定时发送' }).click();
    const dialog = staff.locator('.ant-modal', { hasText: '发送邮件' });
    await pickSendTime(staff, dialog, '2030-04-01 09:30');
    await dialog.getByText('这封邮件将发给 2 位联系人').waitFor();
    await dialog.getByRole('button', { name: '确认定时发送' }).click();
    await staff.locator('.cw-page-title').getByText('已定时').waitFor();
    await staff.getByText('定时：2030-04-01 09:30').first().waitFor();

    await unscheduleToDraft(staff);
  }, 120_000);

  it('keeps an address on the suppression list until staff take it off', async () => {
    await staff.goto(`${base}/admin/o/demo/mailings`);
    await staff.getByRole('tab', { name: '屏蔽名单' }).click();
    await staff.getByLabel('邮箱', { exact: true }).fill('nomore@example.org');
    await staff.getByLabel('备注', { exact: true }).fill('本人来电要求不再发邮件');
    await staff.getByRole('button', { name: '添加' }).click();
    const row = staff.getByRole('row', { name: /nomore@example\.org/ });
    await row.getByText('手动添加').waitFor();
    await staff.screenshot({ path: path.join(shots, 'mailings-console-suppressions.png'), fullPage: true });
    await row.getByRole('button', { name: '移除' }).click();
    await staff.locator('.ant-popover').getByRole('button', { name: '移除' }).click();
    await row.waitFor({ state: 'detached' });

    // Open and click tracking is off until an admin turns it on.
    await staff.getByRole('tab', { name: '设置' }).click();
    await staff.getByText('已关闭（默认）').waitFor();
    await staff.getByRole('switch', { name: '打开和点击统计' }).click();
    await staff.getByText('已开启：记录每封邮件是否被打开').waitFor();
    await staff.screenshot({ path: path.join(shots, 'mailings-console-tracking.png'), fullPage: true });
    await staff.getByRole('switch', { name: '打开和点击统计' }).click();
    await staff.getByText('已关闭（默认）').waitFor();
  }, 60_000);

  it('reads well on a phone', async () => {
    await signInDemo(phone, base);
    await phone.goto(mailingUrl);
    await phone.getByRole('tab', { name: '发送报告' }).waitFor();
    await phone.locator('.cw-send-progress').getByText('已发 2 / 2').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(shots, 'mailings-phone-report.png'), fullPage: true });
    await phone.getByRole('tab', { name: '邮件内容' }).click();
    await previewShows(phone, '图书角开张了');
    await phone.screenshot({ path: path.join(shots, 'mailings-phone-content.png'), fullPage: true });
  }, 60_000);
});
