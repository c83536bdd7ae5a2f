import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Serves the built admin console at /admin, with client-side routes falling back to index.html. */
export const adminConsole: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  if (!existsSync(webDist)) {
    app.get('/admin/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The admin console has not been built. Run `npm install` (or `npm run build -w @commonweal/web`).'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDist, prefix: '/admin/', wildcard: false, maxAge: '1h' });
  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/*', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
};
