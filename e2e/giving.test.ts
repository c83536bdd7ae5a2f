// Fundraising in a real Chromium against the real server: staff write a campaign in the console (with
// the story editor), a reviewer publishes it, a donor on a phone gives through the sandbox provider,
// and the gift shows on the page, in the console and in the transparency log.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../packages/server/src/testing/pdf-text.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../packages/server/src/testing/smtp-sink.ts';
import { shots, signInDemo, startDemoWithBrowsers } from './demo-browsers.ts';
import { hasChromium } from './server.ts';

if (!hasChromium)
  console.warn('e2e/giving.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');
else if (!smtpSinkInstalled)
  console.warn(
    "e2e/giving.test.ts: the receipt email's test is skipped: smtp-sink is not installed (apt-get install -y postfix).",
  );

/** The fundraising plan (募捐方案) as filed: what the console asks for before a campaign goes public. */
async function fillPlan(page: Page, filingNumber: string) {
  const plan = {
    募捐方案备案编号: filingNumber,
    募捐目的: '为孩子们筹集过冬物资',
    项目负责人: '陈老师',
    受益人: '高原和山区小学的学生',
    募得款物用途: '棉衣、图书与运输',
  };
  for (const [label, value] of Object.entries(plan)) await page.getByLabel(label, { exact: true }).fill(value);
}

