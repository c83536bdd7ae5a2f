// A sign-up form in a real Chromium against the real server: staff build it in the console (questions
// mapped to contact fields, an SMS consent), publish it, a volunteer fills it in on a phone, and the
// response shows as a contact with the consent; a second response with the same phone waits for staff.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, signInDemo, startDemoWithBrowsers } from './demo-browsers.ts';
import { hasChromium } from './server.ts';

if (!hasChromium) console.warn('e2e/forms.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');

/** Opens an antd Select by its label inside `scope` and picks the option shown as `option`. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  const item = scope.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });
  // The selector, not its input: a chosen value lies over the input and would take the click.
  await item.locator('.ant-select-selector').click();
  await page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`)
    .click();
  await item.locator('.ant-select-selection-item', { hasText: option }).waitFor();
}

/** Adds a question of a type from the 添加问题 menu as the form's `index`th, and writes what it asks. */
async function addQuestion(page: Page, index: number, type: string, label: string) {
  const cards = page.locator('.cw-form-field');
  const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
  // On a loaded machine the menu can still be sliding in, or be placed again, when the click comes: the
  // click lands on the page under it and nothing is added. Staff would open it and click again, and so
  // does the test (at most three times), each time once the menu's animations are over.
  for (let attempt = 0; attempt < 3 && (await cards.count()) <= index; attempt++) {
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' }).catch(() => undefined);
    await page.getByRole('button', { name: '添加问题' }).click();
    await menu.waitFor();
    await menu.evaluate((el) =>
      Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
    );
    await menu
      .getByRole('menuitem', { name: type, exact: true })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await cards
      .nth(index)
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
  }
  const card = cards.nth(index);
  await card.getByText(`${index + 1}. ${type}`).waitFor();
  await card.getByLabel('题目', { exact: true }).fill(label);
  return card;
}

