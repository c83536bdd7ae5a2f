import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { currencySchema } from '../gifts/index.ts';
import { minorUnits } from '../projects/index.ts';
import { goodsDirections, transferDirections } from './tables.ts';

const when = z.iso.datetime({ offset: true }).describe('ISO 8601 with a time zone');
const label = (max = 200) => z.string().trim().min(1).max(max);
const trackingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-F]{16}$/, 'a tracking code: 16 hexadecimal digits');

export const refundInput = z.object({
  amount: minorUnits,
  refundedAt: when,
  reason: z.string().trim().max(2000).nullish().describe('private, for staff'),
});

export const allocationInput = z.object({
  projectId: idParam,
  budgetLineId: idParam.nullish(),
  amount: minorUnits,
  allocatedAt: when,
  giftIds: z
    .array(idParam)
    .max(1000)
    .optional()
    .describe('draw on these gifts in this order; without it, the oldest unallocated gifts first (FIFO)'),
  fund: z.string().trim().max(200).nullish().describe('draw only on gifts designated to this fund'),
  note: z.string().trim().max(2000).nullish().describe('private, for staff'),
});

export const expenseInput = z.object({
  projectId: idParam,
  budgetLineId: idParam.nullish(),
  payeeCategory: label().describe('public: 物资采购, 人员费用, 交通, 场地…; never the payee’s name'),
  amount: minorUnits,
  currency: currencySchema.optional(),
  paidAt: when,
  description: z.string().trim().max(2000).nullish().describe('private: the payee and details'),
  invoiceId: idParam.describe('the uploaded invoice or receipt (POST /attachments)'),
});

export const transferInput = z.object({
  direction: z.enum(transferDirections),
  projectId: idParam,
  partnerName: label().describe('the partner organization (public)'),
  partnerUscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NP-RTUW-Y]{18}$/, 'an 18-character unified social credit code')
    .nullish(),
  amount: minorUnits,
  currency: currencySchema.optional(),
  transferredAt: when,
  counterpartCode: trackingCode.nullish().describe("the partner's log entry for the other side"),
  counterpartOrigin: z
    .string()
    .trim()
    .max(300)
    .regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[\w./-]*)?$/i, 'a log origin such as ngo.example/ledger')
    .nullish()
    .describe("the partner's log origin, when it is on another instance"),
});

export const goodsInput = z.object({
  direction: z.enum(goodsDirections),
  item: label(),
  unit: label(20).describe('箱, 件, 册, kg…'),
  quantity: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  value: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).describe('minor units'),
  currency: currencySchema.optional(),
  store: label().describe('the store or warehouse'),
  projectId: idParam.nullish(),
  movedAt: when,
});

export const deliveryInput = z
  .object({
    projectId: idParam,
    beneficiaryRef: label()
      .describe("the organization's own case number for the beneficiary; private, committed to in the log")
      .refine((v) => !/^1[3-9]\d{9}$/.test(v), 'use a case number, not a phone number'),
    aid: label().describe('public: what was delivered (助学金, 冬衣 20 件…); never a name'),
    quantity: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
    value: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    currency: currencySchema.optional(),
    deliveredAt: when,
    acknowledgementId: idParam.nullish().describe('the signed acknowledgement file (POST /attachments)'),
    acknowledgementText: z.string().trim().max(5000).nullish(),
  })
  .superRefine((d, ctx) => {
    if (!d.acknowledgementId && !d.acknowledgementText) {
      ctx.addIssue({ code: 'custom', path: ['acknowledgementId'], message: 'attach an acknowledgement file or text' });
    }
  });

export const voidInput = z.object({ reason: z.string().trim().max(2000).nullish().describe('private, for staff') });

export const voidedSchema = z.object({
  id: z.number(),
  voidedAt: z.string(),
  trackingCode: z.string().nullable().describe('the voided entry; a correction entry now points at it'),
  leafIndex: z.number().nullable(),
});

export const listQuery = z.object({ projectId: idParam.optional() });

const tracked = {
  trackingCode: z.string().nullable().describe("the entry's public code"),
  leafIndex: z.number().nullable().describe('its place in the log; null until integrated'),
  voidedAt: z.string().nullable().describe('set when voided by a correction; balances leave it out'),
};

export const refundSchema = z.object({
  id: z.number(),
  giftId: z.number(),
  amount: z.number(),
  currency: z.string(),
  refundedAt: z.string(),
  reason: z.string().nullable(),
  ...tracked,
});

export const allocationSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  budgetLineId: z.number().nullable(),
  amount: z.number(),
  currency: z.string(),
  allocatedAt: z.string(),
  note: z.string().nullable(),
  sources: z.array(z.object({ giftId: z.number(), amount: z.number() })),
  ...tracked,
});

export const expenseSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  budgetLineId: z.number().nullable(),
  payeeCategory: z.string(),
  amount: z.number(),
  currency: z.string(),
  paidAt: z.string(),
  description: z.string().nullable(),
  invoiceId: z.number(),
  ...tracked,
});

export const transferSchema = z.object({
  id: z.number(),
  direction: z.enum(transferDirections),
  projectId: z.number(),
  partnerName: z.string(),
  partnerUscc: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  transferredAt: z.string(),
  counterpartCode: z.string().nullable(),
  counterpartOrigin: z.string().nullable(),
  ...tracked,
});

export const goodsSchema = z.object({
  id: z.number(),
  direction: z.enum(goodsDirections),
  item: z.string(),
  unit: z.string(),
  quantity: z.number(),
  value: z.number(),
  currency: z.string(),
  store: z.string(),
  projectId: z.number().nullable(),
  movedAt: z.string(),
  ...tracked,
});

export const stockSchema = z.array(
  z.object({
    store: z.string(),
    item: z.string(),
    unit: z.string(),
    quantity: z.number(),
    value: z.number(),
    currency: z.string(),
  }),
);

export const deliverySchema = z.object({
  id: z.number(),
  projectId: z.number(),
  beneficiaryRef: z.string().nullable().describe('only for roles that record deliveries'),
  aid: z.string(),
  quantity: z.number().nullable(),
  value: z.number(),
  currency: z.string(),
  deliveredAt: z.string(),
  acknowledgementId: z.number().nullable(),
  hasAcknowledgementText: z.boolean(),
  ...tracked,
});

export const attachmentSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export const projectSummarySchema = z.object({
  projectId: z.number(),
  currency: z.string(),
  allocated: z.number(),
  transfersIn: z.number(),
  spent: z.number(),
  transfersOut: z.number(),
  balance: z.number(),
  budgetLines: z.array(z.object({ id: z.number(), name: z.string(), amount: z.number(), spent: z.number() })),
});

export const giftParams = z.object({ org: orgSlug, giftId: idParam });
export const allocationParams = z.object({ org: orgSlug, allocationId: idParam });
export const expenseParams = z.object({ org: orgSlug, expenseId: idParam });
export const transferParams = z.object({ org: orgSlug, transferId: idParam });
export const goodsParams = z.object({ org: orgSlug, movementId: idParam });
export const deliveryParams = z.object({ org: orgSlug, deliveryId: idParam });
export const refundParams = z.object({ org: orgSlug, refundId: idParam });
export const projectParams = z.object({ org: orgSlug, projectId: idParam });

export type RefundInput = z.infer<typeof refundInput>;
export type AllocationInput = z.infer<typeof allocationInput>;
export type ExpenseInput = z.infer<typeof expenseInput>;
export type TransferInput = z.infer<typeof transferInput>;
export type GoodsInput = z.infer<typeof goodsInput>;
export type DeliveryInput = z.infer<typeof deliveryInput>;
