// What the Chromium tests of mailings and SMS sends share: staff signed in with readers to send to, the
// audience picked by tag, and a send scheduled and then taken back to a draft.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signInDemo } from './demo-browsers.ts';

interface Reader {
  name: string;
  email?: string;
  phone?: string;
  /** Agreed to the channel for the newsletter. */
  consent: boolean;
}

/** Signs the demo's staff in, then adds the readers with the tag through the API, and their consents. */
export async function signInWithReaders(
  staff: Page,
  base: string,
  audience: { tag: string; channel: 'email' | 'sms'; readers: Reader[] },
) {
  await signInDemo(staff, base);
  const { csrfToken } = (await (await staff.request.get(`${base}/api/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  for (const { consent, ...reader } of audience.readers) {
    const created = await staff.request.post(`${base}/api/orgs/demo/contacts`, {
      headers,
      data: { ...reader, tags: [audience.tag] },
    });
    expect(created.status()).toBe(201);
    if (!consent) continue;
    const { id } = (await created.json()) as { id: number };
    const granted = await staff.request.post(`${base}/api/orgs/demo/contacts/${id}/consents`, {
      headers,
      data: {
        channel: audience.channel,
        purpose: 'newsletter',
        status: 'granted',
        source: 'staff',
        evidence: { type: 'staff_entry', ref: '活动签到表' },
      },
    });
    expect(granted.status()).toBe(201);
  }
}

/** Picks a tag in the audience's 标签 select. */
export async function chooseTag(page: Page, tag: string) {
  const item = page.locator('.ant-form-item', { has: page.getByText('标签', { exact: true }) });
  await item.locator('.ant-select-selector').click();
  await page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${tag}"]`)
    .click();
  await page.keyboard.press('Escape');
}

/** Picks the time in the send dialog's date picker, as staff type it ("2030-04-01 09:30"). */
export async function pickSendTime(page: Page, dialog: Locator, time: string) {
  const picker = dialog.locator('.ant-picker input');
  await picker.click();
  await picker.fill(time);
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
}

/** 取消定时 on a scheduled send's page: it is a draft again, and may be sent now. */
export async function unscheduleToDraft(page: Page) {
  await page.locator('.cw-page-title').getByRole('button', { name: '取消定时' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '取消定时' }).click();
  await page.locator('.cw-page-title').getByText('草稿', { exact: true }).waitFor();
  await page.getByRole('button', { name: '立即发送' }).waitFor();
}
