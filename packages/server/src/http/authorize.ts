import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../errors/app-error.ts';
import { can, type Permission, type Role } from '../modules/platform/policies.ts';
import { memberships, organizations } from '../modules/platform/tables.ts';
import { currentActor, type Actor } from './actor.ts';

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
}

/** Who is acting, in which organization, with which role. Every service call receives one. */
export interface OrgContext {
  org: OrgRef;
  actor: Actor;
  role: Role;
}

const orgNotFound = () => new AppError('NOT_FOUND', 'Organization was not found');

/**
 * Resolves `:org` for the caller and checks the permission. An organization the caller does not
 * belong to answers 404, exactly like one that does not exist.
 */
export async function authorize(request: FastifyRequest, permission: Permission): Promise<OrgContext> {
  const actor = await currentActor(request);
  const slug = (request.params as { org?: string }).org;
  if (!slug) throw new Error('authorize() used on a route without :org');
  const { db } = request.server.deps;
  const [org] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
      currency: organizations.currency,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!org) throw orgNotFound();
  let role: Role;
  if (actor.kind === 'token') {
    if (actor.orgId !== org.id) throw orgNotFound();
    role = actor.role;
  } else {
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, actor.userId)));
    if (!membership) throw orgNotFound();
    role = membership.role;
  }
  if (!can(role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${role}) does not allow this (${permission})`);
  }
  return { org, actor, role };
}
