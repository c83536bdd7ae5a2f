import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { mailingAudience } from '../mailings/index.ts';
import { smsMergeValues, smsProviderNames, smsRecipientStatuses, smsSendStatuses } from './enums.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 21:00');

// --- settings ---

const secret = (what: string) =>
  z.string().trim().min(8).max(200).optional().describe(`${what}; omit to keep the saved one`);

export const smsAccountInput = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('aliyun'),
    accessKeyId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8,64}$/, 'the AccessKey ID: letters and digits'),
    accessKeySecret: secret('the AccessKey secret'),
  }),
  z.object({
    provider: z.literal('tencent'),
    secretId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{8,64}$/, 'the SecretId: letters and digits'),
    secretKey: secret('the SecretKey'),
    sdkAppId: z
      .string()
      .trim()
      .regex(/^\d{6,12}$/, 'the 短信 SdkAppId, e.g. 1400006666'),
  }),
  z.object({ provider: z.literal('outbox') }),
]);
export type SmsAccountInput = z.infer<typeof smsAccountInput>;

export const smsSettingsInput = z.object({
  account: smsAccountInput.nullable().optional().describe('null removes it; omitted, it stays as it is'),
  quietHours: z
    .object({ start: clockTime, end: clockTime })
    .optional()
    .describe("no message goes out between start and end, in the organization's time zone; equal means none"),
});
export type SmsSettingsInput = z.infer<typeof smsSettingsInput>;

export const smsSettingsSchema = z.object({
  provider: z.enum(smsProviderNames).nullable(),
  keyId: z.string().nullable().describe('the AccessKey ID or SecretId; the secret is never returned'),
  sdkAppId: z.string().nullable(),
  readable: z.boolean().describe('false: the secret was sealed under another SECRET_KEY; enter it again'),
  outboxAvailable: z.boolean().describe('the development outbox (no message leaves the server) may be chosen'),
  quietHours: z.object({ start: z.string(), end: z.string() }),
  timezone: z.string(),
  callbacks: z
    .object({ receipts: z.string(), replies: z.string() })
    .describe('addresses to enter at the vendor for delivery receipts (状态报告) and replies (上行短信)'),
});

// --- templates ---

export const templateParam = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,30}$/),
  value: z.enum(smsMergeValues),
  text: z.string().max(100).optional().describe('for fixed: the text itself'),
});
export type TemplateParam = z.infer<typeof templateParam>;

const templateFields = {
  name: z.string().trim().min(1).max(100),
  signName: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .refine((v) => !/[【】[\]]/.test(v), 'the 签名 without 【】'),
  templateCode: z.string().trim().min(1).max(50).describe("Aliyun's SMS_123456789, or Tencent's TemplateId"),
  text: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('the approved text, with ${name} (Aliyun) or {1} (Tencent) placeholders'),
  params: z.array(templateParam).max(20),
};
export const templateInput = z.object({ ...templateFields, params: templateFields.params.default([]) });
export type TemplateInput = z.infer<typeof templateInput>;
// Built from the fields without defaults: a patch changes only what it names.
export const templatePatch = z.object(templateFields).partial();

export const templatePreviewInput = z.object({
  signName: z.string().max(20).default(''),
  text: z.string().max(500),
  params: z.array(templateParam).max(20).default([]),
});
export const templatePreview = z.object({
  text: z.string().describe('the message for a sample recipient, 【签名】 included'),
  segments: z.number().int().describe('billed messages: 70 characters in one, 67 per part beyond'),
  characters: z.number().int(),
  placeholders: z.array(z.string()),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const templateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  signName: z.string(),
  templateCode: z.string(),
  text: z.string(),
  params: z.array(templateParam),
  sample: templatePreview,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const templateParams = z.object({ org: orgSlug, templateId: idParam });

// --- sends ---

const purpose = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,49}$/, 'a purpose key such as newsletter')
  .describe('the consent purpose: only contacts who agreed to SMS for it receive it');

const sendFields = {
  name: z.string().trim().min(1).max(200),
  templateId: idParam.nullable(),
  purpose,
  audience: mailingAudience,
};
export const smsSendInput = z.object({
  ...sendFields,
  templateId: sendFields.templateId.default(null),
  purpose: purpose.default('newsletter'),
  audience: mailingAudience.default({ segmentIds: [], tags: [] }),
});
export type SmsSendInput = z.infer<typeof smsSendInput>;
export const smsSendPatch = z.object(sendFields).partial();
export type SmsSendPatch = z.infer<typeof smsSendPatch>;
export const smsSendParams = z.object({ org: orgSlug, sendId: idParam });

export const smsSendStats = z.object({
  recipients: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int().describe('accepted by the vendor, delivered or not yet reported'),
  delivered: z.number().int(),
  undelivered: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  uncertain: z.number().int().describe('may have gone out; never sent again'),
});

export const smsSendSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  templateId: z.number().int().nullable(),
  purpose: z.string(),
  audience: mailingAudience,
  status: z.enum(smsSendStatuses),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  waitUntil: z.string().nullable().describe('quiet hours or retries: the next copy goes no earlier'),
  createdAt: z.string(),
  updatedAt: z.string(),
  stats: smsSendStats,
});
export type SmsSendView = z.infer<typeof smsSendSchema>;

export const smsAudienceInput = z.object({ audience: mailingAudience, purpose });
export const smsAudienceCount = z.object({
  contacts: z.number().int(),
  reachable: z.number().int().describe('with a mobile number, consent to SMS for the purpose, and not withdrawn'),
});

export const smsScheduleInput = z.object({
  scheduledAt: z.iso.datetime({ offset: true }).nullish().describe('send later at this time; now when left out'),
});

export const smsRecipientQuery = z.object({
  status: z.enum(smsRecipientStatuses).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const smsRecipientSchema = z.object({
  contactId: z.number().int(),
  name: z.string().nullable(),
  phone: z.string(),
  status: z.enum(smsRecipientStatuses),
  attempts: z.number().int(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  carrierCode: z.string().nullable(),
  reason: z.string().nullable(),
});
export const smsRecipientPage = z.object({
  items: z.array(smsRecipientSchema),
  nextCursor: z.number().int().nullable(),
});
