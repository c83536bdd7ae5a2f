import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentTag } from './present.ts';
import { categorySchema, tagInput, tagParams, tagPatch, tagSchema, tagWithCount } from './schemas.ts';
import * as tagService from './tags.ts';

const ok = z.object({ ok: z.literal(true) });

/** Tags and the categories in use. */
export const tagRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['contacts'];

  app.get(
    '/orgs/:org/tags',
    {
      schema: {
        tags,
        summary: 'Tags, with how many contacts carry each',
        params: orgParams,
        response: { 200: z.array(tagWithCount) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return (await tagService.listTags(db, ctx.org.id)).map((t) => ({
        ...presentTag(t),
        contactCount: t.contactCount,
      }));
    },
  );

  app.post(
    '/orgs/:org/tags',
    { schema: { tags, summary: 'Create a tag', params: orgParams, body: tagInput, response: { 201: tagSchema } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:write');
      return reply.status(201).send(presentTag(await tagService.createTag(db, ctx, request.body)));
    },
  );

  app.patch(
    '/orgs/:org/tags/:tagId',
    {
      schema: {
        tags,
        summary: 'Rename or recolor a tag',
        params: tagParams,
        body: tagPatch,
        response: { 200: tagSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:write');
      return presentTag(await tagService.updateTag(db, ctx, request.params.tagId, request.body));
    },
  );

  app.delete(
    '/orgs/:org/tags/:tagId',
    {
      schema: {
        tags,
        summary: 'Delete a tag (removes it from every contact)',
        params: tagParams,
        response: { 200: ok },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:write');
      await tagService.deleteTag(db, ctx, request.params.tagId);
      return { ok: true as const };
    },
  );

  app.get(
    '/orgs/:org/categories',
    {
      schema: {
        tags,
        summary: 'Contact categories in use',
        params: orgParams,
        response: { 200: z.array(categorySchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return tagService.listCategories(db, ctx.org.id);
    },
  );
};
