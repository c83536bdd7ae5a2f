import { createContext, useContext } from 'react';
import type { Org, Role } from '../api/types';
import { can, type Permission } from './permissions';

export interface OrgScope {
  org: Org;
  role: Role;
  /** `/orgs/<slug>` + path, for API calls. */
  path(path?: string): string;
  can(permission: Permission): boolean;
}

export const OrgContext = createContext<OrgScope | null>(null);

/** The organization the page is about, with the signed-in user's role in it. */
export function useOrg(): OrgScope {
  const scope = useContext(OrgContext);
  if (!scope) throw new Error('useOrg outside an organization route');
  return scope;
}

export function orgScope(org: Org, role: Role): OrgScope {
  return {
    org,
    role,
    path: (path = '') => `/orgs/${encodeURIComponent(org.slug)}${path}`,
    can: (permission) => can(role, permission),
  };
}
