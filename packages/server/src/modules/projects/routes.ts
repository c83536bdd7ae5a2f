import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentBudgetLine, presentProject } from './present.ts';
import {
  budgetLineInput,
  budgetLineSchema,
  projectInput,
  projectParams,
  projectPatch,
  projectSchema,
} from './schemas.ts';
import * as projects from './service.ts';

/** Projects (funds) and their budget lines. */
export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['projects'];

  app.post(
    '/orgs/:org/projects',
    {
      schema: {
        tags,
        summary: 'Create a project (fund) with its budget lines',
        params: orgParams,
        body: projectInput,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      return reply.status(201).send(presentProject(await projects.createProject(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/projects',
    {
      schema: { tags, summary: 'Projects, oldest first', params: orgParams, response: { 200: z.array(projectSchema) } },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await projects.listProjects(db, ctx)).map(presentProject);
    },
  );

  app.get(
    '/orgs/:org/projects/:projectId',
    {
      schema: {
        tags,
        summary: 'A project with its budget lines',
        params: projectParams,
        response: { 200: projectSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return presentProject(await projects.getProject(db, ctx, request.params.projectId));
    },
  );

  app.patch(
    '/orgs/:org/projects/:projectId',
    {
      schema: {
        tags,
        summary: 'Rename, describe, close or reopen a project',
        params: projectParams,
        body: projectPatch,
        response: { 200: projectSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:write');
      return presentProject(await projects.updateProject(db, ctx, request.params.projectId, request.body));
    },
  );

  app.post(
    '/orgs/:org/projects/:projectId/budget-lines',
    {
      schema: {
        tags,
        summary: 'Add a budget line to a project',
        params: projectParams,
        body: budgetLineInput,
        response: { 201: budgetLineSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      const line = await projects.addBudgetLine(db, ctx, request.params.projectId, request.body);
      return reply.status(201).send(presentBudgetLine(line));
    },
  );
};
