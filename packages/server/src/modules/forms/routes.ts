import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { notFound } from '../../errors/app-error.ts';
import { orgParams, orgSlug } from '../../http/params.ts';
import { presentForm, presentResponse } from './present.ts';
import * as repo from './repo.ts';
import { readResponseFile, readResponses, responsesCsv } from './responses.ts';
import {
  formInput,
  formListItem,
  formParams,
  formPatch,
  formSchema,
  responseParams,
  responseSchema,
} from './schemas.ts';
import { createForm, loadForm, setFormStatus, updateForm } from './service.ts';
import { checkCaptcha } from './captcha.ts';
import { captchaRoutes } from './captcha-routes.ts';
import { responseQueue } from './response-batches.ts';
import { recentPublicForm } from './recent-forms.ts';
import { decideResponse } from './submit.ts';

/** Forms for staff: build, open and close them, and deal with their responses. */
export const formRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, files } = app.deps;
  const tags = ['forms'];
  await app.register(captchaRoutes);
  const withCount = async (row: repo.FormRow, orgSlug: string) =>
    presentForm(row, orgSlug, await repo.countResponses(db, row.orgId, row.id));

  app.get(
    '/orgs/:org/forms',
    {
      schema: { tags, summary: 'The forms, newest first', params: orgParams, response: { 200: z.array(formListItem) } },
    },
    async (request) => {
      const ctx = await authorize(request, 'forms:read');
      const rows = await repo.listForms(db, ctx.org.id);
      return rows.map(({ form, responseCount }) => presentForm(form, ctx.org.slug, responseCount));
    },
  );

  app.post(
    '/orgs/:org/forms',
    {
      schema: {
        tags,
        summary: 'Create a form (a draft: it takes responses once opened)',
        params: orgParams,
        body: formInput,
        response: { 201: formSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'forms:write');
      const row = await createForm(db, ctx, request.body);
      return reply.status(201).send(presentForm(row, ctx.org.slug, 0));
    },
  );

  app.get(
    '/orgs/:org/forms/:formId',
    { schema: { tags, summary: 'One form', params: formParams, response: { 200: formSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'forms:read');
      return withCount(await loadForm(db, ctx.org.id, request.params.formId), ctx.org.slug);
    },
  );

  app.patch(
    '/orgs/:org/forms/:formId',
    {
      schema: {
        tags,
        summary: 'Edit a form: what the body leaves out stays',
        params: formParams,
        body: formPatch,
        response: { 200: formSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'forms:write');
      return withCount(await updateForm(db, ctx, request.params.formId, request.body), ctx.org.slug);
    },
  );

  for (const [action, status] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/orgs/:org/forms/:formId/${action}`,
      {
        schema: {
          tags,
          summary: action === 'open' ? 'Open the form: its public page takes responses' : 'Stop taking responses',
          params: formParams,
          response: { 200: formSchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, 'forms:write');
        return withCount(await setFormStatus(db, ctx, request.params.formId, status), ctx.org.slug);
      },
    );
  }

  app.get(
    '/orgs/:org/forms/:formId/responses',
    {
      schema: {
        tags,
        summary: "The form's responses, newest first (a read of personal details, audited)",
        params: formParams,
        response: { 200: z.array(responseSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'forms:read');
      return (await readResponses(db, ctx, request.params.formId, 'list')).responses;
    },
  );

  app.get(
    '/orgs/:org/forms/:formId/responses.csv',
    { schema: { tags, summary: 'The responses as CSV (UTF-8 with BOM, for Excel; audited)', params: formParams } },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:export');
      const read = await readResponses(db, ctx, request.params.formId, 'export');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="form-${read.form.slug}.csv"`)
        .send(responsesCsv(read, ctx.org.timezone));
    },
  );

  app.get(
    '/orgs/:org/forms/:formId/responses/:responseId/files/:key',
    {
      schema: {
        tags,
        summary: 'A file a response carries (a read of personal details, audited)',
        params: responseParams.extend({ key: z.string().max(40) }),
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'forms:read');
      const { formId, responseId, key } = request.params;
      const file = await readResponseFile(db, files, ctx, { formId, responseId, key });
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  for (const decision of ['sync', 'ignore'] as const) {
    app.post(
      `/orgs/:org/forms/:formId/responses/:responseId/${decision}`,
      {
        schema: {
          tags,
          summary:
            decision === 'sync'
              ? 'Store a flagged response on the contact it matched (fields, tags, consents)'
              : 'Set a flagged response aside',
          params: responseParams,
          response: { 200: responseSchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, 'forms:write');
        const { formId, responseId } = request.params;
        return presentResponse(await decideResponse(db, ctx, formId, responseId, decision, clock.now()));
      },
    );
  }

  app.post(
    '/forms/:org/:form',
    {
      // Per address; generous, as many people in China share one carrier-grade NAT address.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        security: [],
        summary: "Answer an open form (from an organization's own site or app); the answers go into its contacts",
        params: z.object({ org: orgSlug, form: orgSlug }),
        body: z.object({
          answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
          website: z.string().optional().describe('the honeypot: people leave it out; a filled one is stored nowhere'),
          captcha: z
            .string()
            .max(8192)
            .optional()
            .describe('the answer to a captcha from GET /api/captcha, when the form asks for one'),
        }),
        response: { 201: z.object({ status: z.literal('received') }) },
      },
    },
    async (request, reply) => {
      const found = await recentPublicForm(db, request.params.org, request.params.form);
      if (!found) throw notFound('Form');
      const received = () => reply.status(201).send({ status: 'received' as const });
      if (request.body.website?.trim()) return received();
      // Before anything is recorded: a refused captcha writes nothing.
      if (found.form.settings.captcha)
        await checkCaptcha(app.deps, request.body.captcha, { ip: request.ip, path: 'body.captcha' });
      await responseQueue(db).submit(
        { org: found.org, formId: found.form.id },
        { raw: request.body.answers, now: clock.now(), prefix: 'body.answers' },
        request.log,
      );
      return received();
    },
  );
};
