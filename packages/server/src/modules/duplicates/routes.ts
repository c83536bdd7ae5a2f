import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/authorize.ts';
import { orgIdParams, orgParams } from '../../http/params.ts';
import { dismissCandidate, listCandidates } from './candidates.ts';
import { findMerge, mergeContacts, undoMerge } from './merge.ts';
import { presentMerge, presentQueue, presentScan } from './present.ts';
import { findScan, requestScan } from './scans.ts';
import {
  dismissedSchema,
  mergeInput,
  mergeSchema,
  queueQuery,
  queueSchema,
  scanParams,
  scanSchema,
  undoSchema,
} from './schemas.ts';

/** Duplicate detection, the review queue, merging contacts and undoing a merge. */
export const duplicateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const tags = ['duplicates'];

  app.post(
    '/orgs/:org/duplicates/scan',
    {
      schema: {
        tags,
        summary: 'Queue a duplicate scan over all contacts',
        params: orgParams,
        response: { 202: scanSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:merge');
      return reply.status(202).send(presentScan(await requestScan(deps, ctx)));
    },
  );

  app.get(
    '/orgs/:org/duplicates/scans/:scanId',
    { schema: { tags, summary: 'Status of a duplicate scan', params: scanParams, response: { 200: scanSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return presentScan(await findScan(deps.db, ctx.org.id, request.params.scanId));
    },
  );

  app.get(
    '/orgs/:org/duplicates',
    {
      schema: {
        tags,
        summary: 'Review queue: likely duplicate pairs side by side, most confident first (audited read)',
        params: orgParams,
        querystring: queueQuery,
        response: { 200: queueSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return presentQueue(await listCandidates(deps.db, ctx, request.query));
    },
  );

  app.post(
    '/orgs/:org/duplicates/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Mark a pair as two different people',
        params: orgIdParams,
        response: { 200: dismissedSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:merge');
      const dismissed = await dismissCandidate(deps.db, ctx, request.params.id);
      return { id: dismissed.id, status: dismissed.status };
    },
  );

  app.post(
    '/orgs/:org/contacts/merge',
    {
      schema: {
        tags,
        summary: 'Merge one contact into another, choosing each field; everything moves to the survivor',
        params: orgParams,
        body: mergeInput,
        response: { 200: mergeSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:merge');
      return presentMerge(await mergeContacts(deps.db, ctx, request.body));
    },
  );

  app.get(
    '/orgs/:org/merges/:id',
    {
      schema: {
        tags,
        summary: 'A merge: who survived, the field choices, what moved',
        params: orgIdParams,
        response: { 200: mergeSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return presentMerge(await findMerge(deps.db, ctx.org.id, request.params.id));
    },
  );

  app.post(
    '/orgs/:org/merges/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge: both contacts and every moved row come back',
        params: orgIdParams,
        response: { 200: undoSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:merge');
      const { merge, keptFields } = await undoMerge(deps.db, ctx, request.params.id);
      return { ...presentMerge(merge), keptFields };
    },
  );
};
