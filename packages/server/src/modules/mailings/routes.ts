import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { recordAudit } from '../audit/index.ts';
import { queueSenders } from './jobs.ts';
import { presentMailing, presentSuppression } from './present.ts';
import * as repo from './repo.ts';
import {
  audienceCount,
  audienceInput,
  deliverySchema,
  mailingInput,
  mailingParams,
  mailingPatch,
  mailingSchema,
  previewInput,
  previewSchema,
  recipientPage,
  recipientQuery,
  sendInput,
  suppressionInput,
  suppressionParams,
  suppressionSchema,
  testInput,
  testResult,
} from './schemas.ts';
import * as mailings from './service.ts';

/** Mass email (群发邮件): write, try, send or schedule, pause, resume, cancel, and read the report. */
export const mailingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const { db } = deps;
  const tags = ['mailings'];

  const present = async (row: repo.MailingRow) => {
    const counts = await repo.recipientCounts(db, row.orgId, [row.id]);
    return presentMailing(row, counts.get(row.id), await repo.unsubscribedSince(db, row));
  };
  // After the commit (on the embedded database pg-boss shares the one connection). Should the queue
  // refuse, the minute tick finds the mailing sending without a sender and starts one.
  const kick = async (orgId: string, mailingId: number) => {
    try {
      await queueSenders(deps, { orgId, mailingId }, deps.config.MAILING_SENDERS);
    } catch (error) {
      app.log.warn({ err: error, mailingId }, 'mailing send not queued; the minute tick will start it');
    }
  };

  app.get(
    '/orgs/:org/mailings',
    {
      schema: {
        tags,
        summary: 'The mailings, newest first',
        params: orgParams,
        response: { 200: z.array(mailingSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:read');
      const rows = await repo.listMailings(db, ctx.org.id);
      const counts = await repo.recipientCounts(
        db,
        ctx.org.id,
        rows.map((r) => r.id),
      );
      return Promise.all(
        rows.map(async (row) => presentMailing(row, counts.get(row.id), await repo.unsubscribedSince(db, row))),
      );
    },
  );

  app.post(
    '/orgs/:org/mailings',
    {
      schema: {
        tags,
        summary: 'Create a mailing (a draft)',
        params: orgParams,
        body: mailingInput,
        response: { 201: mailingSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'email:write');
      return reply.status(201).send(presentMailing(await mailings.createMailing(db, ctx, request.body)));
    },
  );

  app.post(
    '/orgs/:org/mailings/preview',
    {
      schema: {
        tags,
        summary: 'Render a subject and content for a sample recipient (unsaved work too)',
        params: orgParams,
        body: previewInput,
        response: { 200: previewSchema },
      },
    },
    async (request) => {
      // It reads no contact: anyone who may read mailings may see how one looks.
      const ctx = await authorize(request, 'email:read');
      return mailings.previewMailing(deps, ctx, request.body.subject, request.body.content);
    },
  );

  app.post(
    '/orgs/:org/mailings/audience',
    {
      schema: {
        tags,
        summary: 'How many contacts an audience holds, and how many of them may be mailed for the purpose',
        params: orgParams,
        body: audienceInput,
        response: { 200: audienceCount },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:read');
      return mailings.audienceOf(deps, ctx, request.body.audience, request.body.purpose);
    },
  );

  app.get(
    '/orgs/:org/mailings/delivery',
    {
      schema: {
        tags,
        summary: 'How email leaves this server: SMTP, a development outbox folder, or not at all (SMTP_URL unset)',
        params: orgParams,
        response: { 200: deliverySchema },
      },
    },
    async (request) => {
      await authorize(request, 'email:read');
      const email = deps.email;
      if (!email) return { mode: 'none' as const, messagesPerSecond: null, outbox: null };
      return {
        mode: email.kind,
        messagesPerSecond: email.kind === 'smtp' ? deps.config.SMTP_RATE : null,
        outbox: email.location ?? null,
      };
    },
  );

  app.get(
    '/orgs/:org/mailings/:mailingId',
    {
      schema: {
        tags,
        summary: 'One mailing, with its report',
        params: mailingParams,
        response: { 200: mailingSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:read');
      return present(await mailings.loadMailing(db, ctx.org.id, request.params.mailingId));
    },
  );

  app.patch(
    '/orgs/:org/mailings/:mailingId',
    {
      schema: {
        tags,
        summary: 'Edit a draft or scheduled mailing: what the body leaves out stays',
        params: mailingParams,
        body: mailingPatch,
        response: { 200: mailingSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:write');
      return present(await mailings.updateMailing(db, ctx, request.params.mailingId, request.body));
    },
  );

  app.delete(
    '/orgs/:org/mailings/:mailingId',
    { schema: { tags, summary: 'Delete a draft', params: mailingParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'email:write');
      await mailings.deleteMailing(db, ctx, request.params.mailingId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/orgs/:org/mailings/:mailingId/test',
    {
      schema: {
        tags,
        summary: 'Send a test copy, marked [测试], to up to five addresses',
        params: mailingParams,
        body: testInput,
        response: { 200: testResult },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:write');
      return mailings.testMailing(deps, ctx, request.params.mailingId, request.body.emails);
    },
  );

  app.post(
    '/orgs/:org/mailings/:mailingId/send',
    {
      schema: {
        tags,
        summary: 'Send now, or at scheduledAt',
        params: mailingParams,
        body: sendInput,
        response: { 200: mailingSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:send');
      const row = await mailings.sendMailing(deps, ctx, request.params.mailingId, request.body.scheduledAt);
      if (row.status === 'sending') await kick(ctx.org.id, row.id);
      return present(row);
    },
  );

  for (const action of ['pause', 'resume', 'cancel', 'unschedule'] as const) {
    app.post(
      `/orgs/:org/mailings/:mailingId/${action}`,
      {
        schema: {
          tags,
          summary: {
            pause: 'Pause a send: the batch in flight finishes, nothing more goes',
            resume: 'Resume a paused send where it stopped',
            cancel: 'Cancel: what has not gone will not',
            unschedule: 'Take a scheduled mailing back to a draft',
          }[action],
          params: mailingParams,
          response: { 200: mailingSchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, 'email:send');
        const row = await mailings.moveMailing(db, ctx, request.params.mailingId, action);
        if (action === 'resume') await kick(ctx.org.id, row.id);
        return present(row);
      },
    );
  }

  app.get(
    '/orgs/:org/mailings/:mailingId/recipients',
    {
      schema: {
        tags,
        summary: "A mailing's recipients and what became of each copy (a read of personal data: audited)",
        params: mailingParams,
        querystring: recipientQuery,
        response: { 200: recipientPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:read');
      const { mailingId } = request.params;
      await mailings.loadMailing(db, ctx.org.id, mailingId);
      const rows = await repo.recipientPage(db, ctx.org.id, mailingId, request.query);
      const items = rows.slice(0, request.query.limit);
      await recordAudit(db, ctx, {
        action: 'mailing.recipients.read',
        subjectType: 'mailing',
        subjectId: mailingId,
        data: { status: request.query.status ?? null, count: items.length },
      });
      return {
        items: items.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })),
        nextCursor: rows.length > items.length ? items.at(-1)!.contactId : null,
      };
    },
  );

  app.get(
    '/orgs/:org/email-suppressions',
    {
      schema: {
        tags,
        summary: 'Addresses never mailed: hard bounces, complaints, and those staff added',
        params: orgParams,
        response: { 200: z.array(suppressionSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'email:read');
      const rows = await repo.listSuppressions(db, ctx.org.id);
      await recordAudit(db, ctx, {
        action: 'email-suppressions.read',
        subjectType: 'organization',
        data: { count: rows.length },
      });
      return rows.map(presentSuppression);
    },
  );

  app.post(
    '/orgs/:org/email-suppressions',
    {
      schema: {
        tags,
        summary:
          'Suppress an address (a bounce or complaint reported elsewhere, or by request); a complaint also withdraws its email consents',
        params: orgParams,
        body: suppressionInput,
        response: { 201: suppressionSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'email:write');
      const row = await mailings.suppressAddress(db, ctx, request.body);
      return reply.status(201).send(presentSuppression(row));
    },
  );

  app.delete(
    '/orgs/:org/email-suppressions/:email',
    {
      schema: {
        tags,
        summary: 'Mail an address again',
        params: suppressionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'email:send');
      const email = request.params.email.toLowerCase();
      const deleted = await repo.deleteSuppression(db, ctx.org.id, email);
      if (deleted.length === 0) throw notFound('Suppression');
      await recordAudit(db, ctx, {
        action: 'email-suppression.remove',
        subjectType: 'email_suppression',
        subjectId: email,
      });
      return reply.status(204).send(null);
    },
  );
};
