import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../modules/contacts/tables.ts';
import { paymentNotifications } from '../modules/fundraising/tables.ts';
import { gifts } from '../modules/gifts/tables.ts';
import { organizations } from '../modules/platform/tables.ts';
import { freshDatabase } from '../testing/database.ts';
import type { Database } from './client.ts';
import { insertRows } from './insert-rows.ts';

let database: Database;
let orgId: string;

beforeAll(async () => {
  database = await freshDatabase();
  const [org] = await database.db.insert(organizations).values({ slug: 'insert-rows', name: '批量写入' }).returning();
  orgId = org!.id;
});
afterAll(() => database?.close());

// Ids and insert times differ between two inserts; everything else must not.
const comparable = (row: object) => ({ ...row, id: 0, createdAt: null, updatedAt: null });

describe('insertRows', () => {
  it('answers rows exactly as drizzle reads them: dates, jsonb, int8, enums and defaults', async () => {
    const person = {
      orgId,
      kind: 'person' as const,
      name: '王小明',
      namePinyin: 'wang xiao ming',
      custom: { 会员: true },
    };
    const [byDrizzle] = await database.db.insert(contacts).values(person).returning();
    const [byJson] = await insertRows(database.db, contacts, [person]);
    expect(comparable(byJson!)).toEqual(comparable(byDrizzle!));
    expect(byJson!.createdAt).toBeInstanceOf(Date);

    const gift = {
      orgId,
      contactId: byJson!.id,
      kind: 'money' as const,
      amount: 8_880,
      currency: 'CNY' as const,
      receivedAt: new Date('2026-12-06T08:00:00.123Z'),
      channel: 'sandbox',
      source: 'online',
    };
    const [drizzleGift] = await database.db.insert(gifts).values(gift).returning();
    const [jsonGift] = await insertRows(database.db, gifts, [gift]);
    expect(comparable(jsonGift!)).toEqual(comparable(drizzleGift!));
    expect(jsonGift!.receivedAt.toISOString()).toBe('2026-12-06T08:00:00.123Z');
  });

  it('keeps the order given, skips conflicts when asked, and refuses a column given for some rows only', async () => {
    const names = ['甲', '乙', '丙', '丁'];
    const rows = await insertRows(
      database.db,
      contacts,
      names.map((name) => ({ orgId, kind: 'person' as const, name })),
    );
    expect(rows.map((r) => r.name)).toEqual(names);

    const notice = {
      orgId,
      provider: 'sandbox' as const,
      notificationId: 'evt_insert_rows',
      orderNo: 'CW20261206AAAAAAAAAAAAAAAA',
      kind: 'paid' as const,
      outcome: 'recorded' as const,
    };
    const target = { onConflictDoNothing: [paymentNotifications.provider, paymentNotifications.notificationId] };
    expect(await insertRows(database.db, paymentNotifications, [notice], target)).toHaveLength(1);
    expect(await insertRows(database.db, paymentNotifications, [notice], target)).toEqual([]);
    await expect(
      insertRows(database.db, contacts, [
        { orgId, kind: 'person', name: '戊', source: 'form' },
        { orgId, name: '己', kind: 'person' },
      ]),
    ).resolves.toHaveLength(2);
    await expect(
      insertRows(database.db, contacts, [
        { orgId, kind: 'person', name: '庚', custom: {} },
        { orgId, kind: 'person', name: '辛' },
      ]),
    ).rejects.toThrow(/custom: given for some rows only/);
  });
});
