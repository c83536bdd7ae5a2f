import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors/app-error.ts';
import { handleInboundEmail } from './service.ts';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Bearer SECRET`, or Basic with SECRET as the password (services that only take a URL with credentials). */
function presentedSecret(authorization: string | undefined): string | undefined {
  const [scheme, value] = (authorization ?? '').split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() !== 'basic' || !value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

const inboundResult = z.object({
  outcome: z.enum(['bounced', 'complained', 'unsubscribed', 'ignored']),
  detail: z.string().describe('what was recorded, or why nothing was'),
});

/**
 * POST /api/email/inbound: one raw message (message/rfc822) from an inbound-mail forwarding service,
 * handled as `commonweal mail-in` handles a piped one. Off (404) unless EMAIL_INBOUND_SECRET is set.
 */
export const inboundEmailRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  // The message is read as it came, whatever type the service declares.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/email/inbound',
    {
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['mailings'],
        summary:
          'A bounce notice (RFC 3464), complaint report (RFC 5965) or mailto: unsubscribe, as a raw message; authenticated by EMAIL_INBOUND_SECRET',
        security: [],
        response: { 200: inboundResult },
      },
    },
    async (request) => {
      const secret = config.EMAIL_INBOUND_SECRET;
      if (!secret) throw notFound('Inbound email');
      const presented = presentedSecret(request.headers.authorization);
      if (!presented || !timingSafeEqual(digest(presented), digest(secret)))
        throw new AppError('INBOUND_SECRET_INVALID', 'The inbound email secret is missing or wrong', [
          { path: 'headers.authorization', message: 'Bearer EMAIL_INBOUND_SECRET' },
        ]);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return handleInboundEmail(app.deps, body);
    },
  );
};
