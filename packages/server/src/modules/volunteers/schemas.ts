import { z } from 'zod';
import { idParam, orgSlug } from '../../http/params.ts';
import { MAX_SHIFT_MINUTES, opportunityStatuses, signupSources, signupStatuses } from './enums.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true });

const reminderFields = {
  hoursBefore: z.number().int().min(1).max(168).describe('how long before a shift starts'),
  email: z.boolean().describe('email each confirmed volunteer who has an address'),
  smsTemplateId: id.nullable().describe('an approved SMS template (短信模板) to text them with'),
};
export const reminderSettings = z.object({
  hoursBefore: reminderFields.hoursBefore.default(24),
  email: reminderFields.email.default(true),
  smsTemplateId: reminderFields.smsTemplateId.default(null),
});
export type ReminderSettings = z.infer<typeof reminderSettings>;

const opportunityFields = {
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(5000),
  location: z.string().trim().max(200).describe('where, as people say it: 甘肃民勤县'),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit division code such as 620621')
    .nullable()
    .describe('the national division code of the place'),
  skills: z.array(z.string().trim().min(1).max(30)).max(20),
  formId: id.nullable().describe('the sign-up form; needed before the opportunity opens'),
  waitlist: z.boolean().describe('a full shift takes people on its waiting list (候补) instead of refusing them'),
  reminders: reminderSettings,
};

export const opportunityInput = z.object({
  ...opportunityFields,
  slug: orgSlug.optional().describe('public address /v/<org>/<slug>; left out, the pinyin of the title'),
  description: opportunityFields.description.default(''),
  location: opportunityFields.location.default(''),
  divisionCode: opportunityFields.divisionCode.default(null),
  skills: opportunityFields.skills.default([]),
  formId: opportunityFields.formId.default(null),
  waitlist: opportunityFields.waitlist.default(false),
  reminders: reminderSettings.default({ hoursBefore: 24, email: true, smsTemplateId: null }),
});
export type OpportunityInput = z.infer<typeof opportunityInput>;

// Built from the fields without defaults: a patch changes only what it names.
export const opportunityPatch = z
  .object({ ...opportunityFields, reminders: z.object(reminderFields).partial() })
  .partial()
  .extend({ slug: orgSlug.optional() });
export type OpportunityPatch = z.infer<typeof opportunityPatch>;

const shiftFields = {
  title: z.string().trim().max(100).describe('上午班, 第一天…; may be empty'),
  startsAt: instant,
  endsAt: instant,
  capacity: z.number().int().min(1, 'at least 1 place (leave it empty for no limit)').max(100_000).nullable(),
  location: z.string().trim().max(200).nullable().describe("where, when not the opportunity's place"),
};

