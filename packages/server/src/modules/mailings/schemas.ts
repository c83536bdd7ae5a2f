import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { mailingStatuses, recipientStatuses, suppressionOrigins, suppressionReasons } from './enums.ts';

const webUrl = z.url({ protocol: /^https?$/ }).max(1000);

export const mailingBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal('paragraph'), text: z.string().trim().min(1).max(10_000) }),
  z.object({ type: z.literal('button'), text: z.string().trim().min(1).max(50), url: webUrl }),
  z.object({ type: z.literal('image'), src: webUrl, alt: z.string().trim().max(200).optional() }),
  z.object({ type: z.literal('divider') }),
]);
export type MailingBlock = z.infer<typeof mailingBlock>;

export const mailingContent = z
  .discriminatedUnion('editor', [
    z.object({ editor: z.literal('blocks'), blocks: z.array(mailingBlock).max(100) }),
    z.object({
      editor: z.literal('code'),
      html: z.string().max(200_000),
      text: z.string().max(200_000).optional().describe('the plain-text part; left out, it is made from the HTML'),
    }),
  ])
  .describe('built with blocks, or written as LiquidJS HTML; merge fields such as {{ greeting }} work in both');
export type MailingContent = z.infer<typeof mailingContent>;

export const mailingAudience = z
  .object({
    segmentIds: z.array(idParam).max(20).default([]),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  })
  .describe('contacts in any of these segments or with any of these tags');
export type MailingAudience = z.infer<typeof mailingAudience>;

const purpose = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,49}$/, 'a purpose key such as newsletter')
  .describe('the consent purpose: only contacts who agreed to email for it receive it');

const fields = {
  name: z.string().trim().min(1).max(200).describe('for staff; recipients see the subject'),
  subject: z.string().max(500),
  purpose,
  fromName: z.string().trim().max(100).nullish().describe("shown as the sender; the organization's name when empty"),
  replyTo: z.email().nullish(),
  content: mailingContent,
  audience: mailingAudience,
};

export const mailingInput = z.object({
  ...fields,
  subject: fields.subject.default(''),
  purpose: purpose.default('newsletter'),
  content: mailingContent.default({ editor: 'blocks', blocks: [] }),
  audience: mailingAudience.default({ segmentIds: [], tags: [] }),
});
export type MailingInput = z.infer<typeof mailingInput>;

/** PATCH: built from the fields without defaults, so what the body leaves out stays. */
export const mailingPatch = z.object(fields).partial();
export type MailingPatch = z.infer<typeof mailingPatch>;

export const mailingParams = z.object({ org: orgSlug, mailingId: idParam });

export const mailingStats = z.object({
  recipients: z.number().int().describe('copies to send, fixed when the send starts'),
  pending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  bounced: z.number().int(),
  skipped: z.number().int().describe('unsubscribed or suppressed after the send started'),
  uncertain: z.number().int().describe('in flight when a sender stopped; never sent again'),
  unsubscribed: z.number().int().describe('recipients who withdrew consent since the send started'),
  opened: z.number().int().describe('copies opened, when the organization tracks opens (images blocked: undercounted)'),
  clicked: z.number().int().describe('copies with a link clicked, when the organization tracks clicks'),
});

export const mailingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  subject: z.string(),
  purpose: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  content: mailingContent,
  audience: mailingAudience,
  status: z.enum(mailingStatuses),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  stats: mailingStats,
});
export type MailingView = z.infer<typeof mailingSchema>;

export const previewInput = z.object({ subject: z.string().max(500), content: mailingContent });
export const previewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string() });

export const audienceInput = z.object({ audience: mailingAudience, purpose });
export const audienceCount = z.object({
  contacts: z.number().int().describe('contacts in the audience'),
  reachable: z.number().int().describe('of them, with an email address, consent for the purpose, and not suppressed'),
});

export const testInput = z.object({ emails: z.array(z.email()).min(1).max(5) });
export const testResult = z.object({
  results: z.array(z.object({ email: z.string(), status: z.enum(['sent', 'failed']), error: z.string().optional() })),
});

export const sendInput = z.object({
  scheduledAt: z.iso.datetime({ offset: true }).nullish().describe('send later at this time; now when left out'),
});

export const recipientQuery = z.object({
  status: z.enum(recipientStatuses).optional(),
  cursor: z.coerce.number().int().min(0).optional().describe('the last contact id of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const recipientSchema = z.object({
  contactId: z.number().int(),
  name: z.string().nullable(),
  email: z.string(),
  status: z.enum(recipientStatuses),
  attempts: z.number().int(),
  sentAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export const recipientPage = z.object({ items: z.array(recipientSchema), nextCursor: z.number().int().nullable() });

export const suppressionInput = z.object({
  email: z.email(),
  reason: z.enum(suppressionReasons).default('manual'),
  note: z.string().trim().max(500).optional(),
});
export const suppressionSchema = z.object({
  email: z.string(),
  reason: z.enum(suppressionReasons),
  origin: z
    .enum(suppressionOrigins)
    .describe('refused while sending, a bounce notice or complaint report by email, or added by staff'),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export const suppressionParams = z.object({ org: orgSlug, email: z.email() });

export const deliverySchema = z.object({
  mode: z.enum(['smtp', 'outbox', 'none']),
  messagesPerSecond: z.number().nullable().describe('SMTP_RATE'),
  outbox: z.string().nullable().describe('development: the folder emails are written to instead of sent'),
});
