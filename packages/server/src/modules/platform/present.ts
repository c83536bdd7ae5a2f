import type { apiTokens, invitations, organizations } from './tables.ts';

type OrgRow = typeof organizations.$inferSelect;

export const presentOrg = (o: OrgRow) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  uscc: o.uscc,
  timezone: o.timezone,
  locale: o.locale,
  currency: o.currency,
  emailTracking: o.emailTracking,
});

export const presentInvitation = (i: typeof invitations.$inferSelect, url?: string) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  acceptedAt: i.acceptedAt?.toISOString() ?? null,
  ...(url ? { url } : {}),
});

export const presentToken = (t: typeof apiTokens.$inferSelect, token?: string) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  ...(token ? { token } : {}),
});
