import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { writeBackup, type BackupStats } from './write.ts';

/** Writes a gzip'd backup of one organization to `out`, honouring back-pressure. */
export async function writeBackupFile(
  db: Db,
  orgId: string,
  out: Writable,
  options: Parameters<typeof writeBackup>[3],
): Promise<BackupStats> {
  const gzip = createGzip();
  const done = pipeline(gzip, out);
  try {
    const stats = await writeBackup(
      db,
      orgId,
      async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      },
      options,
    );
    gzip.end();
    await done;
    return stats;
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
}

export interface BackupFile {
  path: string;
  filename: string;
  stats: BackupStats;
  remove(): Promise<void>;
}

/**
 * An owner's backup, written to a private temporary file first: the snapshot transaction then
 * lasts as long as the database needs, not as long as a slow download.
 */
export async function backupToTempFile(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  ctx: OrgContext,
): Promise<BackupFile> {
  const dir = path.join(deps.config.DATA_DIR, 'tmp');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `backup-${randomUUID()}.ndjson.gz`);
  const remove = () => rm(file, { force: true });
  const now = deps.clock.now();
  try {
    const stats = await writeBackupFile(deps.db, ctx.org.id, createWriteStream(file, { mode: 0o600 }), {
      now,
      beforeRead: (tx) =>
        recordAudit(tx, ctx, { action: 'backup.run', subjectType: 'organization', subjectId: ctx.org.id }),
    });
    const filename = `commonweal-${ctx.org.slug}-${now.toISOString().slice(0, 10)}.ndjson.gz`;
    return { path: file, filename, stats, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
