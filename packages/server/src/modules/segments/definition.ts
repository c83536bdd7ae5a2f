import { z } from 'zod';
import { AppError, type FieldProblem } from '../../errors/app-error.ts';
import { consentChannels } from '../consent/tables.ts';
import { contactKinds } from '../contacts/tables.ts';
import { divisionByCode } from '../geo/divisions.ts';

/*
 * A segment definition is a small filter tree over contacts, stored as JSON and compiled to SQL.
 *
 *   node      = { all: node[] } | { any: node[] } | { not: node } | condition
 *   period    = { year: 2025 } | { relativeYear: -1 } (0 = this year) | { from?: "2025-01-01", to?: "2025-06-30" }
 *             | { lastDays: 365 }         dates are whole days in the organization's time zone, `to` included
 *   condition =
 *     { field: "tag", op: "has" | "hasNot", tag: 12 | "志愿者" }          tag id or exact name
 *     { field: "province" | "city" | "district", op: "in" | "notIn", values: ["510000"] }
 *     { field: "category", op: "in" | "notIn", values: ["major donor"] }
 *     { field: "kind", op: "is", value: "person" | "organization" }
 *     { field: "created", period }
 *     { field: "gifts", op: "gave" | "didNotGive", period?, channel?, campaign? }
 *     { field: "giftCount", op: "gte" | "lte" | "eq", value: 3, period? }
 *     { field: "totalGiven", op: "gte" | "lte", amount: 100000, currency?: "CNY", period? }   minor units (fen)
 *     { field: "lastGift" | "firstGift", op: "before" | "after", date: "2025-01-01" }
 *     { field: "consent", op: "granted" | "notGranted", channel: "sms", purpose?: "fundraising" }
 *
 * LYBUNT for 2026: { all: [ { field: "gifts", op: "gave", period: { year: 2025 } },
 *                           { field: "gifts", op: "didNotGive", period: { year: 2026 } } ] }
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real date',
  );

export const periodSchema = z.union([
  z.strictObject({ year: z.number().int().min(1900).max(2200) }),
  z.strictObject({ relativeYear: z.number().int().min(-100).max(0) }),
  z.strictObject({ lastDays: z.number().int().min(1).max(36_600) }),
  z
    .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
    .refine((p) => p.from || p.to, 'give `from`, `to` or both')
    .refine((p) => !p.from || !p.to || p.from <= p.to, '`from` must not be after `to`'),
]);
export type Period = z.infer<typeof periodSchema>;

const divisionCode = z
  .string()
  .regex(/^\d{6}$/, 'a 6-digit division code')
  .refine((code) => divisionByCode(code) !== undefined, 'no such division code');
const text = z.string().trim().min(1).max(200);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');

const conditionSchema = z.discriminatedUnion('field', [
  z.strictObject({
    field: z.literal('tag'),
    op: z.enum(['has', 'hasNot']),
    tag: z.union([z.number().int().positive(), text]),
  }),
  z.strictObject({
    field: z.enum(['province', 'city', 'district']),
    op: z.enum(['in', 'notIn']),
    values: z.array(divisionCode).min(1).max(500),
  }),
  z.strictObject({ field: z.literal('category'), op: z.enum(['in', 'notIn']), values: z.array(text).min(1).max(100) }),
  z.strictObject({ field: z.literal('kind'), op: z.literal('is'), value: z.enum(contactKinds) }),
  z.strictObject({ field: z.literal('created'), period: periodSchema }),
  z.strictObject({
    field: z.literal('gifts'),
    op: z.enum(['gave', 'didNotGive']),
    period: periodSchema.optional(),
    channel: text.optional(),
    campaign: text.optional(),
  }),
  z.strictObject({
    field: z.literal('giftCount'),
    op: z.enum(['gte', 'lte', 'eq']),
    value: z.number().int().min(0).max(1_000_000),
    period: periodSchema.optional(),
  }),
  z.strictObject({
    field: z.literal('totalGiven'),
    op: z.enum(['gte', 'lte']),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: currency.optional(),
    period: periodSchema.optional(),
  }),
  z.strictObject({ field: z.enum(['lastGift', 'firstGift']), op: z.enum(['before', 'after']), date: isoDate }),
  z.strictObject({
    field: z.literal('consent'),
    op: z.enum(['granted', 'notGranted']),
    channel: z.enum(consentChannels),
    purpose: text.optional(),
  }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export type SegmentNode = { all: SegmentNode[] } | { any: SegmentNode[] } | { not: SegmentNode } | Condition;

export const segmentNodeSchema: z.ZodType<SegmentNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(segmentNodeSchema).max(50) }),
    z.strictObject({ any: z.array(segmentNodeSchema).min(1).max(50) }),
    z.strictObject({ not: segmentNodeSchema }),
    conditionSchema,
  ]),
);

const MAX_DEPTH = 6;
const MAX_CONDITIONS = 100;

function measure(node: SegmentNode, depth = 1): { depth: number; conditions: number } {
  const children = 'all' in node ? node.all : 'any' in node ? node.any : 'not' in node ? [node.not] : null;
  if (!children) return { depth, conditions: 1 };
  return children.reduce(
    (acc, child) => {
      const m = measure(child, depth + 1);
      return { depth: Math.max(acc.depth, m.depth), conditions: acc.conditions + m.conditions };
    },
    { depth, conditions: 0 },
  );
}

/** A union's issues name every branch; report the deepest ones, which say what is actually wrong. */
function flattenIssues(issues: z.core.$ZodIssue[], prefix: PropertyKey[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((errors) => flattenIssues(errors, path));
      // The branch that got furthest (longest paths) is the one the author meant.
      const best = branches.reduce((a, b) =>
        Math.max(...b.map((f) => f.path.length), 0) > Math.max(...a.map((f) => f.path.length), 0) ? b : a,
      );
      if (best.length > 0) return best;
    }
    return [{ path: path.map(String).join('.'), message: issue.message }];
  });
}

/** Validates a definition; SEGMENT_INVALID (422) with field paths under `definition` otherwise. */
export function parseDefinition(input: unknown, path = 'definition'): SegmentNode {
  const result = segmentNodeSchema.safeParse(input);
  if (!result.success) {
    throw new AppError(
      'SEGMENT_INVALID',
      'The segment definition is not valid',
      flattenIssues(result.error.issues, [path]),
    );
  }
  const { depth, conditions } = measure(result.data);
  if (depth > MAX_DEPTH)
    throw new AppError('SEGMENT_INVALID', `Groups may nest at most ${MAX_DEPTH} deep`, [{ path, message: 'too deep' }]);
  if (conditions > MAX_CONDITIONS) {
    throw new AppError('SEGMENT_INVALID', `A segment may hold at most ${MAX_CONDITIONS} conditions`, [
      { path, message: 'too many conditions' },
    ]);
  }
  return result.data;
}
