import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useS3Server } from '../testing/s3-server.ts';
import { fileLogStorage, type LogStorage } from './log-storage.ts';
import { s3LogStorage } from './log-storage-s3.ts';
import { parseS3Url, s3Bucket } from './s3.ts';

let root: string;
const s3 = useS3Server();
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-log-storage-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

const storages: [string, () => Promise<LogStorage>][] = [
  ['the filesystem', async () => fileLogStorage(root)],
  ['S3-compatible storage', async () => s3LogStorage(s3Bucket(parseS3Url(await s3.url()), 'ledger'))],
];

describe.each(storages)('the log storage on %s', (_name, open) => {
  it('writes files at their tlog-tiles paths and reads them back', async () => {
    const storage = await open();
    await storage.writeDurably([
      { path: 'tile/0/x001/234.p/5', data: bytes('tile') },
      { path: 'tile/entries/000', data: bytes('bundle') },
      { path: 'checkpoint', data: bytes('cp\n') },
    ]);
    expect(await storage.read('tile/0/x001/234.p/5')).toEqual(bytes('tile'));
    expect(await storage.size('tile/entries/000')).toBe(6);
    expect(await storage.read('checkpoint')).toEqual(bytes('cp\n'));
    expect(await storage.read('tile/0/000')).toBeUndefined();
    expect(await storage.size('tile/0/000')).toBeUndefined();
  });

  it('reads back files of every size, an empty one and ones longer than a first read', async () => {
    const storage = await open();
    const sized = [0, 1, 8192, 16 * 1024, 16 * 1024 + 1, 200_000].map((n, i) => ({
      path: `tile/entries/00${i}`,
      data: Uint8Array.from({ length: n }, (_, j) => (j * 31 + i) % 251),
    }));
    await storage.writeDurably(sized);
    for (const file of sized) expect(await storage.read(file.path)).toEqual(file.data);
  });

  it('replaces a file whole', async () => {
    const storage = await open();
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('one') }]);
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('two') }]);
    expect(await storage.read('checkpoint')).toEqual(bytes('two'));
  });

  it('removes a file, and every partial version of a full tile but nothing else', async () => {
    const storage = await open();
    await storage.writeDurably([
      { path: 'tile/0/001.p/3', data: bytes('p3') },
      { path: 'tile/0/001.p/200', data: bytes('p200') },
      { path: 'tile/0/001', data: bytes('full') },
      { path: 'tile/0/002.p/1', data: bytes('other') },
      { path: 'tile/entries/001.p/4', data: bytes('bundle') },
    ]);
    await storage.removePartials('tile/0/001');
    expect(await storage.read('tile/0/001.p/3')).toBeUndefined();
    expect(await storage.read('tile/0/001.p/200')).toBeUndefined();
    expect(await storage.read('tile/0/001')).toEqual(bytes('full'));
    expect(await storage.read('tile/0/002.p/1')).toEqual(bytes('other'));
    expect(await storage.read('tile/entries/001.p/4')).toEqual(bytes('bundle'));
    await storage.remove('tile/0/001');
    expect(await storage.read('tile/0/001')).toBeUndefined();
    await storage.remove('tile/0/001');
    await storage.removePartials('tile/0/009');
  });

  it('refuses paths outside the log layout', async () => {
    const storage = await open();
    await expect(storage.read('../etc/passwd')).rejects.toThrow(/not a log path/);
    await expect(storage.read('tile/../../x')).rejects.toThrow(/not a log path/);
    await expect(storage.writeDurably([{ path: 'index.html', data: bytes('x') }])).rejects.toThrow(/not a log path/);
  });
});

describe('the filesystem log storage', () => {
  it('leaves no temporary file behind', async () => {
    const storage = fileLogStorage(root);
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('one') }]);
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('two') }]);
    await storage.writeDurably([{ path: 'tile/0/x001/234.p/5', data: bytes('tile') }]);
    expect((await readdir(root)).sort()).toEqual(['checkpoint', 'tile']);
    expect(await readdir(path.join(root, 'tile/0/x001'))).toEqual(['234.p']);
  });

  it('cleans up what an interrupted write left behind', async () => {
    const storage = fileLogStorage(root);
    await storage.writeDurably([{ path: 'tile/0/000', data: bytes('t') }]);
    await writeFile(path.join(root, 'tile/0/001.tmp-0a0b0c'), 'half');
    await storage.cleanUp();
    expect(await readdir(path.join(root, 'tile/0'))).toEqual(['000']);
  });
});

describe('the S3 log storage', () => {
  it('keeps the log under the URL prefix and the ledger/ part, with cache headers a CDN can follow', async () => {
    const location = parseS3Url(await s3.url());
    const bucket = s3Bucket(location, 'ledger');
    const storage = s3LogStorage(bucket);
    await storage.writeDurably([
      { path: 'tile/0/000', data: bytes('t') },
      { path: 'checkpoint', data: bytes('cp\n') },
    ]);
    const head = (Key: string) => bucket.client.send(new HeadObjectCommand({ Bucket: location.bucket, Key }));
    const tile = await head('instance/ledger/tile/0/000');
    expect(tile.ContentLength).toBe(1);
    const checkpoint = await head('instance/ledger/checkpoint');
    expect(checkpoint.CacheControl).toBe('no-cache');
    expect(tile.CacheControl).toContain('immutable');
  });

  it('fails loudly, not as a missing file, when the credentials are wrong', async () => {
    const url = new URL(await s3.url());
    await s3LogStorage(s3Bucket(parseS3Url(url.toString()), 'ledger')).writeDurably([
      { path: 'checkpoint', data: bytes('cp\n') },
    ]);
    url.username = 'NOT-A-KEY';
    const storage = s3LogStorage(s3Bucket(parseS3Url(url.toString()), 'ledger'));
    await expect(storage.read('checkpoint')).rejects.toThrow(/access key/i);
  });
});
