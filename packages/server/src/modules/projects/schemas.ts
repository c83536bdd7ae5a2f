import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { currencySchema } from '../gifts/index.ts';
import { projectStatuses } from './tables.ts';

/** Minor units (fen): a positive integer. */
export const minorUnits = z
  .number()
  .int('an integer number of minor units (fen), not yuan with decimals')
  .positive('must be more than zero')
  .max(Number.MAX_SAFE_INTEGER);

export const budgetLineInput = z.object({
  name: z.string().trim().min(1).max(200),
  amount: minorUnits.describe('planned amount in minor units; spending on the line may not exceed it'),
});

export const projectInput = z.object({
  slug: orgSlug.describe('public address: /p/<org>/<slug>; it never changes'),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullish(),
  currency: currencySchema.optional().describe("defaults to the organization's currency"),
  budgetLines: z.array(budgetLineInput).max(200).default([]),
});

export const projectPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).nullish(),
  status: z.enum(projectStatuses).optional(),
});

export const budgetLineSchema = z.object({ id: z.number(), name: z.string(), amount: z.number() });

export const projectSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  status: z.enum(projectStatuses),
  budgetLines: z.array(budgetLineSchema),
  createdAt: z.string(),
});

export const projectParams = z.object({ org: orgSlug, projectId: idParam });

export type ProjectInput = z.infer<typeof projectInput>;
export type ProjectPatch = z.infer<typeof projectPatch>;
export type BudgetLineInput = z.infer<typeof budgetLineInput>;
