import { concatBytes } from '@commonweal/ledger';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** One file of the transparency log, by its tlog-tiles path (`checkpoint`, `tile/0/x001/234`, …). */
export interface LogFile {
  path: string;
  data: Uint8Array;
}

/**
 * Where the transparency log's tiles, entry bundles and checkpoint live, laid out exactly as the
 * C2SP tlog-tiles URL paths, so that any static file server or CDN can serve the directory.
 */
export interface LogStorage {
  /** The file's bytes, or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Writes every file atomically (a reader sees the old or the new bytes) and durably before resolving. */
  writeDurably(files: readonly LogFile[]): Promise<void>;
  /** The file's length in bytes, or undefined when there is none. */
  size(path: string): Promise<number | undefined>;
  remove(path: string): Promise<void>;
  /** Removes every partial version (`<path>.p/<W>`) of a full tile or entry bundle. */
  removePartials(fullPath: string): Promise<void>;
  /** Removes what an interrupted write left behind. */
  cleanUp(): Promise<void>;
}

const logPath = /^(checkpoint|tile\/[a-z0-9./]+)$/;
const tempSuffix = '.tmp-';

/** The path itself, if it is one of the log's (`checkpoint`, `tile/…`); throws otherwise. */
export function assertLogPath(file: string): string {
  if (!logPath.test(file) || file.split('/').includes('..')) throw new Error(`not a log path: ${file}`);
  return file;
}

const FIRST_READ = 16 * 1024;

/**
 * A file's bytes, or undefined when it does not exist. Two waits on the thread pool for a tile or an
 * entry bundle (open, one read; a read shorter than asked is the end of a regular file), where
 * readFile takes four (open, fstat, read, close): a cold inclusion proof reads a tile, and each wait
 * costs a thread hand-off. The file is closed after the answer.
 */
async function readWhole(file: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const chunks: Uint8Array[] = [];
    for (let want = FIRST_READ; ; want *= 2) {
      const chunk = new Uint8Array(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      chunks.push(chunk.subarray(0, bytesRead));
      if (bytesRead < want) break;
    }
    return chunks.length === 1 ? chunks[0]!.slice() : concatBytes(...chunks);
  } finally {
    handle.close().catch(() => undefined);
  }
}

/**
 * The log on the local filesystem. Each file goes to a temporary name, is fsynced, then renamed over
 * its final name; the directories that gained a name are fsynced last, so that the renames survive a
 * power cut as well. A crash leaves at worst a stray temporary file, removed by cleanUp().
 */
export function fileLogStorage(root: string): LogStorage {
  const resolve = (file: string) => path.join(root, assertLogPath(file));
  return {
    read: async (file) => readWhole(resolve(file)),
    async writeDurably(files) {
      const targets = files.map((f) => ({ final: resolve(f.path), data: f.data }));
      const directories = [...new Set(targets.map((t) => path.dirname(t.final)))];
      await Promise.all(directories.map((d) => mkdir(d, { recursive: true })));
      const temps = await Promise.all(
        targets.map(async ({ final, data }) => {
          const temp = `${final}${tempSuffix}${randomBytes(6).toString('hex')}`;
          const handle = await open(temp, 'w');
          try {
            await handle.writeFile(data);
            await handle.sync();
          } finally {
            await handle.close();
          }
          return { temp, final };
        }),
      );
      for (const { temp, final } of temps) await rename(temp, final);
      await Promise.all(withAncestors(directories, root).map(syncDirectory));
    },
    async size(file) {
      try {
        return (await stat(resolve(file))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    remove: (file) => rm(resolve(file), { force: true }),
    removePartials: (file) => rm(`${resolve(file)}.p`, { recursive: true, force: true }),
    async cleanUp() {
      const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
      await Promise.all(
        entries.filter((e) => e.includes(tempSuffix)).map((e) => rm(path.join(root, e), { force: true })),
      );
    },
  };
}

// mkdir may have created parents as well; their names are durable only once their own parent is synced.
function withAncestors(directories: string[], root: string): string[] {
  const top = path.dirname(root); // the log directory itself may be new
  const all = new Set<string>();
  for (let directory of directories) {
    while (!all.has(directory)) {
      all.add(directory);
      if (directory === top || directory.length <= top.length) break;
      directory = path.dirname(directory);
    }
  }
  return [...all];
}

/** fsync of a directory makes the names created in it durable (POSIX leaves that to the caller). */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
