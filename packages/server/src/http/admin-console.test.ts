import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { adminConsole } from './admin-console.ts';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

async function serve(build: boolean) {
  dir = await mkdtemp(path.join(tmpdir(), 'cw-console-'));
  if (build) {
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>v1</title>');
    await writeFile(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  }
  const app = Fastify();
  await app.register(adminConsole, { webDist: dir });
  return app;
}

describe('the admin console', () => {
  it('falls back to index.html for client routes, never cached; assets are cached for good', async () => {
    const app = await serve(true);
    const page = await app.inject('/admin/contacts/42');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('v1');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/admin/')).body).toContain('v1');
    const asset = await app.inject('/admin/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/')).headers.location).toBe('/admin/');
  });

  it('serves a rebuilt console without a restart', async () => {
    const app = await serve(true);
    await app.ready();
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>v2</title>');
    await writeFile(path.join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await app.inject('/admin/segments')).body).toContain('v2');
    expect((await app.inject('/admin/assets/app-2.js')).body).toBe('console.log(2)');
  });

  it('says how to build it when it has not been built', async () => {
    const app = await serve(false);
    const page = await app.inject('/admin/');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm install');
  });
});
