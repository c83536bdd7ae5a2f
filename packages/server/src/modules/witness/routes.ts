import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addCheckpoint, witnessedLogs, witnessIdentity } from './service.ts';
import { witnessedLogList, witnessText } from './schemas.ts';

const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * C2SP tlog-witness under /ledger/witness. These routes are public by design (any log may submit, any
 * reader may fetch the key), so there is no `authorize`: the log's signature is the authentication,
 * and a rate limit bounds the cost of bad submissions.
 */
export const witnessRoutes: FastifyPluginAsyncZod = async (app) => {
  // The request is text whatever its declared type; JSON parsing must not turn it into our error format.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_REQUEST_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/ledger/witness/add-checkpoint',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['ledger'],
        summary: 'Submit a checkpoint for cosigning (C2SP tlog-witness add-checkpoint)',
        security: [],
        body: witnessText,
        response: {
          200: witnessText,
          400: witnessText,
          403: witnessText,
          404: witnessText,
          409: witnessText,
          422: witnessText,
        },
      },
    },
    async (request, reply) => {
      const result = await addCheckpoint(app.deps, request.body);
      return reply.status(result.status).type(result.contentType).send(result.body);
    },
  );

  app.get(
    '/ledger/witness/key',
    {
      schema: {
        tags: ['ledger'],
        summary: "This witness's cosigner verifier key",
        security: [],
        response: { 200: witnessText },
      },
    },
    async (_request, reply) => {
      const { verifierKey } = await witnessIdentity(app.deps);
      return reply.type('text/plain; charset=utf-8').send(`${verifierKey}\n`);
    },
  );

  app.get(
    '/ledger/witness/logs',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The logs this instance witnesses and the latest size it cosigned for each',
        security: [],
        response: { 200: witnessedLogList },
      },
    },
    async () => ({ verifierKey: (await witnessIdentity(app.deps)).verifierKey, logs: await witnessedLogs(app.deps) }),
  );
};
