import { z } from 'zod';

export const auditQuery = z.object({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  actor: z.string().max(200).optional().describe('email or token name'),
  before: z.coerce.number().int().positive().optional().describe('cursor: events with a smaller id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

export const auditPage = z.object({ items: z.array(auditEventSchema), nextCursor: z.number().nullable() });
