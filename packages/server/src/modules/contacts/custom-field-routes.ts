import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import * as fields from './custom-fields.ts';
import { presentCustomField } from './present.ts';
import { listCustomFields } from './repo.ts';
import { customFieldInput, customFieldParams, customFieldPatch, customFieldSchema } from './schemas.ts';

const ok = z.object({ ok: z.literal(true) });

/** The organization's own contact fields. Changing them is an admin matter (org:manage). */
export const customFieldRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['contacts'];

  app.get(
    '/orgs/:org/custom-fields',
    {
      schema: {
        tags,
        summary: 'Custom contact fields',
        params: orgParams,
        response: { 200: z.array(customFieldSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return (await listCustomFields(db, ctx.org.id)).map(presentCustomField);
    },
  );

  app.post(
    '/orgs/:org/custom-fields',
    {
      schema: {
        tags,
        summary: 'Add a custom field',
        params: orgParams,
        body: customFieldInput,
        response: { 201: customFieldSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'org:manage');
      return reply.status(201).send(presentCustomField(await fields.createCustomField(db, ctx, request.body)));
    },
  );

  app.patch(
    '/orgs/:org/custom-fields/:fieldId',
    {
      schema: {
        tags,
        summary: "Change a custom field's label or options",
        params: customFieldParams,
        body: customFieldPatch,
        response: { 200: customFieldSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      return presentCustomField(await fields.updateCustomField(db, ctx, request.params.fieldId, request.body));
    },
  );

  app.delete(
    '/orgs/:org/custom-fields/:fieldId',
    {
      schema: {
        tags,
        summary: 'Delete a custom field and its stored values',
        params: customFieldParams,
        response: { 200: ok },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      await fields.deleteCustomField(db, ctx, request.params.fieldId);
      return { ok: true as const };
    },
  );
};
