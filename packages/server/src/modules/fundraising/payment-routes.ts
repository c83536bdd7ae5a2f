import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgParams, orgSlug } from '../../http/params.ts';
import {
  confirmTransfer,
  confirmTransferInput,
  reconcileInput,
  reconcileStatement,
  transfersAwaited,
} from './bank-transfers.ts';
import {
  checkMerchantAccount,
  paymentSettingsInput,
  paymentSettingsSchema,
  readPaymentSettings,
  savePaymentSettings,
} from './payment-settings.ts';
import { givingDeps } from './giving.ts';
import { orderSchema } from './schemas.ts';
import { presentOrder } from './present.ts';

const awaitedSchema = orderSchema.extend({
  reference: z.string().nullable().describe('the code the donor was asked to write in the memo (附言)'),
  donorName: z.string(),
  campaignId: z.number(),
});

const lineResult = z.object({
  bankTransactionId: z.string(),
  status: z.enum(['recorded', 'already-recorded', 'amount-mismatch', 'ambiguous', 'unmatched', 'refused']),
  orderNo: z.string().optional(),
  orderNos: z.array(z.string()).optional(),
  expected: z.number().optional(),
  received: z.number().optional(),
  reason: z.string().optional(),
});

/** How the organization takes money (its bank account and merchant accounts), and reconciling bank transfers with its statement. */
export const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const tags = ['fundraising'];

  app.get(
    '/orgs/:org/payment-settings',
    {
      schema: {
        tags,
        summary:
          'How the organization takes money: its bank account and its WeChat Pay and Alipay accounts (secrets never shown)',
        params: orgParams,
        response: { 200: paymentSettingsSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return readPaymentSettings({ db, config }, ctx.org.id);
    },
  );

  app.put(
    '/orgs/:org/payment-settings',
    {
      schema: {
        tags,
        summary:
          'Set the bank account, WeChat Pay merchant account or Alipay application; giving pages then offer them. ' +
          'A part left out stays; null removes it; a key left out keeps the saved one',
        params: orgParams,
        body: paymentSettingsInput,
        response: { 200: paymentSettingsSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      return savePaymentSettings({ db, config }, ctx, request.body);
    },
  );

  app.post(
    '/orgs/:org/payment-settings/check',
    {
      schema: {
        tags,
        summary: "Try the organization's WeChat Pay or Alipay keys against the vendor (a query for no order)",
        params: orgParams,
        body: z.object({ provider: z.enum(['wechat', 'alipay']) }),
        response: { 200: z.object({ ok: z.boolean(), message: z.string().nullable() }) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      return checkMerchantAccount(givingDeps(app.deps), ctx.org.id, request.body.provider);
    },
  );

  app.get(
    '/orgs/:org/bank-transfers',
    {
      schema: {
        tags,
        summary: 'Transfers donors said they would make, waiting to be found on the statement',
        params: orgParams,
        response: { 200: z.array(awaitedSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      return (await transfersAwaited(db, ctx)).map((o) => ({
        ...presentOrder(o),
        reference: o.providerPaymentId,
        donorName: o.donor.name,
      }));
    },
  );

  app.post(
    '/orgs/:org/bank-transfers/reconcile',
    {
      schema: {
        tags,
        summary: 'Match bank statement lines with awaited transfers: exact matches are recorded, the rest reported',
        params: orgParams,
        body: reconcileInput,
        response: { 200: z.object({ results: z.array(lineResult) }) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      return { results: await reconcileStatement(db, ctx, request.body.lines) };
    },
  );

  app.post(
    '/orgs/:org/bank-transfers/:orderId/confirm',
    {
      schema: {
        tags,
        summary: 'Record a transfer found by hand against the order it belongs to (the amount must match)',
        params: z.object({ org: orgSlug, orderId: idParam }),
        body: confirmTransferInput,
        response: { 200: z.object({ status: z.string(), orderNo: z.string() }) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      return confirmTransfer(db, ctx, request.params.orderId, request.body);
    },
  );
};
