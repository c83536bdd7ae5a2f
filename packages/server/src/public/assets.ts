import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The public pages' small scripts (src/public/scripts/*.ts), bundled with esbuild when the server
 * starts: no build step, no CDN, and each file named by its content hash so it is cached for good.
 */
export interface PublicAssets {
  /** The URL of a script by its entry name, e.g. url('verify') -> /assets/verify.1a2b3c4d.js */
  url(name: string): string;
  file(fileName: string): { body: string; type: string } | undefined;
}

const scriptsDir = fileURLToPath(new URL('./scripts/', import.meta.url));

export async function buildPublicAssets(names: string[]): Promise<PublicAssets> {
  const urls = new Map<string, string>();
  const files = new Map<string, { body: string; type: string }>();
  for (const name of names) {
    const result = await build({
      entryPoints: [`${scriptsDir}${name}.ts`],
      bundle: true,
      minify: true,
      format: 'esm',
      target: ['es2022'],
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const body = result.outputFiles[0]!.text;
    const fileName = `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}.js`;
    urls.set(name, `/assets/${fileName}`);
    files.set(fileName, { body, type: 'text/javascript; charset=utf-8' });
  }
  return {
    url: (name) => {
      const url = urls.get(name);
      if (!url) throw new Error(`no public script named ${name}`);
      return url;
    },
    file: (fileName) => files.get(fileName),
  };
}

/** Every script of the public pages. */
export const PUBLIC_SCRIPTS = ['verify', 'wechat-pay', 'form'];

let built: Promise<PublicAssets> | undefined;

/**
 * The public scripts, bundled once per process on first use (main.ts asks at start, so a broken
 * bundle stops the server rather than the first visitor's page). A failed build is tried again.
 */
export function publicAssets(): Promise<PublicAssets> {
  built ??= buildPublicAssets(PUBLIC_SCRIPTS).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** Serves the bundled scripts at /assets/<name>.<hash>.js, immutable. */
export const publicAssetRoutes: FastifyPluginAsyncZod = async (app) => {
  const params = z.object({ file: z.string().max(100) });
  app.get('/assets/:file', { schema: { hide: true, params } }, async (request, reply) => {
    const file = (await publicAssets()).file(request.params.file);
    if (!file) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.type).send(file.body);
  });
};
