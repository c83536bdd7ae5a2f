import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams, orgIdParams } from '../../http/params.ts';
import { contactFilters } from '../segments/index.ts';
import {
  exportContentType,
  exportFormats,
  planContactsExport,
  writeContactsExport,
  type ExportPlan,
} from './service.ts';

const exportOptions = z.object({
  format: z.enum(exportFormats).default('csv'),
  lang: z.enum(['zh', 'en']).default('zh').describe('language of the header row'),
});
const fileResponse = z.string().describe('the file (CSV or XLSX), streamed');

function streamFile(reply: FastifyReply, db: Db, plan: ExportPlan, name: string) {
  const { format } = plan.request;
  const day = new Date().toISOString().slice(0, 10);
  const file = `${name}-${day}.${format}`;
  const out = new PassThrough();
  writeContactsExport(db, plan, out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed while streaming');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .header('content-type', exportContentType[format])
    .header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`)
    .header('x-row-count', String(plan.rowCount))
    .header('cache-control', 'no-store')
    .send(out);
}

/** Exports of the contact list (with its filters) and of segments, streamed as CSV or XLSX. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const tags = ['exports'];

  app.get(
    '/orgs/:org/contacts/export',
    {
      schema: {
        tags,
        summary: 'Export the contacts matching the list filters (audited as contacts.export)',
        params: orgParams,
        querystring: contactFilters.extend(exportOptions.shape),
        response: { 200: fileResponse },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:export');
      const { format, lang, ...filters } = request.query;
      const plan = await planContactsExport(deps, ctx, { format, lang, filters });
      return streamFile(reply, deps.db, plan, 'contacts');
    },
  );

  app.get(
    '/orgs/:org/segments/:id/export',
    {
      schema: {
        tags,
        summary: "Export a segment's contacts (audited as contacts.export)",
        params: orgIdParams,
        querystring: contactFilters.extend(exportOptions.shape),
        response: { 200: fileResponse },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:export');
      const { format, lang, ...filters } = request.query;
      const plan = await planContactsExport(deps, ctx, { format, lang, filters, segmentId: request.params.id });
      return streamFile(reply, deps.db, plan, `segment-${request.params.id}`);
    },
  );
};
