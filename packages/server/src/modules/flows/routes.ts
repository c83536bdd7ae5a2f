import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { storeAttachment } from './attachments.ts';
import { recordAllocation, recordRefund } from './money.ts';
import { presentAllocation, presentAttachment, presentExpense, presentRefund, presentTransfer } from './present.ts';
import * as reads from './reads.ts';
import {
  allocationInput,
  allocationParams,
  allocationSchema,
  attachmentSchema,
  expenseInput,
  expenseParams,
  expenseSchema,
  giftParams,
  listQuery,
  projectParams,
  projectSummarySchema,
  refundInput,
  refundSchema,
  transferInput,
  transferParams,
  transferSchema,
} from './schemas.ts';
import { recordExpense, recordTransfer } from './spending.ts';

/** Refunds, allocations, expenses (with invoices), transfers and project balances. */
export const moneyFlowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps;
  const tags = ['fund flows'];

  app.post(
    '/orgs/:org/gifts/:giftId/refunds',
    {
      schema: {
        tags,
        summary: 'Refund part or all of a gift (donation.refunded)',
        params: giftParams,
        body: refundInput,
        response: { 201: refundSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      const refund = await recordRefund(db, ctx, request.params.giftId, request.body);
      return reply.status(201).send(presentRefund(refund));
    },
  );

  app.get(
    '/orgs/:org/gifts/:giftId/refunds',
    { schema: { tags, summary: "A gift's refunds", params: giftParams, response: { 200: z.array(refundSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await reads.listRefunds(db, ctx, request.params.giftId)).map(presentRefund);
    },
  );

  app.post(
    '/orgs/:org/allocations',
    {
      schema: {
        tags,
        summary: 'Allocate money from gifts to a project (funds.allocated)',
        params: orgParams,
        body: allocationInput,
        response: { 201: allocationSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      return reply.status(201).send(presentAllocation(await recordAllocation(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/allocations',
    {
      schema: {
        tags,
        summary: 'Allocations, newest first',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(allocationSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const rows = await reads.listFlows(db, ctx, 'allocation', request.query);
      return (await reads.withSources(db, ctx, rows)).map(presentAllocation);
    },
  );

  app.get(
    '/orgs/:org/allocations/:allocationId',
    { schema: { tags, summary: 'An allocation', params: allocationParams, response: { 200: allocationSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const row = await reads.getFlow(db, ctx, 'allocation', request.params.allocationId);
      return presentAllocation((await reads.withSources(db, ctx, [row]))[0]!);
    },
  );

  app.post(
    '/orgs/:org/attachments',
    {
      schema: {
        tags,
        summary:
          'Upload an invoice, receipt or acknowledgement (multipart field "file"); kept private, only its SHA-256 is logged',
        params: orgParams,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'attachments:write');
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data in a field named "file"');
      const file = await request.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', 'No file was uploaded', [{ path: 'file', message: 'required' }]);
      const row = await storeAttachment(deps, ctx, {
        fileName: file.filename || 'upload',
        body: file.file as Readable,
      });
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is too large');
      return reply.status(201).send(presentAttachment(row));
    },
  );

  app.post(
    '/orgs/:org/expenses',
    {
      schema: {
        tags,
        summary: 'Record an expense of a project with its invoice (expense.paid)',
        params: orgParams,
        body: expenseInput,
        response: { 201: expenseSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      return reply.status(201).send(presentExpense(await recordExpense(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/expenses',
    {
      schema: {
        tags,
        summary: 'Expenses, newest first',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(expenseSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await reads.listFlows(db, ctx, 'expense', request.query)).map(presentExpense);
    },
  );

  app.get(
    '/orgs/:org/expenses/:expenseId',
    { schema: { tags, summary: 'An expense', params: expenseParams, response: { 200: expenseSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return presentExpense(await reads.getFlow(db, ctx, 'expense', request.params.expenseId));
    },
  );

  app.post(
    '/orgs/:org/transfers',
    {
      schema: {
        tags,
        summary: 'Record money sent to or received from a partner organization (transfer.sent / transfer.received)',
        params: orgParams,
        body: transferInput,
        response: { 201: transferSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      return reply.status(201).send(presentTransfer(await recordTransfer(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/transfers',
    {
      schema: {
        tags,
        summary: 'Transfers, newest first',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(transferSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await reads.listFlows(db, ctx, 'transfer', request.query)).map(presentTransfer);
    },
  );

  app.get(
    '/orgs/:org/transfers/:transferId',
    { schema: { tags, summary: 'A transfer', params: transferParams, response: { 200: transferSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return presentTransfer(await reads.getFlow(db, ctx, 'transfer', request.params.transferId));
    },
  );

  app.get(
    '/orgs/:org/projects/:projectId/summary',
    {
      schema: {
        tags,
        summary: "A project's money: allocated, transfers, spent, balance, and spending per budget line",
        params: projectParams,
        response: { 200: projectSummarySchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return reads.projectSummary(db, ctx, request.params.projectId);
    },
  );
};
