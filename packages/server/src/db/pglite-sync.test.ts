import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './client.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('making the embedded database durable', () => {
  it('has a disk sync only on a data directory, and it runs over a live cluster', async () => {
    const memory = await openPglite();
    expect(memory.syncToDisk).toBeUndefined();
    await memory.close();

    const dir = await mkdtemp(path.join(tmpdir(), 'cw-pglite-sync-'));
    dirs.push(dir);
    const database = await openPglite(dir);
    try {
      await database.executeSql('create table t (x int)');
      await database.executeSql('insert into t values ($1)', [1]);
      await database.syncToDisk!();
      await database.executeSql('insert into t values ($1)', [2]);
      await database.syncToDisk!();
      expect((await database.executeSql('select count(*)::int as n from t', [])).rows[0]).toEqual({ n: 2 });
    } finally {
      await database.close();
    }
  });
});
