import { z } from 'zod';
import { orgSlug } from '../../http/params.ts';
import { roles } from './tables.ts';

export const roleSchema = z.enum(roles);
export const emailSchema = z
  .email('must be an email address')
  .max(254)
  .transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
const personName = z.string().trim().min(1).max(100);

export const usccSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '18 characters: digits and capital letters without I, O, S, V, Z');

const orgFields = {
  name: z.string().trim().min(2).max(200),
  uscc: usccSchema.optional(),
  timezone: z.string().max(64),
  locale: z.enum(['zh-CN', 'en']),
  emailTracking: z.boolean().describe('record opens and clicks of mailings (off by default)'),
};

export const orgInput = z.object({
  ...orgFields,
  slug: orgSlug,
  timezone: orgFields.timezone.default('Asia/Shanghai'),
  locale: orgFields.locale.default('zh-CN'),
  emailTracking: orgFields.emailTracking.default(false),
});

export const setupInput = z.object({
  organization: orgInput,
  user: z.object({ name: personName, email: emailSchema, password: passwordSchema }),
});

export const signInInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export const orgSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  uscc: z.string().nullable(),
  timezone: z.string(),
  locale: z.string(),
  currency: z.string(),
  emailTracking: z.boolean(),
});

export const membershipSchema = z.object({ org: orgSchema, role: roleSchema });

export const sessionSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), locale: z.string() }),
  memberships: z.array(membershipSchema),
  csrfToken: z.string(),
});

export const setupStatus = z.object({ needsSetup: z.boolean() });

// From the fields without their defaults: zod applies a default even to an optional field left out, so
// renaming the organization would have reset its time zone and language.
export const orgUpdate = z.object(orgFields).partial();

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

export const invitationInput = z.object({ email: emailSchema, role: roleSchema });
export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  url: z.string().optional().describe('only in the answer that creates the invitation'),
});
export const invitationPreview = z.object({ orgName: z.string(), email: z.string(), role: roleSchema });
export const acceptInput = z.object({ name: personName, password: passwordSchema });

export const tokenInput = z.object({ name: z.string().trim().min(1).max(100), role: roleSchema });
export const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  token: z.string().optional().describe('the secret, shown once when the token is created'),
});

export type OrgInput = z.infer<typeof orgInput>;
export type SetupInput = z.infer<typeof setupInput>;
