// Dependency-free (type imports only): the console imports it to hide what a role cannot use.
import type { roles } from './enums.ts';

export type Role = (typeof roles)[number];

export const permissions = [
  'org:read',
  'org:manage',
  'members:manage',
  'tokens:manage',
  'audit:read',
  'contacts:read',
  'contacts:write',
  'contacts:delete',
  'contacts:merge',
  'contacts:import',
  'contacts:export',
  'consent:write',
  'gifts:read',
  'gifts:write',
  'funds:read',
  'funds:write',
  'campaigns:write',
  'campaigns:review',
  'goods:write',
  'attachments:write',
  'segments:write',
  'forms:read',
  'forms:write',
  'email:read',
  'email:write',
  'email:send',
  'sms:read',
  'sms:write',
  'sms:send',
  'sms:manage',
  'volunteers:read',
  'volunteers:write',
  'reports:read',
  'backup:run',
] as const;
export type Permission = (typeof permissions)[number];

const readOnly: Permission[] = [
  'org:read',
  'contacts:read',
  'gifts:read',
  'reports:read',
  'funds:read',
  'forms:read',
  'email:read',
  'sms:read',
  'volunteers:read',
];
const staff: Permission[] = [
  ...readOnly,
  'contacts:write',
  'consent:write',
  'segments:write',
  'contacts:export',
  'forms:write',
  'email:write',
  'sms:write',
  'volunteers:write',
];

/** What each role may do. Policies live here and only here. */
const grants: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(permissions),
  admin: new Set(permissions.filter((p) => p !== 'backup:run')),
  // Fundraisers record money (gifts, allocations, expenses, transfers, refunds) and write campaigns,
  // which an admin or owner reviews before they go live; coordinators record goods and deliveries.
  fundraiser: new Set([
    ...staff,
    'gifts:write',
    'funds:write',
    'campaigns:write',
    'attachments:write',
    'contacts:import',
    'contacts:merge',
    'email:send',
    'sms:send',
  ]),
  coordinator: new Set([...staff, 'goods:write', 'attachments:write']),
  viewer: new Set(readOnly),
};

export const can = (role: Role, permission: Permission): boolean => grants[role].has(permission);

/** Only owners may appoint owners; admins manage everyone else. */
export const canAssignRole = (actorRole: Role, target: Role): boolean =>
  actorRole === 'owner' || (actorRole === 'admin' && target !== 'owner');