const endsAfterStart = (shift: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) => {
  if (shift.startsAt && shift.endsAt && new Date(shift.endsAt) <= new Date(shift.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
};

export const shiftInput = z
  .object({
    ...shiftFields,
    title: shiftFields.title.default(''),
    capacity: shiftFields.capacity.default(null),
    location: shiftFields.location.default(null),
  })
  .superRefine(endsAfterStart);
export type ShiftInput = z.infer<typeof shiftInput>;

export const shiftPatch = z.object(shiftFields).partial().superRefine(endsAfterStart);
export type ShiftPatch = z.infer<typeof shiftPatch>;

export const opportunityParams = z.object({ org: orgSlug, opportunityId: idParam });
export const shiftParams = opportunityParams.extend({ shiftId: idParam });
export const signupParams = z.object({ org: orgSlug, signupId: idParam });
export const contactParams = z.object({ org: orgSlug, id: idParam });

export const shiftSchema = z.object({
  id: z.number(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().nullable(),
  location: z.string().nullable(),
  confirmed: z.number().describe('places taken: confirmed, attended or marked no-show'),
  waitlisted: z.number(),
  attended: z.number(),
  placesLeft: z.number().nullable().describe('null: no limit'),
});
export type ShiftView = z.infer<typeof shiftSchema>;

export const opportunitySchema = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  divisionCode: z.string().nullable(),
  skills: z.array(z.string()),
  status: z.enum(opportunityStatuses),
  formId: z.number().nullable(),
  waitlist: z.boolean(),
  reminders: reminderSettings,
  publicUrl: z.string(),
  startsAt: z.string().nullable().describe('the first shift starts'),
  endsAt: z.string().nullable().describe('the last shift ends'),
  shiftCount: z.number(),
  signedUp: z.number().describe('places taken across its shifts'),
  waitlisted: z.number(),
  capacity: z.number().nullable().describe('places across its shifts; null when a shift has no limit'),
  shifts: z.array(shiftSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const opportunityListItem = opportunitySchema.omit({ shifts: true, description: true, reminders: true }).extend({
  nextShift: shiftSchema
    .pick({ id: true, title: true, startsAt: true, endsAt: true })
    .nullable()
    .describe('the next shift to start; null when none is ahead'),
});

export const signupSchema = z.object({
  id: z.number(),
  opportunityId: z.number(),
  shiftId: z.number(),
  shiftTitle: z.string(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  contactId: z.number(),
  contactName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  responseId: z.number().nullable(),
  source: z.enum(signupSources),
  status: z.enum(signupStatuses),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  minutes: z.number().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type SignupView = z.infer<typeof signupSchema>;

export const rosterQuery = z.object({
  shiftId: idParam.optional(),
  status: z.enum(signupStatuses).optional(),
});

export const staffSignupInput = z.object({
  shiftId: id,
  contactId: id,
  note: z.string().trim().max(500).default(''),
  allowOverCapacity: z.boolean().default(false).describe('staff may add someone to a full shift'),
});

export const hoursInput = z.object({
  minutes: z
    .number()
    .int('whole minutes')
    .min(0, 'cannot be negative')
    .max(MAX_SHIFT_MINUTES, 'at most 24 hours (1440 minutes) for one shift'),
  note: z.string().trim().max(500).optional(),
});

export const bulkCheckInInput = z.object({ signupIds: z.array(id).min(1).max(500) });

export const signupSubmission = z.object({
  shiftIds: z.array(id).min(1, 'choose at least one shift').max(50),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  website: z.string().optional().describe('the honeypot: people leave it out; a filled one is stored nowhere'),
  captcha: z
    .string()
    .max(8192)
    .optional()
    .describe('the answer to a captcha from GET /api/captcha, when the sign-up form asks for one'),
});

export const signupReceipt = z.object({
  status: z.literal('received'),
  signups: z.array(z.object({ shiftId: z.number(), status: z.enum(signupStatuses) })),
});

export const contactVolunteering = z.object({
  totalMinutes: z.number(),
  counts: z.object({
    signups: z.number(),
    confirmed: z.number(),
    waitlisted: z.number(),
    attended: z.number(),
    noShow: z.number(),
    cancelled: z.number(),
  }),
  signups: z.array(
    z.object({
      id: z.number(),
      opportunityId: z.number(),
      opportunityTitle: z.string(),
      shiftId: z.number(),
      shiftTitle: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.enum(signupStatuses),
      source: z.enum(signupSources),
      checkedInAt: z.string().nullable(),
      checkedOutAt: z.string().nullable(),
      minutes: z.number().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const publicOpportunity = z.object({
  title: z.string(),
  description: z.string(),
  location: z.string(),
  skills: z.array(z.string()),
  organization: z.string(),
  accepting: z.boolean(),
  waitlist: z.boolean(),
  shifts: z.array(
    shiftSchema
      .pick({ id: true, title: true, startsAt: true, endsAt: true, capacity: true, location: true, placesLeft: true })
      .extend({ full: z.boolean(), past: z.boolean() }),
  ),
  fields: z.array(z.unknown()).describe("the sign-up form's questions (as the forms API gives them)"),
});