describe.skipIf(!hasChromium)('a sign-up form from the console to a volunteer on a phone', () => {
  let demo: Awaited<ReturnType<typeof startDemoWithBrowsers>> | undefined;
  let server: Awaited<ReturnType<typeof startDemoWithBrowsers>>['server'] | undefined;
  let staff: Page;
  let volunteer: Page;
  let formUrl = '';
  let consoleUrl = '';

  beforeAll(async () => {
    demo = await startDemoWithBrowsers('forms');
    ({ server, staff, phone: volunteer } = demo);
  }, 300_000);

  afterAll(() => demo?.stop(), 60_000);

  it('is built, published, filled in on a phone, and its volunteer becomes a contact with the SMS consent', async () => {
    const base = server!.baseUrl;
    await signInDemo(staff, base);

    await staff.getByRole('link', { name: '表单', exact: true }).click();
    // The demo's one form is the sign-up form of its volunteer opportunity.
    await staff.getByRole('row', { name: /民勤春季植树志愿者报名/ }).waitFor();
    await staff.screenshot({ path: path.join(shots, 'forms-console-start.png'), fullPage: true });
    await staff.getByRole('button', { name: '新建表单' }).first().click();
    await staff.getByLabel('表单标题').fill('志愿者报名');
    await staff.getByLabel('介绍').fill('周末到社区图书角帮忙，每次半天。');

    const name = await addQuestion(staff, 0, '单行文本', '姓名');
    await name.getByLabel('必填', { exact: true }).click();
    await choose(staff, name, '存入联系人字段', '姓名');
    const mobile = await addQuestion(staff, 1, '手机号', '手机号');
    await mobile.getByLabel('必填', { exact: true }).click();
    expect(await mobile.locator('.ant-select-selection-item').first().textContent()).toBe('手机');
    const day = await addQuestion(staff, 2, '单选', '可以参加的日期');
    const options = day.getByLabel('选项', { exact: true });
    for (const option of ['周六', '周日']) {
      await options.fill(option);
      await options.press('Enter');
    }
    const consent = await addQuestion(staff, 3, '同意条款', '同意接收短信通知');
    await choose(staff, consent, '同意通过哪种方式联系', '短信');
    expect(await consent.getByLabel('字段标识').inputValue()).toBe('field_4');
    // A question added by mistake: moved up, then deleted; the others keep their order.
    const extra = await addQuestion(staff, 4, '多行文本', '备注');
    await extra.getByRole('button', { name: '上移' }).click();
    const moved = staff.locator('.cw-form-field').nth(3);
    await moved.getByText('4. 多行文本').waitFor();
    await moved.getByRole('button', { name: '删除问题' }).click();
    await expect.poll(() => staff.locator('.cw-form-field').count()).toBe(4);
    await staff.locator('.cw-form-field').nth(3).getByText('4. 同意条款').waitFor();
    expect(await consent.getByLabel('题目', { exact: true }).inputValue()).toBe('同意接收短信通知');
    await addQuestion(staff, 4, '上传文件', '生活照');
    const place = await addQuestion(staff, 5, '省/市/区', '所在地区');
    // A region question fills in the contact's address by itself, down to the district unless told.
    expect(await place.locator('.ant-select-selection-item').allTextContents()).toEqual(
      expect.arrayContaining(['区县', '地址（省/市/区）']),
    );
    await staff.getByLabel('需要人机验证').click();
    await staff.getByLabel('提交后显示的感谢语').fill('谢谢报名！我们会在三天内联系你。');
    await staff.screenshot({ path: path.join(shots, 'forms-console-editor.png'), fullPage: true });

    await staff.getByRole('button', { name: '保存', exact: true }).click();
    await staff.waitForURL(/\/forms\/\d+$/);
    consoleUrl = staff.url();
    await staff.getByText('已保存').first().waitFor();
    await staff.getByRole('button', { name: '发布（开始收集）' }).click();
    await staff.getByText('已发布，开始收集').waitFor();
    const link = staff.getByLabel('表单链接');
    await link.waitFor();
    formUrl = await link.inputValue();
    expect(formUrl).toMatch(new RegExp(`^${base}/f/demo/[a-z0-9-]+$`));
    const embed = await staff.getByLabel('嵌入机构网站').inputValue();
    expect(embed).toContain(`${formUrl}?embed=1`);
    // On another site (another origin, served here) the embed code's iframe grows to the form's height.
    const site = createServer((_, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html><body><p>机构网站</p>${embed}</body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const sitePage = await staff.context().newPage();
    await sitePage.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await sitePage.waitForFunction(() => {
      const frame = document.querySelector('iframe[data-commonweal-form]') as HTMLIFrameElement | null;
      return frame !== null && frame.style.height !== '640px' && parseInt(frame.style.height, 10) > 100;
    });
    await sitePage.close();
    site.close();
    await staff.locator('#form-qr canvas').waitFor();
    await staff.screenshot({ path: path.join(shots, 'forms-console-share.png'), fullPage: true });

    await volunteer.goto(formUrl);
    await volunteer.getByRole('heading', { name: '志愿者报名' }).waitFor();
    await volunteer.getByLabel('姓名').fill('周晓晴');
    await volunteer.getByLabel('手机号').fill('13900002468');
    await volunteer.getByLabel('周六').check();
    await volunteer.getByLabel('同意接收短信通知').check();
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    await volunteer.getByLabel('生活照').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    // 省/市/区: each choice lists the next level's divisions, fetched as it is made.
    await volunteer.getByRole('combobox', { name: '省份' }).selectOption({ label: '四川省' });
    await volunteer
      .getByRole('combobox', { name: '城市' })
      .locator('option', { hasText: '成都市' })
      .waitFor({ state: 'attached' });
    await volunteer.getByRole('combobox', { name: '城市' }).selectOption({ label: '成都市' });
    await volunteer
      .getByRole('combobox', { name: '区县' })
      .locator('option', { hasText: '武侯区' })
      .waitFor({ state: 'attached' });
    await volunteer.getByRole('combobox', { name: '区县' }).selectOption({ label: '武侯区' });
    // The proof of work the captcha asks for is solved in the background while the form is filled in.
    await expect.poll(() => volunteer.locator('input[name="captcha"]').inputValue(), { timeout: 30_000 }).not.toBe('');
    await volunteer.screenshot({ path: path.join(shots, 'forms-phone-form.png'), fullPage: true });
    await volunteer.getByRole('button', { name: '提交', exact: true }).click();
    await volunteer.getByText('谢谢报名！我们会在三天内联系你。').waitFor();
    await volunteer.screenshot({ path: path.join(shots, 'forms-phone-thanks.png'), fullPage: true });

    await staff.reload();
    await staff.getByRole('tab', { name: /回复/ }).click();
    const row = staff.getByRole('row', { name: /周晓晴/ });
    await row.getByText('已存入').waitFor();
    expect(await row.textContent()).toContain('周六');
    expect(await row.textContent()).toContain('同意');
    await row.getByText('四川省 成都市 武侯区').waitFor();
    await row.getByRole('link', { name: 'me.png' }).waitFor();
    await staff.screenshot({ path: path.join(shots, 'forms-console-responses.png'), fullPage: true });
    await row.getByRole('link', { name: '周晓晴' }).click();
    await staff.waitForURL(/\/admin\/o\/demo\/contacts\/\d+$/);
    await staff.getByRole('heading', { name: '周晓晴' }).waitFor();
    await staff.getByText('四川省 成都市 武侯区').first().waitFor();
    await staff.getByRole('tab', { name: '授权同意' }).click();
    const sms = staff.getByRole('row', { name: /短信/ }).first();
    await sms.getByText('已同意').waitFor();
    expect(await sms.textContent()).toContain('项目进展');
    await staff.screenshot({ path: path.join(shots, 'forms-console-contact.png'), fullPage: true });
  }, 180_000);

  it('holds a second response with the same phone for staff, who store it on the contact', async () => {
    await volunteer.goto(formUrl);
    await volunteer.getByLabel('姓名').fill('周晓晴');
    await volunteer.getByLabel('手机号').fill('13900002468');
    await volunteer.getByLabel('周日').check();
    await volunteer.getByRole('button', { name: '提交', exact: true }).click();
    await volunteer.getByText('谢谢报名！我们会在三天内联系你。').waitFor();

    await staff.goto(consoleUrl);
    await staff.getByRole('tab', { name: /回复/ }).click();
    const row = staff.getByRole('row', { name: /周日/ });
    await row.getByText('疑似重复').waitFor();
    await staff.getByText('有 1 条回复等你确认').waitFor();
    expect(await row.textContent()).toContain('似乎已在库中');
    await staff.screenshot({ path: path.join(shots, 'forms-console-duplicate.png'), fullPage: true });
    await row.getByRole('button', { name: '同步到联系人' }).click();
    await row.getByText('已存入').waitFor();

    await staff.getByRole('link', { name: '表单', exact: true }).click();
    const listed = staff.getByRole('row', { name: /^志愿者报名/ });
    await listed.getByText('收集中').waitFor();
    await listed.getByRole('cell', { name: '2', exact: true }).waitFor();
    expect(await listed.textContent()).toContain(formUrl);
    await staff.screenshot({ path: path.join(shots, 'forms-console-list.png'), fullPage: true });
  }, 120_000);

  it("marks the server's refusal beside the field it is about", async () => {
    await staff.getByRole('button', { name: '新建表单' }).click();
    await staff.getByLabel('表单标题').fill('冬令营报名');
    await staff.getByLabel('页面地址（可不填）').fill(new URL(formUrl).pathname.split('/').pop()!);
    await addQuestion(staff, 0, '单行文本', '姓名');
    await staff.getByRole('button', { name: '保存', exact: true }).click();
    await staff.locator('.ant-form-item-has-error').getByLabel('页面地址（可不填）').waitFor();
    expect(staff.url()).toMatch(/\/forms\/new$/);
  }, 60_000);
});
