// An SMS send in a real Chromium against the real server, through the development outbox: staff set
// the provider and quiet hours, add a template and see its segment count, pick the audience by tag with
// the reachable count, send, and watch the report; a send scheduled for later goes back to a draft.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startDemoWithBrowsers } from './demo-browsers.ts';
import { chooseTag, pickSendTime, signInWithReaders, unscheduleToDraft } from './outreach.ts';
import { hasChromium } from './server.ts';

if (!hasChromium) console.warn('e2e/sms.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');

const TAG = '短信测试读者';

/** Three contacts with the tag and a mobile: two agreed to SMS for the newsletter, one did not. */
const readers = [
  { name: '林晓', phone: '13800138001', consent: true },
  { name: '周远', phone: '13800138002', consent: true },
  { name: '吴桐', phone: '13800138003', consent: false },
];

/** From the 群发 tab: a new send named so, with the 活动通知 template. */
async function newSend(staff: Page, name: string) {
  await staff.getByRole('tab', { name: '群发' }).click();
  await staff.getByRole('button', { name: '新建短信群发' }).first().click();
  const create = staff.locator('.ant-modal', { hasText: '新建短信群发' });
  await create.getByLabel('群发名称').fill(name);
  await create.getByLabel('短信模板').click();
  await staff
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="活动通知"]')
    .click();
  await create.getByRole('button', { name: '创建' }).click();
  await staff.waitForURL(/\/sms\/\d+$/);
  await staff.getByRole('heading', { name }).waitFor();
}

describe.skipIf(!hasChromium)('an SMS send from the console', () => {
  let demo: Awaited<ReturnType<typeof startDemoWithBrowsers>> | undefined;
  let staff: Page;
  let base = '';

  beforeAll(async () => {
    demo = await startDemoWithBrowsers('sms');
    staff = demo.staff;
    base = demo.server.baseUrl;
  }, 300_000);

  afterAll(async () => {
    await demo?.stop();
  }, 60_000);

  it('is set up, templated, sent through the outbox and reported', async () => {
    await signInWithReaders(staff, base, { tag: TAG, channel: 'sms', readers });

    await staff.getByRole('link', { name: '短信', exact: true }).click();
    await staff.getByRole('tab', { name: '设置' }).click();
    await staff.getByText('开发模式（不真正发出）').click();
    await staff.getByLabel('开始').fill('00:00');
    await staff.getByLabel('结束').fill('00:00');
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.getByText('开发模式：短信未真正发出，只写入服务器的数据目录。').waitFor();
    await staff.getByText(/\/api\/sms\/callbacks\/.+\/receipts/).waitFor();
    await staff.screenshot({ path: path.join(shots, 'sms-settings.png'), fullPage: true });

    await staff.getByRole('tab', { name: '模板' }).click();
    await staff.getByRole('button', { name: '添加模板' }).click();
    const modal = staff.locator('.ant-modal', { hasText: '添加模板' });
    await modal.getByLabel('模板名称').fill('活动通知');
    await modal.getByLabel('签名').fill('示范公益');
    await modal.getByLabel('模板代码').fill('SMS_123456789');
    await modal.getByLabel('模板正文').fill('${name}您好，周六读书会欢迎参加。回复TD退订');
    // A placeholder without a value is named before saving.
    await modal.getByText('占位符 name 没有指定填入的内容').waitFor();
    await modal.getByRole('button', { name: '添加占位符' }).click();
    await modal.getByPlaceholder('占位符名').fill('name');
    await modal
      .locator('.cw-sms-preview')
      .getByText('【示范公益】王小明您好，周六读书会欢迎参加。回复TD退订')
      .waitFor();
    await modal
      .locator('.cw-sms-preview')
      .getByText(/预览：1 条短信/)
      .waitFor();
    await staff.screenshot({ path: path.join(shots, 'sms-template.png'), fullPage: true });
    await modal.getByRole('button', { name: '保存' }).click();
    await staff
      .getByRole('row', { name: /活动通知/ })
      .getByText('1 条（')
      .waitFor();

    await newSend(staff, '周六读书会通知');
    await chooseTag(staff, TAG);
    await staff
      .locator('.cw-audience-count')
      .getByText('共 3 位，其中 2 位可以接收（有手机号、同意接收短信、未退订）')
      .waitFor();
    await staff.locator('.cw-sms-bubble').getByText('【示范公益】王小明您好，周六读书会欢迎参加。回复TD退订').waitFor();
    await staff.screenshot({ path: path.join(shots, 'sms-editor.png'), fullPage: true });

    await staff.getByRole('button', { name: '立即发送' }).click();
    const confirm = staff.locator('.ant-modal', { hasText: '发送短信' });
    await confirm.getByText('将发给 2 位联系人，约计费 2 条短信').waitFor();
    await confirm.getByRole('button', { name: '确认发送给 2 人' }).click();

    await staff.getByText(/^发送完成：/).waitFor({ timeout: 60_000 });
    await staff.locator('.cw-send-progress').getByText('已发 2 / 2').waitFor();
    await staff.getByRole('row', { name: /林晓/ }).getByText('已提交').waitFor();
    expect(await staff.getByRole('row', { name: /吴桐/ }).count()).toBe(0);
    await staff.screenshot({ path: path.join(shots, 'sms-report.png'), fullPage: true });
  }, 240_000);

  it('is scheduled for later, and taken back to a draft before its time', async () => {
    await staff.goto(`${base}/admin/o/demo/sms`);
    await newSend(staff, '周日读书会通知');
    await chooseTag(staff, TAG);

    await staff.getByRole('button', { name: '定时发送' }).click();
    const dialog = staff.locator('.ant-modal', { hasText: '发送短信' });
    await pickSendTime(staff, dialog, '2030-04-01 09:30');
    await dialog.getByText('将发给 2 位联系人，约计费 2 条短信').waitFor();
    await dialog.getByRole('button', { name: '确认定时发送' }).click();
    await staff.locator('.cw-page-title').getByText('已定时').waitFor();
    await staff.getByText('定时：2030-04-01 09:30').first().waitFor();

    await unscheduleToDraft(staff);
  }, 120_000);
});
