import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes what the embedded database has committed durable on disk.
 *
 * PGlite runs PostgreSQL with fsync=off: a commit writes the WAL record (pg_wal/…) and often the data
 * pages straight into the OS page cache, and nothing ever asks the kernel to flush them. They survive
 * the process being killed, but not a power cut or an OS crash. The transparency log must not sign a
 * checkpoint over rows that could vanish that way, so before each signature the integrator calls this.
 *
 * It fsyncs every file (WAL, data, commit status, control file) modified since the previous call,
 * then their directories: all of the cluster's state as of this moment is then on disk, which is what
 * crash recovery replays from. The first call syncs everything. A walk of the ~1,000 files of a new
 * cluster costs a few milliseconds; only changed files are synced. global/pg_control goes last, so it
 * never points at a checkpoint whose pages are not yet durable.
 */
export function pgliteDiskSync(dataDir: string): () => Promise<void> {
  let syncedBefore = 0; // files modified at or after this time (ms) are synced on the next call
  return async () => {
    const started = Date.now();
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const changed: string[] = [];
    const directories = new Set<string>([dataDir]);
    await Promise.all(
      entries.map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        const info = await stat(file).catch(() => undefined);
        if (!info || info.mtimeMs < syncedBefore - 1000) return;
        if (entry.isDirectory()) directories.add(file);
        else if (entry.isFile()) changed.push(file);
      }),
    );
    const control = path.join(dataDir, 'global', 'pg_control');
    await Promise.all(changed.filter((f) => f !== control).map((f) => syncPath(f, 'r+')));
    if (changed.includes(control)) await syncPath(control, 'r+');
    await Promise.all([...directories].map((d) => syncPath(d, 'r')));
    syncedBefore = started;
  };
}

async function syncPath(file: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(file, flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // removed since the walk (a recycled WAL segment)
    throw error;
  });
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
