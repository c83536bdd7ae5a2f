import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { recordAudit } from '../audit/index.ts';
import { handleSmsCallback } from './callbacks.ts';
import { SMS_SEND_QUEUE } from './jobs.ts';
import { presentSend, presentTemplate } from './present.ts';
import * as repo from './repo.ts';
import {
  smsAudienceCount,
  smsAudienceInput,
  smsRecipientPage,
  smsRecipientQuery,
  smsScheduleInput,
  smsSendInput,
  smsSendParams,
  smsSendPatch,
  smsSendSchema,
  smsSettingsInput,
  smsSettingsSchema,
  templateInput,
  templateParams,
  templatePatch,
  templatePreview,
  templatePreviewInput,
  templateSchema,
} from './schemas.ts';
import * as sms from './service.ts';
import { readSmsSettings, saveSmsSettings } from './settings.ts';
import { previewTemplate } from './template.ts';

/** 短信: settings, templates, and sends (send or schedule, unschedule, pause, resume, cancel, the report). */
export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const { db } = deps;
  const tags = ['sms'];

  const present = async (row: repo.SmsSendRow) =>
    presentSend(row, (await repo.recipientCounts(db, row.orgId, [row.id])).get(row.id));
  // After the commit; should the queue refuse, the minute tick starts a sender.
  const kick = async (orgId: string, sendId: number) => {
    try {
      await deps.boss.send(SMS_SEND_QUEUE, { orgId, sendId });
    } catch (error) {
      app.log.warn({ err: error, sendId }, 'sms send not queued; the minute tick will start it');
    }
  };

  app.get(
    '/orgs/:org/sms-settings',
    {
      schema: {
        tags,
        summary: 'SMS settings (the secret is never returned)',
        params: orgParams,
        response: { 200: smsSettingsSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:manage');
      return readSmsSettings(deps, ctx);
    },
  );

  app.put(
    '/orgs/:org/sms-settings',
    {
      schema: {
        tags,
        summary: 'Set the SMS provider account and quiet hours: what the body leaves out stays',
        params: orgParams,
        body: smsSettingsInput,
        response: { 200: smsSettingsSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:manage');
      return saveSmsSettings(deps, ctx, request.body);
    },
  );

  // --- templates ---

  app.get(
    '/orgs/:org/sms-templates',
    { schema: { tags, summary: 'SMS templates', params: orgParams, response: { 200: z.array(templateSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      return (await repo.listTemplates(db, ctx.org.id)).map((row) => presentTemplate(row, ctx.org.name));
    },
  );

  app.post(
    '/orgs/:org/sms-templates',
    {
      schema: {
        tags,
        summary: 'Add an approved template',
        params: orgParams,
        body: templateInput,
        response: { 201: templateSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'sms:write');
      const row = await sms.createTemplate(db, ctx, request.body);
      return reply.status(201).send(presentTemplate(row, ctx.org.name));
    },
  );

  app.post(
    '/orgs/:org/sms-templates/preview',
    {
      schema: {
        tags,
        summary: 'A template for a sample recipient, its segment count and its problems (unsaved work too)',
        params: orgParams,
        body: templatePreviewInput,
        response: { 200: templatePreview },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      return previewTemplate(request.body, ctx.org.name);
    },
  );

  app.patch(
    '/orgs/:org/sms-templates/:templateId',
    {
      schema: {
        tags,
        summary: 'Edit a template',
        params: templateParams,
        body: templatePatch,
        response: { 200: templateSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:write');
      const row = await sms.updateTemplate(db, ctx, request.params.templateId, request.body);
      return presentTemplate(row, ctx.org.name);
    },
  );

  app.delete(
    '/orgs/:org/sms-templates/:templateId',
    {
      schema: { tags, summary: 'Delete a template no send uses', params: templateParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'sms:write');
      await sms.deleteTemplate(db, ctx, request.params.templateId);
      return reply.status(204).send(null);
    },
  );

  // --- sends ---

  app.get(
    '/orgs/:org/sms-sends',
    {
      schema: {
        tags,
        summary: 'SMS sends, newest first',
        params: orgParams,
        response: { 200: z.array(smsSendSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      const rows = await repo.listSends(db, ctx.org.id);
      const counts = await repo.recipientCounts(
        db,
        ctx.org.id,
        rows.map((r) => r.id),
      );
      return rows.map((row) => presentSend(row, counts.get(row.id)));
    },
  );

  app.post(
    '/orgs/:org/sms-sends',
    {
      schema: {
        tags,
        summary: 'Create an SMS send (a draft)',
        params: orgParams,
        body: smsSendInput,
        response: { 201: smsSendSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'sms:write');
      return reply.status(201).send(presentSend(await sms.createSend(db, ctx, request.body)));
    },
  );

  app.post(
    '/orgs/:org/sms-sends/audience',
    {
      schema: {
        tags,
        summary: 'How many contacts an audience holds, and how many of them may be texted for the purpose',
        params: orgParams,
        body: smsAudienceInput,
        response: { 200: smsAudienceCount },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      return sms.audienceOf(deps, ctx, request.body.audience, request.body.purpose);
    },
  );

  app.get(
    '/orgs/:org/sms-sends/:sendId',
    {
      schema: {
        tags,
        summary: 'One SMS send, with its report',
        params: smsSendParams,
        response: { 200: smsSendSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      return present(await sms.loadSend(db, ctx.org.id, request.params.sendId));
    },
  );

  app.patch(
    '/orgs/:org/sms-sends/:sendId',
    {
      schema: {
        tags,
        summary: 'Edit a draft or scheduled send',
        params: smsSendParams,
        body: smsSendPatch,
        response: { 200: smsSendSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:write');
      return present(await sms.updateSend(db, ctx, request.params.sendId, request.body));
    },
  );

  app.delete(
    '/orgs/:org/sms-sends/:sendId',
    { schema: { tags, summary: 'Delete a draft', params: smsSendParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'sms:write');
      await sms.deleteSend(db, ctx, request.params.sendId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/orgs/:org/sms-sends/:sendId/send',
    {
      schema: {
        tags,
        summary: 'Send now, or at scheduledAt (quiet hours are kept either way)',
        params: smsSendParams,
        body: smsScheduleInput,
        response: { 200: smsSendSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:send');
      const row = await sms.sendNow(deps, ctx, request.params.sendId, request.body.scheduledAt);
      if (row.status === 'sending') await kick(ctx.org.id, row.id);
      return present(row);
    },
  );

  for (const action of ['pause', 'resume', 'cancel', 'unschedule'] as const) {
    app.post(
      `/orgs/:org/sms-sends/:sendId/${action}`,
      {
        schema: {
          tags,
          summary: {
            pause: 'Pause: the batch in flight finishes, nothing more goes',
            resume: 'Resume a paused send where it stopped',
            cancel: 'Cancel: what has not gone will not',
            unschedule: 'Take a scheduled send back to a draft',
          }[action],
          params: smsSendParams,
          response: { 200: smsSendSchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, 'sms:send');
        const row = await sms.moveSend(db, ctx, request.params.sendId, action);
        if (action === 'resume') await kick(ctx.org.id, row.id);
        return present(row);
      },
    );
  }

  app.get(
    '/orgs/:org/sms-sends/:sendId/recipients',
    {
      schema: {
        tags,
        summary: "A send's recipients and what became of each copy (a read of personal data: audited)",
        params: smsSendParams,
        querystring: smsRecipientQuery,
        response: { 200: smsRecipientPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'sms:read');
      const { sendId } = request.params;
      await sms.loadSend(db, ctx.org.id, sendId);
      const rows = await repo.recipientPage(db, ctx.org.id, sendId, request.query);
      const items = rows.slice(0, request.query.limit);
      await recordAudit(db, ctx, {
        action: 'sms.recipients.read',
        subjectType: 'sms_send',
        subjectId: sendId,
        data: { status: request.query.status ?? null, count: items.length },
      });
      return {
        items: items.map((r) => ({
          ...r,
          sentAt: r.sentAt?.toISOString() ?? null,
          deliveredAt: r.deliveredAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > items.length ? items.at(-1)!.contactId : null,
      };
    },
  );
};

const MAX_CALLBACK_BYTES = 1024 * 1024;

/** The vendors' pushes: public, named by the organization's callback token, answered as each vendor expects. */
export const smsCallbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const callbacks = app.withTypeProvider<ZodTypeProvider>();
  // The adapters read the body as it came.
  callbacks.removeAllContentTypeParsers();
  callbacks.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  callbacks.post(
    '/sms/callbacks/:token/:kind',
    {
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['sms'],
        security: [],
        summary: "An SMS vendor's delivery receipts or replies (the token in the path names the organization)",
        params: z.object({ token: z.string().min(16).max(100), kind: z.enum(['receipts', 'replies']) }),
      },
    },
    async (request, reply) => {
      const response = await handleSmsCallback(
        { db: app.deps.db, log: request.log },
        request.params.token,
        request.params.kind,
        { headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' },
      );
      if (!response) throw notFound('SMS callback');
      return reply.status(response.statusCode).type(response.contentType).send(response.body);
    },
  );
};
