import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded files live: local disk by default, S3-compatible storage for scale. */
export interface FileStore {
  write(key: string, body: Readable): Promise<{ size: number }>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
}

const safeKey = /^[a-zA-Z0-9/_.-]+$/;

export function localFileStore(root: string): FileStore {
  const resolve = (key: string) => {
    if (!safeKey.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async write(key, body) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await pipeline(body, createWriteStream(file));
      return { size: (await stat(file)).size };
    },
    read: (key) => createReadStream(resolve(key)),
    remove: (key) => rm(resolve(key), { force: true }),
  };
}
