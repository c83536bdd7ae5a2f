// Response shapes of the platform and audit routes (packages/server/src/modules/platform/schemas.ts,
// modules/audit/schemas.ts). Keep in step with the server's zod schemas.

import type { roles } from './enums';

export { roles } from './enums';
export type Role = (typeof roles)[number];

export interface Org {
  id: string;
  slug: string;
  name: string;
  uscc: string | null;
  timezone: string;
  locale: string;
  currency: string;
  /** Mailings record opens and clicks (off by default). */
  emailTracking: boolean;
}

export interface Session {
  user: { id: string; email: string; name: string; locale: string };
  memberships: { org: Org; role: Role }[];
  csrfToken: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
  lastSignInAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  acceptedAt: string | null;
  url?: string;
}

export interface InvitationPreview {
  orgName: string;
  email: string;
  role: Role;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: number | null;
}

export interface Ok {
  ok: true;
}
