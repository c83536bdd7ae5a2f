import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { consentChannels } from '../consent/tables.ts';
import { contactTargets, fieldTypes, fileKinds, formStatuses, regionLevels, responseStatuses } from './enums.ts';

const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');

export const fieldDef = z.object({
  key: fieldKey,
  type: z.enum(fieldTypes),
  label: z.string().trim().min(1, 'every question needs a label').max(200),
  help: z.string().trim().max(500).optional(),
  required: z.boolean().optional(),
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional().describe('single and multiple choice'),
  min: z.number().nullish().describe('number: the smallest; text: the fewest characters'),
  max: z.number().nullish().describe('number: the largest; text: the most characters'),
  page: z.number().int().min(1).max(20).optional().describe('multi-page forms: the page it is on, from 1'),
  showIf: z
    .object({ key: fieldKey, equals: z.string().max(100) })
    .nullish()
    .describe('shown (and checked) only when an earlier question has this answer'),
  mapTo: z.enum(contactTargets).nullish().describe('the contact field the answer fills in'),
  level: z
    .enum(regionLevels)
    .nullish()
    .describe('region questions: how far down the answer goes (province, city, or district, the default)'),
  accept: z.enum(fileKinds).nullish().describe('file questions: images only (default), or documents (PDF) too'),
  consent: z
    .object({ channel: z.enum(consentChannels), purpose: z.string().trim().min(1).max(50) })
    .nullish()
    .describe('consent questions: what ticking the box agrees to'),
});
export type FieldDef = z.infer<typeof fieldDef>;

export const formSettings = z.object({
  thankYou: z.string().trim().max(1000).optional(),
  redirectUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  closesAt: z.iso.datetime({ offset: true }).nullish(),
  responseLimit: z.number().int().min(1).max(1_000_000).nullish(),
  themeColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1677ff')
    .optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional().describe('tags every new contact gets'),
  captcha: z
    .boolean()
    .optional()
    .describe('需要人机验证: answers are taken only with a passed captcha (the one CAPTCHA_PROVIDER names)'),
  notifyEmails: z
    .array(z.email())
    .max(10)
    .optional()
    .describe('staff told of new responses (how many, and the link; never the answers)'),
});
export type FormSettings = z.infer<typeof formSettings>;

/** Checks across questions: unique keys, conditions on earlier questions, choices that have options. */
function checkFields(fields: FieldDef[], ctx: z.RefinementCtx) {
  const seen = new Map<string, FieldDef>();
  const mapped = new Set<string>();
  for (const [i, field] of fields.entries()) {
    const at = (...path: (string | number)[]) => ['fields', i, ...path];
    if (seen.has(field.key))
      ctx.addIssue({ code: 'custom', path: at('key'), message: 'another question has this key' });
    if ((field.type === 'single' || field.type === 'multiple') && !field.options?.length)
      ctx.addIssue({ code: 'custom', path: at('options'), message: 'a choice question needs options' });
    if (field.type === 'consent' && !field.consent)
      ctx.addIssue({ code: 'custom', path: at('consent'), message: 'say which channel the consent is for' });
    if (field.type === 'file' && field.mapTo)
      ctx.addIssue({ code: 'custom', path: at('mapTo'), message: 'a file does not fill in a contact field' });
    if (field.showIf && !seen.has(field.showIf.key))
      ctx.addIssue({ code: 'custom', path: at('showIf', 'key'), message: 'must be an earlier question' });
    if (field.mapTo === 'region' && field.type !== 'region')
      ctx.addIssue({ code: 'custom', path: at('mapTo'), message: 'only a region question fills in the address' });
    if (field.mapTo === 'province' && field.type !== 'province' && field.type !== 'region')
      ctx.addIssue({ code: 'custom', path: at('mapTo'), message: 'only a province or region question fills this in' });
    if (field.mapTo) {
      // A region fills in the province too, so the two targets exclude each other.
      const province = field.mapTo === 'province' || field.mapTo === 'region';
      if (mapped.has(field.mapTo) || (province && mapped.has('place')))
        ctx.addIssue({ code: 'custom', path: at('mapTo'), message: 'another question already fills this in' });
      mapped.add(field.mapTo);
      if (province) mapped.add('place');
    }
    seen.set(field.key, field);
  }
}

const formFields = {
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000),
  fields: z.array(fieldDef).min(1, 'a form asks at least one question').max(100),
  settings: formSettings,
};

export const formInput = z
  .object({
    ...formFields,
    slug: orgSlug.optional().describe('public address /f/<org>/<slug>; left out, the pinyin of the title'),
    description: formFields.description.default(''),
    settings: formSettings.default({}),
  })
  .superRefine((form, ctx) => checkFields(form.fields, ctx));
export type FormInput = z.infer<typeof formInput>;

// Built from the fields without defaults: a patch changes only what it names.
export const formPatch = z
  .object(formFields)
  .partial()
  .extend({ slug: orgSlug.optional() })
  .superRefine((form, ctx) => form.fields && checkFields(form.fields, ctx));
export type FormPatch = z.infer<typeof formPatch>;

export const formParams = z.object({ org: orgSlug, formId: idParam });
export const responseParams = formParams.extend({ responseId: idParam });

export const formSchema = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  fields: z.array(fieldDef),
  settings: formSettings,
  status: z.enum(formStatuses),
  accepting: z.boolean().describe('open, before its closing time and below its limit'),
  publicUrl: z.string(),
  responseCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const formListItem = formSchema.pick({
  id: true,
  slug: true,
  title: true,
  status: true,
  accepting: true,
  publicUrl: true,
  responseCount: true,
  createdAt: true,
});

export const responseSchema = z.object({
  id: z.number(),
  answers: z.record(z.string(), z.unknown()),
  status: z.enum(responseStatuses),
  contactId: z.number().nullable(),
  contactName: z.string().nullable(),
  matchedContactId: z.number().nullable(),
  matchedContactName: z.string().nullable(),
  createdAt: z.string(),
});
