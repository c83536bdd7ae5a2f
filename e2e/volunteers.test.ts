// Volunteers in a real Chromium against the real server: staff build an opportunity in the console (a
// place, two shifts, one with a single place, a sign-up form), publish it and see its link and QR code;
// volunteers sign up on its public page on a phone, the second one to the full shift lands on the waiting
// list; staff check in, out and log hours on the roster (also at 390 px, as on a phone at the site); the
// volunteer's contact page shows the hours.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, signInDemo, startDemoWithBrowsers } from './demo-browsers.ts';
import { hasChromium } from './server.ts';

if (!hasChromium)
  console.warn('e2e/volunteers.test.ts skipped: Chromium is not installed (expected at /usr/bin/chromium).');

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

/** A day a few days ahead, as the console's pickers take it (the browsers run on Shanghai time). */
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

async function apiSession(page: Page, base: string) {
  const { csrfToken } = (await (await page.request.get(`${base}/api/session`)).json()) as { csrfToken: string };
  return { 'x-csrf-token': csrfToken };
}

/** Opens a Select inside `scope` and picks an option by its title. */
async function choose(page: Page, scope: Locator, option: string) {
  await scope.locator('.ant-select-selector').click();
  await page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`)
    .click();
}

/** Fills a new shift's row: name, times typed into the range picker, places (empty for 不限). */
async function addShift(page: Page, shift: { title: string; from: string; to: string; capacity?: string }) {
  await page.getByRole('button', { name: '添加班次' }).click();
  const row = page.locator('.cw-editing-row');
  await row.getByLabel('班次名称').fill(shift.title);
  const start = row.getByPlaceholder('开始时间');
  await start.click();
  await start.fill(shift.from);
  await start.press('Enter');
  const end = row.getByPlaceholder('结束时间');
  await end.fill(shift.to);
  await end.press('Enter');
  if (shift.capacity) await row.getByLabel('名额').fill(shift.capacity);
  await row.getByRole('button', { name: '保存' }).click();
  await row.waitFor({ state: 'detached' });
}

describe.skipIf(!hasChromium)('volunteers from the console to a phone and back', () => {
  let demo: Awaited<ReturnType<typeof startDemoWithBrowsers>> | undefined;
  let staff: Page;
  let volunteer: Page;
  let base = '';

  beforeAll(async () => {
    demo = await startDemoWithBrowsers('volunteers');
    ({ staff, phone: volunteer } = demo);
    base = demo.server.baseUrl;
  }, 300_000);

  afterAll(() => demo?.stop(), 60_000);

  it('an opportunity is built, published, signed up for, checked in and its hours reach the contact', async () => {
    await signInDemo(staff, base);
    const headers = await apiSession(staff, base);
    // The sign-up form (built in the console by forms.test.ts; here through its API), left a draft.
    const form = await staff.request.post(`${base}/api/orgs/demo/forms`, {
      headers,
      data: {
        title: '植树志愿者报名表',
        fields: [
          { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
          { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
        ],
        settings: {},
      },
    });
    expect(form.status()).toBe(201);

    await staff.getByRole('link', { name: '志愿者', exact: true }).click();
    // The demo's own opportunity is listed with its places taken.
    await staff
      .getByRole('row', { name: /民勤春季植树/ })
      .getByText('招募中')
      .waitFor();
    await staff.getByRole('button', { name: '新建活动' }).first().click();
    await staff.getByLabel('活动名称').fill('春季沙漠植树');
    await staff.getByLabel('活动介绍').fill('在沙漠边缘种梭梭，每班半天。请穿长袖、带水。');
    await staff.getByLabel('地点', { exact: true }).fill('甘肃民勤县薛百镇治沙站');
    await staff.locator('.ant-form-item', { hasText: '所在省/市/区' }).locator('.ant-cascader').click();
    for (const place of ['甘肃省', '武威市', '民勤县'])
      await staff.locator(`.ant-cascader-menu-item[title="${place}"]`).click();
    const skills = staff.getByLabel('技能要求');
    await skills.fill('体力好');
    await skills.press('Enter');
    await choose(staff, staff.locator('.ant-form-item', { hasText: '报名表' }).first(), '植树志愿者报名表');
    await staff.getByLabel('允许候补').click();
    await staff.getByRole('button', { name: '保存', exact: true }).click();
    await staff.waitForURL(/\/volunteers\/\d+$/);
    await staff.getByText('已保存').first().waitFor();

    // Publishing without a shift: the server's refusal is said at the shifts.
    await staff.getByRole('button', { name: '发布招募' }).click();
    await staff.locator('.ant-modal-confirm').getByRole('button', { name: '发布招募' }).click();
    await staff.locator('.ant-alert').getByText('发布招募前，请至少添加一个班次').waitFor();

    const day = dayAhead(3);
    await addShift(staff, { title: '上午班', from: `${day} 09:00`, to: `${day} 12:00`, capacity: '1' });
    await addShift(staff, { title: '下午班', from: `${day} 14:00`, to: `${day} 17:30` });
    const morning = staff.getByRole('row', { name: /上午班/ });
    await morning.getByText('09:00–12:00').waitFor();
    expect(await staff.getByRole('row', { name: /下午班/ }).textContent()).toContain('不限');
    await shot(staff, 'volunteers-editor');

    await staff.getByRole('button', { name: '发布招募' }).click();
    await staff.locator('.ant-modal-confirm').getByRole('button', { name: '发布招募' }).click();
    await staff.getByText('已发布，开始招募').waitFor();
    const link = staff.getByLabel('报名页面链接');
    await link.waitFor();
    const publicUrl = await link.inputValue();
    expect(publicUrl).toMatch(new RegExp(`^${base}/v/demo/[a-z0-9-]+$`));
    await staff.locator('#opportunity-qr canvas').waitFor();
    await shot(staff, 'volunteers-share');
    const opportunityUrl = staff.url().replace(/\?.*$/, '');

    // Two volunteers on a phone: the first takes the single morning place, the second waits for it. Until
    // the public page is served, they sign up through its JSON API, as an organization's own site would.
    const hasPage = (await volunteer.request.get(publicUrl)).status() === 200;
    const slug = publicUrl.split('/').pop()!;
    const signUp = async (name: string, mobile: string, shifts: RegExp[]) => {
      if (!hasPage) {
        const api = `${base}/api/volunteers/demo/${slug}`;
        const offered = (await (await volunteer.request.get(api)).json()) as {
          shifts: { id: number; title: string }[];
        };
        const shiftIds = offered.shifts.filter((s) => shifts.some((r) => r.test(s.title))).map((s) => s.id);
        const sent = await volunteer.request.post(api, { data: { shiftIds, answers: { name, phone: mobile } } });
        expect(sent.status()).toBe(201);
        return ((await sent.json()) as { signups: { status: string }[] }).signups.map((s) => s.status);
      }
      await volunteer.goto(publicUrl);
      await volunteer.getByRole('heading', { name: '春季沙漠植树' }).waitFor();
      for (const shift of shifts) await volunteer.getByLabel(shift).check();
      await volunteer.getByLabel('姓名').fill(name);
      await volunteer.getByLabel('手机号').fill(mobile);
      await volunteer.getByRole('button', { name: '报名', exact: true }).click();
      return [];
    };
    if (hasPage) {
      await signUp('周晓晴', '13900002468', [/上午班/, /下午班/]);
      await volunteer.getByText('报名成功，谢谢你！').waitFor();
      await volunteer.goto(publicUrl);
      await volunteer.getByText('已满，可报名候补').waitFor();
      await volunteer.screenshot({ path: path.join(shots, 'volunteers-phone-page.png'), fullPage: true });
      await signUp('李明', '13900001357', [/上午班/]);
      await volunteer.getByText('你已进入候补名单').waitFor();
    } else {
      console.warn('e2e/volunteers.test.ts: no public page at /v/…; signing up through the JSON API');
      expect(await signUp('周晓晴', '13900002468', [/上午班/, /下午班/])).toEqual(['confirmed', 'confirmed']);
      expect(await signUp('李明', '13900001357', [/上午班/])).toEqual(['waitlisted']);
    }

    // The roster: the morning shift full with one waiting; check in, out, and hours.
    await staff.goto(`${opportunityUrl}?tab=roster`);
    const morningProgress = staff.locator('.cw-shift-progress', { hasText: '上午班' });
    await morningProgress.getByText('已报名 1 / 名额 1').waitFor();
    await morningProgress.getByText('候补 1').waitFor();
    const rows = () => staff.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows().count()).toBe(3);
    const morningRow = staff.getByRole('row', { name: /周晓晴.*上午班/ });
    expect(await staff.getByRole('row', { name: /李明/ }).textContent()).toContain('候补');
    await morningRow.getByRole('button', { name: '签到' }).click();
    await morningRow.getByText('已签到').waitFor();
    await morningRow.getByRole('button', { name: '签退' }).click();
    await morningRow.getByText('0 分钟').waitFor();
    await morningRow.getByRole('button', { name: '登记时长' }).click();
    const hours = staff.locator('.ant-modal', { hasText: '登记服务时长' });
    await hours.getByLabel('小时数').fill('3');
    await hours.getByLabel('分钟数').fill('0');
    await hours.getByRole('button', { name: '保存' }).click();
    await morningRow.getByText('3 小时', { exact: true }).waitFor();
    const afternoonRow = staff.getByRole('row', { name: /周晓晴.*下午班/ });
    await afternoonRow.getByRole('button', { name: '登记时长' }).click();
    // The shift's length is offered; staff change it to what was served.
    expect(await hours.getByLabel('小时数').inputValue()).toBe('3');
    expect(await hours.getByLabel('分钟数').inputValue()).toBe('30');
    await hours.getByLabel('小时数').fill('2');
    await hours.getByRole('button', { name: '保存' }).click();
    await afternoonRow.getByText('2 小时 30 分钟').waitFor();
    await staff.locator('.ant-statistic', { hasText: '总时长' }).getByText('5 小时 30 分钟').waitFor();
    await shot(staff, 'volunteers-roster');

    // A walk-in added by staff, checked in from the phone-sized roster with the bulk button.
    await staff.request.post(`${base}/api/orgs/demo/contacts`, {
      headers,
      data: { name: '吴桐', phone: '13800138003' },
    });
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.getByRole('button', { name: '添加志愿者' }).click();
    const add = staff.locator('.ant-modal', { hasText: '添加志愿者' });
    await add.locator('.ant-form-item', { hasText: '志愿者' }).first().locator('input').fill('吴桐');
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '吴桐' })
      .click();
    await choose(staff, add.locator('.ant-form-item', { hasText: '班次' }), `下午班 · ${await shiftLabel(staff)}`);
    await add.getByRole('button', { name: '添加' }).click();
    const card = staff.locator('.cw-roster-cards .ant-card', { hasText: '吴桐' });
    await card.getByText('已报名').waitFor();
    await card.getByLabel('选择 吴桐').check();
    await staff.getByRole('button', { name: '批量签到（1）' }).click();
    await card.getByText('已签到').waitFor();
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(staff, 'volunteers-roster-phone');

    await staff.setViewportSize({ width: 1366, height: 900 });
    await staff.getByRole('link', { name: '周晓晴' }).first().click();
    await staff.getByRole('heading', { name: '周晓晴' }).waitFor();
    await staff.getByRole('tab', { name: '志愿服务' }).click();
    await staff.locator('.ant-statistic', { hasText: '志愿服务总时长' }).getByText('5 小时 30 分钟').waitFor();
    await staff.locator('.ant-statistic', { hasText: '参加班次' }).getByText('2').waitFor();
    await staff.getByRole('row', { name: /春季沙漠植树.*上午班.*已签到.*3 小时/ }).waitFor();
    await shot(staff, 'volunteers-contact');
    await staff.getByRole('tab', { name: '动态' }).click();
    await staff.getByText('志愿活动「春季沙漠植树」记录服务时长 2 小时 30 分钟').waitFor();
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.getByRole('tab', { name: '志愿服务' }).click();
    await shot(staff, 'volunteers-contact-phone');

    await staff.goto(opportunityUrl.replace(/\/\d+$/, ''));
    const listed = staff.getByRole('row', { name: /春季沙漠植树/ });
    await listed.getByText('招募中').waitFor();
    expect(await listed.textContent()).toContain('甘肃民勤县');
    await shot(staff, 'volunteers-list-phone');
    await staff.goto(opportunityUrl);
    await staff.getByRole('row', { name: /上午班/ }).waitFor();
    await shot(staff, 'volunteers-editor-phone');
    await staff.setViewportSize({ width: 1366, height: 900 });
    await staff.goto(opportunityUrl.replace(/\/\d+$/, ''));
    await staff
      .getByRole('row', { name: /春季沙漠植树/ })
      .getByText('3 / 不限')
      .waitFor();
    await shot(staff, 'volunteers-list');
  }, 300_000);
});

/** The afternoon shift's time as the console words it, read off the shifts' progress cards. */
async function shiftLabel(page: Page) {
  const card = page.locator('.cw-shift-progress', { hasText: '下午班' });
  return (await card.locator('.ant-typography-secondary').first().textContent()) ?? '';
}
