import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentImport, presentPreviewRow, presentSavedMapping } from './present.ts';
import { rejectionsCsv } from './rejections.ts';
import * as repo from './repo.ts';
import { dryRun, startImport } from './run.ts';
import * as mappings from './saved-mappings.ts';
import {
  importParams,
  importSchema,
  importWithPreview,
  listQuery,
  mappingSchema,
  previewQuery,
  rejectionsQuery,
  reportSchema,
  savedMappingInput,
  savedMappingParams,
  savedMappingSchema,
} from './schemas.ts';
import { getPreview, setMapping, uploadImport } from './service.ts';

const withPreview = (result: Awaited<ReturnType<typeof getPreview>>) => ({
  import: presentImport(result.row),
  preview: result.preview.map(presentPreviewRow),
});

/** Contact import: upload, mapping, preview, dry run, background run, progress, rejected rows. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const tags = ['imports'];

  app.post(
    '/orgs/:org/imports',
    {
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX file (multipart field "file"); answers the detected format and a suggested mapping',
        params: orgParams,
        consumes: ['multipart/form-data'],
        response: { 201: importWithPreview },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:import');
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data in a field named "file"');
      const file = await request.file();
      if (!file)
        throw new AppError('IMPORT_FILE_INVALID', 'No file was uploaded', [{ path: 'file', message: 'required' }]);
      const result = await uploadImport(deps, ctx, {
        fileName: file.filename || 'upload',
        body: file.file as Readable,
      });
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is too large');
      return reply.status(201).send(withPreview(result));
    },
  );

  app.get(
    '/orgs/:org/imports',
    {
      schema: {
        tags,
        summary: 'Recent imports',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(importSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return (await repo.listImports(deps.db, ctx.org.id, request.query.limit)).map(presentImport);
    },
  );

  app.get(
    '/orgs/:org/imports/:id',
    {
      schema: {
        tags,
        summary: 'Status, progress and report of an import',
        params: importParams,
        response: { 200: importSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return presentImport(await repo.findImport(deps.db, ctx.org.id, request.params.id));
    },
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/orgs/:org/imports/:id/mapping',
    schema: {
      tags,
      summary: 'Set the column mapping and duplicate policy; answers a fresh preview',
      params: importParams,
      body: mappingSchema,
      response: { 200: importWithPreview },
    },
    handler: async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return withPreview(await setMapping(deps, ctx, request.params.id, request.body));
    },
  });

  app.get(
    '/orgs/:org/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'The first rows, normalized, with problems per cell',
        params: importParams,
        querystring: previewQuery,
        response: { 200: importWithPreview },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return withPreview(await getPreview(deps, ctx, request.params.id, request.query.limit));
    },
  );

  app.post(
    '/orgs/:org/imports/:id/dry-run',
    {
      schema: {
        tags,
        summary: 'What the import would create, update, skip and reject, without writing',
        params: importParams,
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return dryRun(deps, ctx, request.params.id);
    },
  );

  app.post(
    '/orgs/:org/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Run the import in the background; poll the import for progress',
        params: importParams,
        response: { 202: importSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:import');
      return reply.status(202).send(presentImport(await startImport(deps, ctx, request.params.id)));
    },
  );

  app.get(
    '/orgs/:org/imports/:id/rejections.csv',
    {
      schema: {
        tags,
        summary: 'Rejected rows with line numbers and reasons, as CSV (?dryRun=true for the last dry run)',
        params: importParams,
        querystring: rejectionsQuery,
        // A streamed CSV file: no JSON response schema to validate against.
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:import');
      const row = await repo.findImport(deps.db, ctx.org.id, request.params.id);
      const dry = request.query.dryRun === 'true';
      const name = `rejections-${row.id}${dry ? '-dry-run' : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(rejectionsCsv(deps.db, ctx.org.id, row.id, dry)));
    },
  );

  app.get(
    '/orgs/:org/import-mappings',
    { schema: { tags, summary: 'Saved mappings', params: orgParams, response: { 200: z.array(savedMappingSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return (await repo.listSavedMappings(deps.db, ctx.org.id)).map(presentSavedMapping);
    },
  );

  app.post(
    '/orgs/:org/import-mappings',
    {
      schema: {
        tags,
        summary: 'Save a mapping for reuse',
        params: orgParams,
        body: savedMappingInput,
        response: { 201: savedMappingSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:import');
      return reply.status(201).send(presentSavedMapping(await mappings.createSavedMapping(deps.db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/import-mappings/:id',
    { schema: { tags, summary: 'A saved mapping', params: savedMappingParams, response: { 200: savedMappingSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return presentSavedMapping(await repo.findSavedMapping(deps.db, ctx.org.id, request.params.id));
    },
  );

  app.put(
    '/orgs/:org/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Replace a saved mapping',
        params: savedMappingParams,
        body: savedMappingInput,
        response: { 200: savedMappingSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:import');
      return presentSavedMapping(await mappings.updateSavedMapping(deps.db, ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/orgs/:org/import-mappings/:id',
    { schema: { tags, summary: 'Delete a saved mapping', params: savedMappingParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:import');
      await mappings.deleteSavedMapping(deps.db, ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
