import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordEngagement, verifyTrackingToken } from '../modules/mailings/index.ts';

// The smallest transparent GIF.
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * /email/o/<token>.gif and /email/c/<token>?u=<url>: opens and clicks of mailings, for organizations
 * that turned tracking on (it is off by default). Only the first of each is kept, as a time on the
 * copy. A click goes only to the URL its token was signed for, so these are never open redirects.
 */
export const emailTrackingPages: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const secret = config.SECRET_KEY;

  app.get(
    '/email/o/:file',
    { schema: { hide: true, params: z.object({ file: z.string().max(300) }) } },
    async (request, reply) => {
      const token = request.params.file.replace(/\.gif$/, '');
      const copy = verifyTrackingToken(secret, token, 'open');
      if (copy) await recordEngagement(db, copy, false);
      // The image is the same whether or not the token held: it tells nothing to whoever asks.
      return reply.type('image/gif').header('cache-control', 'no-store, private').send(pixel);
    },
  );

  app.get(
    '/email/c/:token',
    {
      schema: {
        hide: true,
        params: z.object({ token: z.string().max(300) }),
        querystring: z.object({ u: z.string().max(2000) }),
      },
    },
    async (request, reply) => {
      const url = request.query.u;
      const copy = /^https?:\/\//.test(url) ? verifyTrackingToken(secret, request.params.token, url) : undefined;
      if (!copy) return reply.status(404).type('text/plain; charset=utf-8').send('链接无效 / Link not valid');
      await recordEngagement(db, copy, true);
      return reply.header('cache-control', 'no-store, private').redirect(url, 302);
    },
  );
};