describe.skipIf(!hasChromium)('a campaign from the console to a donor on a phone', () => {
  let demo: Awaited<ReturnType<typeof startDemoWithBrowsers>> | undefined;
  let server: Awaited<ReturnType<typeof startDemoWithBrowsers>>['server'] | undefined;
  let staff: Page;
  let donor: Page;
  let sink: SmtpSink | undefined;

  beforeAll(async () => {
    if (smtpSinkInstalled) sink = await startSmtpSink();
    demo = await startDemoWithBrowsers(
      'giving',
      sink ? { SMTP_URL: sink.url, EMAIL_FROM: 'giving@demo.example.org' } : {},
    );
    ({ server, staff, phone: donor } = demo);
  }, 300_000);

  afterAll(async () => {
    await demo?.stop();
    await sink?.stop();
  }, 60_000);

  it('is written, reviewed, published, given to and counted', async () => {
    const base = server!.baseUrl;
    await signInDemo(staff, base);

    await staff.getByRole('link', { name: '募捐活动' }).click();
    await staff.getByRole('button', { name: '新建募捐' }).click();
    await staff.getByLabel('募捐标题').fill('冬天的第一件棉衣');
    await staff.getByLabel('页面地址').fill('winter-coats');
    await staff.getByLabel('善款进入的项目').click();
    await staff.locator('.ant-select-item-option').first().click();
    await staff.getByLabel('一句话介绍').fill('给高原的孩子送去棉衣');
    const story = staff.locator('.cw-rich-text .tiptap');
    await story.click();
    await story.pressSequentially('每件棉衣 120 元。');
    await staff.getByRole('button', { name: '加粗' }).click();
    await story.pressSequentially('今年要送 500 件。');
    await fillPlan(staff, '53100000MJ0000000X26002');
    await staff.getByRole('button', { name: '保存草稿' }).click();
    await staff.getByRole('tab', { name: '内容与设置' }).waitFor();
    await staff.getByRole('button', { name: '提交审核' }).click();
    await staff.getByText('已提交审核').waitFor();
    await staff.getByRole('button', { name: '审核通过并发布' }).click();
    await staff.getByRole('link', { name: '打开捐赠页面' }).waitFor();
    await staff.screenshot({ path: path.join(shots, 'giving-console-campaign.png'), fullPage: true });
    await staff.getByRole('tab', { name: '分享' }).click();
    const [poster] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: '生成朋友圈海报' }).click(),
    ]);
    const png = readFileSync((await poster.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1080, 1920]);
    writeFileSync(path.join(shots, 'giving-poster.png'), png);
    expect(await staff.getByRole('tabpanel').locator('textarea').inputValue()).toContain('/c/demo/winter-coats/widget');

    await donor.goto(`${base}/c/demo/winter-coats`);
    await donor.getByRole('heading', { name: '冬天的第一件棉衣' }).waitFor();
    expect(await donor.locator('.story strong').textContent()).toBe('今年要送 500 件。');
    expect(await donor.locator('dl.plan').textContent()).toContain('53100000MJ0000000X26002');
    await donor.getByText('¥100.00', { exact: true }).click();
    await donor.getByLabel('姓名').fill('林小雨');
    await donor.getByLabel('手机号').fill('13600001234');
    await donor.getByText('通过短信接收项目进展和募捐信息').click();
    await donor.screenshot({ path: path.join(shots, 'giving-phone-form.png'), fullPage: true });
    await donor.getByRole('button', { name: '确认捐赠' }).click();
    await donor.waitForURL(/\/sandbox-pay\//);
    await donor.getByRole('button', { name: '确认支付 ¥100.00' }).click();
    await donor.waitForURL(/\/give\/CW/);
    await donor.getByRole('heading', { name: '捐赠成功，谢谢你！' }).waitFor({ timeout: 30_000 });
    const code = (await donor.locator('.card .entry').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-F]{16}$/);
    await donor.screenshot({ path: path.join(shots, 'giving-phone-thanks.png'), fullPage: true });
    await donor.getByRole('link', { name: '查看和下载捐赠确认函 →' }).click();
    await donor.getByRole('heading', { name: '捐赠确认函' }).waitFor();
    expect(await donor.locator('.doc').textContent()).toContain('尊敬的 林小雨');
    expect(await donor.locator('.doc .code').textContent()).toBe(code);
    await donor.screenshot({ path: path.join(shots, 'giving-phone-receipt.png'), fullPage: true });
    await donor.goBack();
    await donor.getByRole('link', { name: '查看捐赠去向 →' }).click();
    await donor.getByRole('heading', { name: '这笔捐赠去了哪里' }).waitFor();

    await donor.goto(`${base}/c/demo/winter-coats`);
    expect(await donor.locator('.stats').textContent()).toContain('已筹 ¥100.00');
    expect(await donor.locator('.gifts').textContent()).toContain('林*');

    await staff.reload();
    await staff.getByRole('tab', { name: '捐赠' }).click();
    await staff.getByText('¥100.00').first().waitFor();
    expect(await staff.locator('.ant-statistic').first().textContent()).toContain('¥100.00');
  }, 180_000);

  it('gives monthly on a phone; the donor pauses on their own page and staff see and resume it', async () => {
    const base = server!.baseUrl;
    await donor.goto(`${base}/c/demo/reading-2026`);
    await donor.getByText('¥50.00', { exact: true }).first().click();
    await donor.getByText('月捐（每月自动捐赠，可随时取消）').click();
    await donor.getByLabel('姓名').fill('程月明');
    await donor.getByLabel('手机号').fill('13600005678');
    await donor.getByLabel('电子邮箱').fill('chengyueming@example.org');
    await donor.getByRole('button', { name: '确认捐赠' }).click();
    await donor.waitForURL(/\/sandbox-pay\//);
    await donor.getByText('委托代扣').waitFor();
    await donor.getByRole('button', { name: '确认支付 ¥50.00' }).click();
    await donor.getByRole('heading', { name: '捐赠成功，谢谢你！' }).waitFor({ timeout: 30_000 });
    await donor.getByRole('link', { name: /管理我的月捐/ }).click();
    await donor.getByRole('heading', { name: '我的月捐' }).waitFor();
    expect(await donor.locator('.card').first().textContent()).toContain('每月 ¥50.00');
    await donor.getByLabel('暂停月捐').selectOption('2');
    await donor.getByRole('button', { name: '暂停', exact: true }).click();
    await donor.getByText('月捐已暂停。').waitFor();
    await donor.screenshot({ path: path.join(shots, 'giving-phone-monthly.png'), fullPage: true });

    await staff.getByRole('link', { name: '月捐' }).click();
    const row = staff.getByRole('row', { name: /程月明/ });
    await row.getByText('已暂停').waitFor();
    await staff.screenshot({ path: path.join(shots, 'giving-console-monthly.png'), fullPage: true });
    await row.getByRole('button', { name: '恢复' }).click();
    await row.getByText('进行中').waitFor();
    await row.getByRole('button', { name: '明细' }).click();
    await staff.getByText('捐赠人自助管理链接').waitFor();
    expect(await staff.locator('.ant-drawer').textContent()).toContain('/m/');
    await staff.keyboard.press('Escape');
    await staff.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });
  }, 120_000);

  it.skipIf(!smtpSinkInstalled)(
    "emails the monthly gift's receipt, with its PDF, to the donor through a real SMTP server",
    async () => {
      // Sent within seconds of the payment, not at the next minute's sweep.
      const deadline = Date.now() + 20_000;
      let mail: Awaited<ReturnType<typeof simpleParser>> | undefined;
      while (!mail && Date.now() < deadline) {
        const parsed = await Promise.all((await sink!.messages()).map((m) => simpleParser(m)));
        mail = parsed.find((m) => JSON.stringify(m.to).includes('chengyueming@example.org'));
        if (!mail) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(mail, 'the receipt email within 20 s of the payment').toBeDefined();
      expect(mail!.subject).toMatch(/^捐赠确认函 \d{4}-\d{6} · /);
      expect(mail!.text).toContain('程月明');
      expect(mail!.attachments).toHaveLength(1);
      const pdf = (await pdfText(mail!.attachments[0]!.content)).text;
      expect(pdf).toContain('程月明');
      expect(pdf).toContain('50.00');
    },
    60_000,
  );

  it("refunds part of a gift through its provider from the donor's page, and the campaign page counts it", async () => {
    const base = server!.baseUrl;
    await staff.getByRole('link', { name: '募捐活动' }).click();
    await staff.getByRole('link', { name: '冬天的第一件棉衣' }).click();
    await staff.getByRole('tab', { name: '捐赠' }).click();
    await staff
      .getByRole('row', { name: /¥100\.00/ })
      .getByRole('link', { name: '查看联系人' })
      .click();
    await staff.getByRole('tab', { name: '捐赠' }).click();
    const gift = staff.getByRole('row', { name: /¥100\.00/ });
    await gift.getByRole('button', { name: '退款' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByText('将通过沙箱（演示）原路退回给捐赠人').waitFor();
    await dialog.getByLabel('退款金额（元）').fill('30');
    await dialog.getByLabel(/退款原因/).fill('捐赠人多捐了 30 元');
    await staff.screenshot({ path: path.join(shots, 'giving-console-refund.png'), fullPage: true });
    await dialog.getByRole('button', { name: '原路退款' }).click();
    await staff.getByText('退款已完成并记账').waitFor();
    await gift.getByRole('button', { name: '退款' }).click();
    await staff.getByRole('dialog').getByText('¥70.00').waitFor();
    expect(await staff.getByRole('dialog').textContent()).toContain('已退款');

    await donor.goto(`${base}/c/demo/winter-coats`);
    expect(await donor.locator('.stats').textContent()).toContain('已筹 ¥70.00');
  }, 120_000);

  it("records a pledge on the donor's page and its payment, then lists it as fulfilled", async () => {
    // The refund dialog the last test left open.
    await staff
      .getByRole('dialog')
      .getByRole('button', { name: /^取\s?消$/ })
      .click();
    await staff.getByRole('dialog').waitFor({ state: 'hidden' });
    await staff.getByRole('button', { name: '登记认捐' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('认捐金额（元）').fill('500');
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await staff.getByText('认捐已登记').waitFor();
    const row = staff.getByRole('row', { name: /¥500\.00/ });
    await row.getByText('进行中').waitFor();
    await row.getByRole('button', { name: '记录到账' }).click();
    await staff
      .getByRole('dialog')
      .getByRole('button', { name: /^保\s?存$/ })
      .click();
    await staff.getByText('已记录到账，认捐已全部兑现').waitFor();
    await row.getByText('已兑现').waitFor();
    await staff.getByRole('link', { name: '认捐' }).click();
    await staff
      .getByRole('row', { name: /林小雨/ })
      .getByText('已兑现')
      .waitFor();
    await staff.screenshot({ path: path.join(shots, 'giving-console-pledges.png'), fullPage: true });
  }, 120_000);

  it('hosts a partner organization: invited, accepted, its campaign reviewed and counted across partners', async () => {
    const base = server!.baseUrl;
    // The demo staff member also runs a small partner organization (created through the API).
    const session = await (await staff.request.get(`${base}/api/session`)).json();
    const created = await staff.request.post(`${base}/api/orgs`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { name: '小树苗支教社', slug: 'xiaoshumiao' },
    });
    expect(created.status()).toBe(201);

    await staff.goto(`${base}/admin/o/demo/partnerships`);
    await staff.getByLabel('资格证书编号').fill('53100000500000000X');
    // Only a qualified host may invite: the qualification is saved before the invitation is sent.
    const qualified = staff.waitForResponse((r) => r.request().method() !== 'GET' && r.url().includes('/api/'));
    await staff.getByRole('button', { name: /^保\s?存$/ }).click();
    expect((await qualified).status()).toBeLessThan(300);
    await staff.getByRole('button', { name: '邀请伙伴机构' }).click();
    const invite = staff.getByRole('dialog');
    await invite.getByLabel('伙伴机构的地址').fill('xiaoshumiao');
    await invite.getByLabel('善款进入的项目').click();
    await staff.locator('.ant-select-item-option').first().click();
    await invite.getByText('汇总和捐赠人名单').click();
    await invite.getByRole('button', { name: /^确\s?定$/ }).click();
    await staff.getByText('邀请已发出，等待对方接受').waitFor();

    await staff.goto(`${base}/admin/o/xiaoshumiao/partnerships`);
    await staff.getByRole('button', { name: '接受邀请' }).click();
    await staff
      .getByRole('row', { name: /青禾公益基金会/ })
      .getByText('合作中')
      .waitFor();
    await staff.getByRole('button', { name: '新建联合劝募项目' }).click();
    const editor = staff.getByRole('dialog');
    await editor.getByLabel('募捐标题').fill('山里的小学图书角');
    await editor.getByLabel('页面地址').fill('mountain-books');
    await editor.getByLabel('一句话介绍').fill('给山区小学建一个图书角');
    await editor.getByRole('button', { name: /^保\s?存$/ }).click();
    const mine = staff.getByRole('row', { name: /山里的小学图书角/ });
    await mine.getByRole('button', { name: '提交审核' }).click();
    await mine.getByText('待审核').waitFor();
    await staff.screenshot({ path: path.join(shots, 'partner-console.png'), fullPage: true });

    await staff.goto(`${base}/admin/o/demo/campaigns`);
    await staff
      .getByRole('row', { name: /山里的小学图书角/ })
      .getByText('伙伴项目')
      .waitFor();
    await staff.getByRole('link', { name: '山里的小学图书角' }).click();
    // The host files the fundraising plan: publishing without it is refused, with the missing fields marked.
    await staff.getByRole('button', { name: '审核通过并发布' }).click();
    await staff.locator('.ant-form-item-has-error').getByLabel('募捐方案备案编号').waitFor();
    await fillPlan(staff, '53100000MJ0000000X26003');
    const saved = staff.waitForResponse((r) => r.request().method() === 'PATCH');
    await staff.getByRole('button', { name: /^保\s?存$/ }).click();
    expect((await saved).status()).toBe(200);
    await staff.getByRole('button', { name: '审核通过并发布' }).click();
    await staff.getByRole('link', { name: '打开捐赠页面' }).waitFor();

    await donor.goto(`${base}/c/demo/mountain-books`);
    await donor.getByRole('heading', { name: '山里的小学图书角' }).waitFor();
    await donor.getByText('¥50.00', { exact: true }).first().click();
    await donor.getByLabel('姓名').fill('韩冬');
    await donor.getByLabel('手机号').fill('13600007777');
    await donor.getByRole('button', { name: '确认捐赠' }).click();
    await donor.getByRole('button', { name: '确认支付 ¥50.00' }).click();
    await donor.getByRole('heading', { name: '捐赠成功，谢谢你！' }).waitFor({ timeout: 30_000 });

    await staff.goto(`${base}/admin/o/demo/partnerships`);
    const overview = staff.getByRole('row', { name: /山里的小学图书角/ });
    await overview.getByText('¥50.00').waitFor();
    expect(await overview.textContent()).toContain('小树苗支教社');
    await staff.screenshot({ path: path.join(shots, 'host-console.png'), fullPage: true });

    await staff.goto(`${base}/admin/o/xiaoshumiao/partnerships`);
    await staff
      .getByRole('row', { name: /山里的小学图书角/ })
      .getByRole('button', { name: '捐赠人' })
      .click();
    await staff.getByRole('dialog').getByText('韩冬').waitFor();
  }, 180_000);
});
