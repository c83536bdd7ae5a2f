import type { FastifyRequest } from 'fastify';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { AppError } from '../errors/app-error.ts';
import { apiTokens, sessions, users } from '../modules/platform/tables.ts';
import { sha256 } from '../modules/platform/secrets.ts';
import type { Role } from '../modules/platform/policies.ts';

export const SESSION_COOKIE = 'cw_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; sessionHash: string; csrfToken: string; ip: string }
  | { kind: 'token'; tokenId: string; orgId: string; role: Role; name: string; ip: string };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function actorFromToken(request: FastifyRequest, token: string): Promise<Actor> {
  const { db, clock } = request.server.deps;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) throw new AppError('UNAUTHENTICATED', 'This API token is not valid or has been revoked');
  await db.update(apiTokens).set({ lastUsedAt: clock.now() }).where(eq(apiTokens.id, row.id));
  return { kind: 'token', tokenId: row.id, orgId: row.orgId, role: row.role, name: row.name, ip: request.ip };
}

async function actorFromSession(request: FastifyRequest, cookie: string): Promise<Actor> {
  const { db, clock } = request.server.deps;
  const [row] = await db
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sha256(cookie)), gt(sessions.expiresAt, clock.now())));
  if (!row) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  // Cookies ride along on cross-site requests; a state change must also prove it read the token.
  if (!safeMethods.has(request.method) && request.headers[CSRF_HEADER] !== row.session.csrfToken) {
    throw new AppError('CSRF_FAILED', 'The request is missing its CSRF token. Reload the page and try again.');
  }
  return {
    kind: 'user',
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    sessionHash: row.session.idHash,
    csrfToken: row.session.csrfToken,
    ip: request.ip,
  };
}

const cache = new WeakMap<FastifyRequest, Actor>();

/** The signed-in user or API token behind a request; 401 when there is none. */
export async function currentActor(request: FastifyRequest): Promise<Actor> {
  const cached = cache.get(request);
  if (cached) return cached;
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = request.cookies[SESSION_COOKIE];
  if (!bearer && !cookie) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  const actor = bearer ? await actorFromToken(request, bearer) : await actorFromSession(request, cookie!);
  cache.set(request, actor);
  return actor;
}

export const actorLabel = (actor: Actor) => (actor.kind === 'user' ? actor.email : `token:${actor.name}`);
