import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { auditPage, auditQuery } from './schemas.ts';
import { auditEvents } from './tables.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:org/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log: every change and every read of personal details, newest first',
        params: orgParams,
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'audit:read');
      const q = request.query;
      const filters: SQL[] = [eq(auditEvents.orgId, ctx.org.id)];
      if (q.action) filters.push(eq(auditEvents.action, q.action));
      if (q.subjectType) filters.push(eq(auditEvents.subjectType, q.subjectType));
      if (q.subjectId) filters.push(eq(auditEvents.subjectId, q.subjectId));
      if (q.actor) filters.push(eq(auditEvents.actorLabel, q.actor));
      if (q.before) filters.push(lt(auditEvents.id, q.before));
      const rows = await app.deps.db
        .select()
        .from(auditEvents)
        .where(and(...filters))
        .orderBy(desc(auditEvents.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actorLabel,
          action: r.action,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          data: r.data,
          ip: r.ip,
        })),
        nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
};
