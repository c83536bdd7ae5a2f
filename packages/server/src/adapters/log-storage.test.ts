import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLogStorage } from './log-storage.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-log-storage-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the filesystem log storage', () => {
  it('writes files at their tlog-tiles paths and reads them back', async () => {
    const storage = fileLogStorage(root);
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
    expect((await readdir(path.join(root, 'tile/0/x001'))).sort()).toEqual(['234.p']);
  });

  it('replaces a file whole, leaving no temporary file behind', async () => {
    const storage = fileLogStorage(root);
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('one') }]);
    await storage.writeDurably([{ path: 'checkpoint', data: bytes('two') }]);
    expect(await storage.read('checkpoint')).toEqual(bytes('two'));
    expect(await readdir(root)).toEqual(['checkpoint']);
  });

  it('cleans up what an interrupted write left behind', async () => {
    const storage = fileLogStorage(root);
    await storage.writeDurably([{ path: 'tile/0/000', data: bytes('t') }]);
    await writeFile(path.join(root, 'tile/0/001.tmp-0a0b0c'), 'half');
    await storage.cleanUp();
    expect(await readdir(path.join(root, 'tile/0'))).toEqual(['000']);
  });

  it('refuses paths outside the log layout', async () => {
    const storage = fileLogStorage(root);
    await expect(storage.read('../etc/passwd')).rejects.toThrow(/not a log path/);
    await expect(storage.read('tile/../../x')).rejects.toThrow(/not a log path/);
    await expect(storage.writeDurably([{ path: 'index.html', data: bytes('x') }])).rejects.toThrow(/not a log path/);
  });
});
