import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const challengeSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('pow'),
    challenge: z.unknown().describe('an ALTCHA v2 challenge: solve it and send base64(JSON {challenge, solution})'),
  }),
  z.object({
    provider: z.literal('tencent'),
    appId: z.string().describe("Tencent Cloud Captcha's CaptchaAppId for its widget"),
    script: z.string().describe("the widget's script; send JSON {ticket, randstr} from its callback"),
  }),
]);

/** A captcha to pass before answering a form that asks for one, for clients that are not the form's own page. */
export const captchaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/captcha',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['forms'],
        security: [],
        summary: 'A captcha (人机验证) for a form that asks for one; its answer goes in the submission as `captcha`',
        response: { 200: challengeSchema },
      },
    },
    async (_request, reply) => {
      // Each challenge is answered once only, so none may be served from a cache.
      reply.header('cache-control', 'no-store');
      return app.deps.captcha.challenge();
    },
  );
};
