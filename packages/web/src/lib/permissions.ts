import type { Role } from '../api/types';

// Mirrors packages/server/src/modules/platform/policies.ts, only to hide buttons a role cannot use.
// The server still decides.
export type Permission =
  | 'org:manage'
  | 'members:manage'
  | 'tokens:manage'
  | 'audit:read'
  | 'contacts:write'
  | 'contacts:delete'
  | 'contacts:merge'
  | 'contacts:import'
  | 'contacts:export'
  | 'consent:write'
  | 'gifts:write'
  | 'funds:write'
  | 'goods:write'
  | 'attachments:write'
  | 'segments:write';

const staff: Permission[] = ['contacts:write', 'consent:write', 'segments:write', 'contacts:export'];
const grants: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([
    ...staff,
    'org:manage',
    'members:manage',
    'tokens:manage',
    'audit:read',
    'contacts:delete',
    'contacts:merge',
    'contacts:import',
    'gifts:write',
    'funds:write',
    'goods:write',
    'attachments:write',
  ]),
  admin: new Set<Permission>([
    ...staff,
    'org:manage',
    'members:manage',
    'tokens:manage',
    'audit:read',
    'contacts:delete',
    'contacts:merge',
    'contacts:import',
    'gifts:write',
    'funds:write',
    'goods:write',
    'attachments:write',
  ]),
  fundraiser: new Set<Permission>([
    ...staff,
    'gifts:write',
    'funds:write',
    'attachments:write',
    'contacts:import',
    'contacts:merge',
  ]),
  coordinator: new Set<Permission>([...staff, 'goods:write', 'attachments:write']),
  viewer: new Set<Permission>(),
};

export const can = (role: Role, permission: Permission) => grants[role].has(permission);
