import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgSlug } from '../http/params.ts';
import { giftJourney, projectTransparency } from '../modules/flows/index.ts';
import { projectPage } from './project-page.ts';
import { notFoundPage, trackingPage } from './tracking-page.ts';

/** Server-rendered public pages: a gift's journey (/t/<code>) and a project's accounts (/p/<org>/<project>). */
export const publicPages: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const send = (
    reply: { header: (k: string, v: string) => unknown; status: (n: number) => { send: (b: string) => unknown } },
    status: number,
    body: { value: string },
  ) => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('cache-control', 'public, max-age=60');
    return reply.status(status).send(body.value);
  };

  app.get(
    '/t/:code',
    { schema: { hide: true, params: z.object({ code: z.string().max(64) }) } },
    async (request, reply) => {
      const code = request.params.code.trim().toUpperCase();
      const journey = /^[0-9A-F]{16}$/.test(code) ? await giftJourney(db, code) : undefined;
      if (!journey) return send(reply, 404, notFoundPage('没有这个追踪码对应的捐赠。'));
      return send(reply, 200, trackingPage(journey));
    },
  );

  app.get(
    '/p/:org/:project',
    { schema: { hide: true, params: z.object({ org: z.string().max(64), project: z.string().max(64) }) } },
    async (request, reply) => {
      const { org, project } = request.params;
      const valid = orgSlug.safeParse(org).success && orgSlug.safeParse(project).success;
      const data = valid ? await projectTransparency(db, org, project) : undefined;
      if (!data) return send(reply, 404, notFoundPage('没有这个项目。'));
      return send(reply, 200, projectPage(data));
    },
  );
};
