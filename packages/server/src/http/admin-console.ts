import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const defaultWebDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built admin console at /admin, with client-side routes falling back to index.html.
 * Files are looked up per request (wildcard), so a rebuilt console is served without a restart.
 * Vite names assets by content hash, so they are cached for good; index.html never is.
 */
export const adminConsole: FastifyPluginAsync<{ webDist?: string }> = async (app, options) => {
  const webDist = options.webDist ?? defaultWebDist;
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  const notBuilt = () => !existsSync(path.join(webDist, 'index.html'));
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: webDist,
        wildcard: true,
        index: 'index.html',
        cacheControl: false,
        setHeaders: (res, file) => {
          const immutable = file.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      scope.setNotFoundHandler(async (_request, reply) => {
        if (notBuilt()) {
          return reply
            .status(503)
            .type('text/plain; charset=utf-8')
            .send('The admin console has not been built. Run `npm install` (or `npm run build -w @commonweal/web`).');
        }
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    },
    { prefix: '/admin' },
  );
};
