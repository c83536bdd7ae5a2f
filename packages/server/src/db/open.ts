import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Config } from '../config/config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `Another Commonweal process is already using ${dataDir}. ` +
        'The embedded database allows one process at a time; stop the other one, ' +
        'or set DATABASE_URL to a PostgreSQL server to run several.',
    );
  }
}

/**
 * Opens the configured database. The embedded one takes an exclusive lock on DATA_DIR, because two
 * processes on one PGlite directory corrupt it without any error.
 */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Database> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  await mkdir(config.DATA_DIR, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(config.DATA_DIR, {
      lockfilePath: path.join(config.DATA_DIR, 'commonweal.lock'),
      stale: 15_000,
      update: 5_000,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(config.DATA_DIR);
    throw error;
  }
  const database = await openPglite(path.join(config.DATA_DIR, 'pglite'));
  return {
    ...database,
    async close() {
      await database.close();
      await release();
    },
  };
}
