import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, freshDatabase } from '../testing/database.ts';
import type { Database } from './client.ts';
import { executePrepared } from './prepared.ts';

let database: Database;

beforeAll(async () => {
  database = await freshDatabase();
  await database.executeSql('create table prepared_probe (n int not null, label text not null)');
});
afterAll(() => database?.close());

const insert = (db: Database['db'], n: number, label: string) =>
  executePrepared(db, sql`insert into prepared_probe (n, label) values (${n}, ${label}) returning n, label`);

describe('executePrepared', () => {
  it('answers as db.execute does, with each call its own parameters, in and out of transactions', async () => {
    const first = await insert(database.db, 1, '一');
    expect(first.rows).toEqual([{ n: 1, label: '一' }]);
    await database.db.transaction(async (tx) => {
      for (let n = 2; n <= 6; n++) await insert(tx, n, `第${n}`);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await insert(tx, 7, 'rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const all = await executePrepared<{ n: number; label: string }>(
      database.db,
      sql`select n, label from prepared_probe where n >= ${0} order by n`,
    );
    expect(all.rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.rows[5]!.label).toBe('第6');
  });

  it.runIf(onPostgres())('prepares each statement once per connection, under a name from its text', async () => {
    await database.db.transaction(async (tx) => {
      await insert(tx, 10, 'a');
      await insert(tx, 11, 'b');
      const statements = (await tx.execute(
        sql`select name from pg_prepared_statements where statement like 'insert into prepared_probe%'`,
      )) as unknown as { rows: { name: string }[] };
      expect(statements.rows).toHaveLength(1);
      expect(statements.rows[0]!.name).toMatch(/^cw_[0-9a-f]{24}$/);
    });
  });
});
