import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgSlug } from '../http/params.ts';
import { giftJourney, projectTransparency } from '../modules/flows/index.ts';
import { entryTlogProof, logVerifierKey } from '../modules/ledger/index.ts';
import { textResponse } from '../modules/ledger/schemas.ts';
import { publicAssetRoutes, publicAssets } from './assets.ts';
import { givingPages } from './giving-routes.ts';
import { payPages } from './pay-routes.ts';
import { formPages } from './form-routes.ts';
import { volunteerPages } from './volunteer-routes.ts';
import { monthlyPages } from './monthly-routes.ts';
import { receiptPages } from './receipt-routes.ts';
import { unsubscribePages } from './unsubscribe-routes.ts';
import { emailPreferencePages } from './email-preferences-routes.ts';
import { emailTrackingPages } from './email-tracking-routes.ts';
import type { SafeHtml } from './html.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { langQuery } from './i18n.ts';
import { projectPage } from './project-page.ts';
import { keyFingerprint } from './scripts/fingerprint.ts';
import { notFoundPage, trackingPage } from './tracking-page.ts';
import type { VerifyContext } from './verify-section.ts';

const trackingCode = z.string().max(64);
const isTrackingCode = (code: string) => /^[0-9A-F]{16}$/.test(code);

const sendPage = (reply: FastifyReply, status: number, body: SafeHtml) => sendHtml(reply, 'public', status, body);

/**
 * Server-rendered public pages: a gift's journey (/t/<code>), a project's accounts (/p/<org>/<project>),
 * each entry's tlog-proof (/t/<code>/proof) and the pages' bundled scripts (/assets/…).
 */
export const publicPages: FastifyPluginAsyncZod = async (app) => {
  const { db, ledger } = app.deps;
  await app.register(publicAssetRoutes);
  await app.register(givingPages);
  await app.register(payPages);
  await app.register(formPages);
  await app.register(volunteerPages);
  await app.register(receiptPages);
  await app.register(monthlyPages);
  await app.register(unsubscribePages);
  await app.register(emailPreferencePages);
  await app.register(emailTrackingPages);

  const verifyContext = async (): Promise<VerifyContext> => {
    const [assets, key] = await Promise.all([publicAssets(), logVerifierKey({ db, ledger })]);
    return { script: assets.url('verify'), key: key ? { key, fingerprint: keyFingerprint(`${key}\n`) } : undefined };
  };

  app.get(
    '/t/:code',
    { schema: { hide: true, params: z.object({ code: trackingCode }), querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const code = request.params.code.trim().toUpperCase();
      const journey = isTrackingCode(code) ? await giftJourney(db, code) : undefined;
      if (!journey) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.gift));
      return sendPage(reply, 200, trackingPage(ctx, await verifyContext(), journey));
    },
  );

  app.get(
    '/t/:code/proof',
    {
      schema: {
        tags: ['ledger'],
        security: [],
        summary: "An entry's C2SP tlog-proof file, against the latest signed checkpoint",
        description:
          'Any entry of the log, by its tracking code. The `extra` line holds the entry exactly as logged, so ' +
          'the file alone verifies offline with the key at /ledger/key. 409 while the entry is not yet in a ' +
          'signed checkpoint (usually a second or two). Errors are plain text in zh-CN or English.',
        params: z.object({ code: trackingCode }),
        querystring: langQuery,
        response: { 200: textResponse, 404: textResponse, 409: textResponse },
      },
    },
    async (request, reply) => {
      const { t } = pageContext(request);
      const code = request.params.code.trim().toUpperCase();
      const proof = isTrackingCode(code) ? await entryTlogProof({ db, ledger }, code) : { status: 'unknown' as const };
      reply.type('text/plain; charset=utf-8').header('access-control-allow-origin', '*');
      if (proof.status !== 'logged') {
        const [status, message] =
          proof.status === 'pending' ? ([409, t.proof.pending] as const) : ([404, t.proof.unknown] as const);
        return reply.status(status).header('cache-control', 'no-store').header('vary', 'Accept-Language').send(message);
      }
      return reply
        .header('content-disposition', `attachment; filename="${code}.tlog-proof"`)
        .header('cache-control', 'public, max-age=5')
        .send(proof.text);
    },
  );

  app.get(
    '/p/:org/:project',
    {
      schema: {
        hide: true,
        params: z.object({ org: z.string().max(64), project: z.string().max(64) }),
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request);
      const { org, project } = request.params;
      const valid = orgSlug.safeParse(org).success && orgSlug.safeParse(project).success;
      const data = valid ? await projectTransparency(db, org, project) : undefined;
      if (!data) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.project));
      return sendPage(reply, 200, projectPage(ctx, await verifyContext(), data));
    },
  );
};
