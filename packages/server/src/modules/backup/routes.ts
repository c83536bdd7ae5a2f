import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { backupToTempFile } from './service.ts';

export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:org/backup',
    {
      schema: {
        tags: ['backup'],
        summary: 'Download a backup of the whole organization (owners only)',
        description:
          "gzip'd NDJSON: a header line { format, version, org, created, counts, sums }, one line per member " +
          '(email and role, never passwords or sessions) and per row, and an end line. Restore it with ' +
          '`commonweal restore FILE [--as SLUG]`.',
        params: orgParams,
        response: { 200: z.unknown().describe('application/gzip: the backup file') },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'backup:run');
      const file = await backupToTempFile(app.deps, ctx);
      const stream = createReadStream(file.path);
      stream.on('close', () => void file.remove());
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
