import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { eraseContact, exportContact, type ContactExport } from './data-rights.ts';
import { presentContact } from './present.ts';
import { contactParams, contactSchema, eraseInput, exportQuery } from './schemas.ts';

// A spreadsheet runs cells that start with these as formulas; a leading quote keeps them text.
const formulaStart = /^[=+\-@\t\r]/;
const cell = (value: unknown) => {
  const text =
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return formulaStart.test(text) ? `'${text}` : text;
};

/** One row per value: section, record id, field, value. Opens in Excel (UTF-8 with BOM). */
export function exportCsv(data: ContactExport): string {
  const rows: string[][] = [['section', 'record', 'field', 'value']];
  const add = (section: string, record: string, object: Record<string, unknown>) => {
    for (const [field, value] of Object.entries(object)) rows.push([section, record, field, cell(value)]);
  };
  add('export', '', { exportedAt: data.exportedAt, organization: data.organization });
  add('profile', String(data.profile.id), data.profile);
  for (const f of data.customFields) rows.push(['custom', f.key, f.label, cell(f.value)]);
  const lists = {
    notes: data.notes,
    relationships: data.relationships,
    gifts: data.gifts,
    consents: data.consents.history,
    volunteering: data.volunteering.signups,
  } as const;
  for (const [section, items] of Object.entries(lists)) for (const item of items) add(section, String(item.id), item);
  data.timeline.forEach((t, i) => add('timeline', String(i + 1), t));
  return `\uFEFF${stringify(rows)}`;
}

const exportSchema = z
  .union([z.object({ exportedAt: z.string(), organization: z.string() }).catchall(z.unknown()), z.string()])
  .describe('JSON by default; with format=csv, text/csv (section, record, field, value)');

/** The data subject's rights: a copy of everything, and erasure. */
export const dataRightsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['contacts'];

  app.get(
    '/orgs/:org/contacts/:id/export',
    {
      schema: {
        tags,
        summary: 'Everything held about a person, as JSON or CSV (audited)',
        params: contactParams,
        querystring: exportQuery,
        response: { 200: exportSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:export');
      const { format } = request.query;
      const data = await exportContact(db, ctx, request.params.id, format);
      const filename = `contact-${request.params.id}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(data));
      return data;
    },
  );

  app.post(
    '/orgs/:org/contacts/:id/erase',
    {
      schema: {
        tags,
        summary: 'Erase a person: identity removed, gifts kept for the accounts',
        params: contactParams,
        body: eraseInput,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:delete');
      return presentContact(await eraseContact(db, ctx, request.params.id, request.body.reason));
    },
  );
};
