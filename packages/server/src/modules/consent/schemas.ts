import { z } from 'zod';
import { evidenceTypes } from './enums.ts';
import { consentChannels, consentSources, consentStatuses } from './tables.ts';

export { evidenceTypes };

export const evidenceSchema = z.object({
  type: z.enum(evidenceTypes),
  ref: z.string().trim().max(500).nullish().describe('form submission id, import file name and row, …'),
  text: z.string().trim().max(5000).nullish().describe('the wording the person agreed to, or what they said'),
});

export const consentInput = z
  .object({
    channel: z.enum(consentChannels),
    purpose: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("free text such as 'newsletter' or 'fundraising'; compared case-insensitively"),
    status: z.enum(consentStatuses),
    source: z.enum(consentSources),
    evidence: evidenceSchema.optional().describe('required to grant; optional to withdraw'),
    recordedAt: z.iso.datetime({ offset: true }).optional().describe('when the person said so; defaults to now'),
  })
  .superRefine((input, ctx) => {
    if (input.status === 'granted' && !input.evidence) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'a grant of consent needs evidence' });
    }
  });
export type ConsentInput = z.infer<typeof consentInput>;

export const consentRecordSchema = z.object({
  id: z.number(),
  channel: z.enum(consentChannels),
  purpose: z.string(),
  status: z.enum(consentStatuses),
  source: z.enum(consentSources),
  evidence: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export const consentState = z.object({
  current: z.array(consentRecordSchema).describe('the latest record per channel and purpose'),
  history: z.array(consentRecordSchema).describe('every record, newest first'),
});
