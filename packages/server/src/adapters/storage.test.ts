import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useS3Server } from '../testing/s3-server.ts';
import { parseS3Url, s3Bucket } from './s3.ts';
import { localFileStore, s3FileStore, type FileStore } from './storage.ts';

let root: string;
const s3 = useS3Server();
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-files-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const stores: [string, () => Promise<FileStore>][] = [
  ['the filesystem', async () => localFileStore(root)],
  ['S3-compatible storage', async () => s3FileStore(s3Bucket(parseS3Url(await s3.url()), 'files'))],
];

describe.each(stores)('the file store on %s', (_name, open) => {
  it('streams a file in and out, and tells its size', async () => {
    const store = await open();
    const chunks = Array.from({ length: 300 }, (_, i) => `第${i}行，捐赠记录\n`);
    const { size } = await store.write('imports/org/1.csv', Readable.from(chunks));
    expect(size).toBe(Buffer.byteLength(chunks.join('')));
    expect(await text(store.read('imports/org/1.csv'))).toBe(chunks.join(''));
  });

  it('streams a file larger than one upload part (a multipart upload on S3)', async () => {
    const store = await open();
    const line = `${'张三,13800138000,zhang@example.com,四川省,成都市,100.00'.padEnd(127, ' ')}\n`;
    const lines = 100_000; // 12.8 MB
    const { size } = await store.write('imports/org/big.csv', Readable.from(Array.from({ length: lines }, () => line)));
    expect(size).toBe(Buffer.byteLength(line) * lines);
    let read = 0;
    for await (const chunk of store.read('imports/org/big.csv')) read += (chunk as Buffer).length;
    expect(read).toBe(size);
  });

  it('fails a read of a missing file with ENOENT, and removes files', async () => {
    const store = await open();
    await store.write('attachments/a', Readable.from(['x']));
    await store.remove('attachments/a');
    await store.remove('attachments/a');
    await expect(text(store.read('attachments/a'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses keys that could leave its folder', async () => {
    const store = await open();
    expect(() => store.read('../secret')).toThrow(/unsafe storage key/);
    await expect(store.write('a/../../b', Readable.from(['x']))).rejects.toThrow(/unsafe storage key/);
  });

  it('reports a failing upload stream instead of storing part of it', async () => {
    const store = await open();
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('the upload was cut off'));
      },
    });
    await expect(store.write('imports/org/2.csv', failing)).rejects.toThrow(/cut off/);
  });
});
