import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { childDivisions, divisionByCode } from './divisions.ts';

const divisionsQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit division code')
    .optional()
    .describe('omit for the provinces'),
});
const divisionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'district']),
  hasChildren: z.boolean(),
});

/** China's administrative divisions for the province/city/district cascader. Public reference data. */
export const geoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/geo/divisions',
    {
      schema: {
        tags: ['geo'],
        summary: 'Provinces, or the children of a division',
        security: [],
        querystring: divisionsQuery,
        response: { 200: z.array(divisionSchema) },
      },
    },
    async (request, reply) => {
      const { parent } = request.query;
      if (parent && !divisionByCode(parent)) throw notFound('Division');
      reply.header('cache-control', 'public, max-age=86400');
      return childDivisions(parent ?? null).map((d) => ({
        code: d.code,
        name: d.name,
        level: d.level,
        hasChildren: childDivisions(d.code).length > 0,
      }));
    },
  );
};
