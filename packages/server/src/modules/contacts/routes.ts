import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentContact, presentTag } from './present.ts';
import { contactInput, contactParams, contactPatch, contactSchema, contactTagsInput, tagSchema } from './schemas.ts';
import * as contacts from './service.ts';

/** Create, read and change one contact. Listing and search live in the segments module. */
export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['contacts'];

  app.post(
    '/orgs/:org/contacts',
    {
      schema: {
        tags,
        summary: 'Create a contact (person or organization)',
        params: orgParams,
        body: contactInput,
        response: { 201: contactSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:write');
      return reply.status(201).send(presentContact(await contacts.createContact(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/contacts/:id',
    {
      schema: {
        tags,
        summary: 'A contact with tags, custom values and gift totals (audited read)',
        params: contactParams,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return presentContact(await contacts.readContact(db, ctx, request.params.id));
    },
  );

  app.patch(
    '/orgs/:org/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact; null clears a field, `tags` replaces the tags',
        params: contactParams,
        body: contactPatch,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:write');
      return presentContact(await contacts.updateContact(db, ctx, request.params.id, request.body));
    },
  );

  app.put(
    '/orgs/:org/contacts/:id/tags',
    {
      schema: {
        tags,
        summary: "Set a contact's tags, creating missing ones",
        params: contactParams,
        body: contactTagsInput,
        response: { 200: z.array(tagSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:write');
      return (await contacts.setContactTags(db, ctx, request.params.id, request.body.tags)).map(presentTag);
    },
  );
};
