import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentContactSummary, presentSegment } from './present.ts';
import {
  contactFilters,
  contactPage,
  countSchema,
  definitionInput,
  listQuery,
  segmentInput,
  segmentParams,
  segmentPatch,
  segmentSchema,
} from './schemas.ts';
import * as segments from './service.ts';

/** The contact list and search, and saved segments (dynamic queries over contacts). */
export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps;
  const contactTags = ['contacts'];
  const tags = ['segments'];

  app.get(
    '/orgs/:org/contacts',
    {
      schema: {
        tags: contactTags,
        summary: 'List and search contacts (keyset pages; merged and erased contacts are hidden)',
        params: orgParams,
        querystring: listQuery,
        response: { 200: contactPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const page = await segments.listContacts(deps, ctx, request.query, request.query);
      return { items: page.items.map(presentContactSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/orgs/:org/contacts/count',
    {
      schema: {
        tags: contactTags,
        summary: 'How many contacts match the list filters',
        params: orgParams,
        querystring: contactFilters,
        response: { 200: countSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return { count: await segments.countMatching(deps, ctx, request.query) };
    },
  );

  app.get(
    '/orgs/:org/segments',
    { schema: { tags, summary: 'Saved segments', params: orgParams, response: { 200: z.array(segmentSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return (await segments.listSegments(db, ctx)).map(presentSegment);
    },
  );

  app.post(
    '/orgs/:org/segments',
    {
      schema: {
        tags,
        summary: 'Save a segment',
        params: orgParams,
        body: segmentInput,
        response: { 201: segmentSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'segments:write');
      return reply.status(201).send(presentSegment(await segments.createSegment(db, ctx, request.body)));
    },
  );

  app.post(
    '/orgs/:org/segments/preview',
    {
      schema: {
        tags,
        summary: 'Count the contacts an unsaved definition matches',
        params: orgParams,
        body: definitionInput,
        response: { 200: countSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const definition = await segments.checkDefinition(db, ctx, request.body.definition);
      return { count: await segments.countMatching(deps, ctx, {}, definition) };
    },
  );

  app.get(
    '/orgs/:org/segments/:id',
    { schema: { tags, summary: 'A segment', params: segmentParams, response: { 200: segmentSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return presentSegment(await segments.getSegment(db, ctx, request.params.id));
    },
  );

  app.patch(
    '/orgs/:org/segments/:id',
    {
      schema: {
        tags,
        summary: 'Change a segment',
        params: segmentParams,
        body: segmentPatch,
        response: { 200: segmentSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'segments:write');
      return presentSegment(await segments.updateSegment(db, ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/orgs/:org/segments/:id',
    { schema: { tags, summary: 'Delete a segment', params: segmentParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'segments:write');
      await segments.deleteSegment(db, ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:org/segments/:id/contacts',
    {
      schema: {
        tags,
        summary: "A segment's contacts, today (same filters and pages as the contact list)",
        params: segmentParams,
        querystring: listQuery,
        response: { 200: contactPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const page = await segments.segmentContacts(deps, ctx, request.params.id, request.query, request.query);
      return { items: page.items.map(presentContactSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/orgs/:org/segments/:id/count',
    {
      schema: {
        tags,
        summary: 'How many contacts are in a segment today',
        params: segmentParams,
        querystring: contactFilters,
        response: { 200: countSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const segment = segments.segmentDefinition(await segments.getSegment(db, ctx, request.params.id));
      return { count: await segments.countMatching(deps, ctx, request.query, segment) };
    },
  );
};
