import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { currentActor, SESSION_COOKIE } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams, orgSlug } from '../../http/params.ts';
import { AppError } from '../../errors/app-error.ts';
import { presentInvitation, presentOrg, presentToken } from './present.ts';
import {
  acceptInput,
  invitationInput,
  invitationPreview,
  invitationSchema,
  memberSchema,
  orgInput,
  orgSchema,
  orgUpdate,
  roleSchema,
  sessionSchema,
  setupInput,
  setupStatus,
  signInInput,
  tokenInput,
  tokenSchema,
} from './schemas.ts';
import * as platform from './service.ts';
import { createSession, describeSession, type NewSession } from './sessions.ts';
import { sessions } from './tables.ts';
import type { AppDeps } from '../../http/deps.ts';

const ok = z.object({ ok: z.literal(true) });
const memberParams = z.object({ org: orgSlug, userId: z.uuid() });
const uuidParams = z.object({ org: orgSlug, id: z.uuid() });
const tokenParams = z.object({ token: z.string().min(10).max(200) });

function setSessionCookie(reply: FastifyReply, deps: AppDeps, session: NewSession) {
  reply.setCookie(SESSION_COOKIE, session.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.PUBLIC_URL.startsWith('https://'),
    path: '/',
    expires: session.expiresAt,
  });
}

export const platformRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const tags = ['platform'];
  const signIn = async (reply: FastifyReply, userId: string, meta: { ip: string; userAgent?: string }) => {
    const session = await createSession(deps.db, userId, deps.clock.now(), meta);
    setSessionCookie(reply, deps, session);
    return describeSession(deps.db, userId, session.csrfToken);
  };

  app.get(
    '/setup',
    { schema: { tags, summary: 'Whether first-run setup is still needed', response: { 200: setupStatus } } },
    async () => ({
      needsSetup: await platform.needsSetup(deps.db),
    }),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'First run: create the first organization and its owner',
        body: setupInput,
        response: { 201: sessionSchema },
      },
    },
    async (request, reply) => {
      const { user } = await platform.runSetup(deps.db, request.body);
      const body = await signIn(reply, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
      return reply.status(201).send(body);
    },
  );

  app.post(
    '/session',
    {
      schema: { tags, summary: 'Sign in', body: signInInput, response: { 200: sessionSchema } },
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          // After body parsing, so the key can include the email being tried.
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}:${String((request.body as { email?: unknown })?.email ?? '')}`,
          errorResponseBuilder: (_request, context) =>
            new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${Math.ceil(context.ttl / 1000)} s.`),
        },
      },
    },
    async (request, reply) => {
      const user = await platform.checkCredentials(deps.db, request.body.email, request.body.password);
      return signIn(reply, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
    },
  );

  app.get(
    '/session',
    { schema: { tags, summary: 'The signed-in user and their organizations', response: { 200: sessionSchema } } },
    async (request) => {
      const actor = await currentActor(request);
      if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'API tokens have no session');
      return describeSession(deps.db, actor.userId, actor.csrfToken);
    },
  );

  app.delete('/session', { schema: { tags, summary: 'Sign out', response: { 200: ok } } }, async (request, reply) => {
    const actor = await currentActor(request);
    if (actor.kind === 'user') await deps.db.delete(sessions).where(eq(sessions.idHash, actor.sessionHash));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post(
    '/orgs',
    {
      schema: {
        tags,
        summary: 'Create an organization; you become its owner',
        body: orgInput,
        response: { 201: orgSchema },
      },
    },
    async (request, reply) => {
      const actor = await currentActor(request);
      if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Sign in as a person to create an organization');
      const org = await platform.createOrganization(deps.db, actor.userId, request.body);
      return reply.status(201).send(presentOrg(org));
    },
  );

  app.get(
    '/orgs/:org',
    { schema: { tags, summary: 'An organization', params: orgParams, response: { 200: orgSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'org:read');
      return presentOrg(await platform.getOrganization(deps.db, ctx));
    },
  );

  app.patch(
    '/orgs/:org',
    {
      schema: {
        tags,
        summary: 'Change organization settings',
        params: orgParams,
        body: orgUpdate,
        response: { 200: orgSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      return presentOrg(await platform.updateOrganization(deps.db, ctx, request.body));
    },
  );

  app.get(
    '/orgs/:org/members',
    { schema: { tags, summary: 'Staff and their roles', params: orgParams, response: { 200: z.array(memberSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'org:read');
      const rows = await platform.listMembers(deps.db, ctx);
      return rows.map((r) => ({
        userId: r.user.id,
        email: r.user.email,
        name: r.user.name,
        role: r.role,
        joinedAt: r.joinedAt.toISOString(),
        lastSignInAt: r.user.lastSignInAt?.toISOString() ?? null,
      }));
    },
  );

  app.patch(
    '/orgs/:org/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: memberParams,
        body: z.object({ role: roleSchema }),
        response: { 200: ok },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'members:manage');
      await platform.changeRole(deps.db, ctx, request.params.userId, request.body.role);
      return { ok: true as const };
    },
  );

  app.delete(
    '/orgs/:org/members/:userId',
    { schema: { tags, summary: 'Remove a member', params: memberParams, response: { 200: ok } } },
    async (request) => {
      const ctx = await authorize(request, 'members:manage');
      await platform.removeMember(deps.db, ctx, request.params.userId);
      return { ok: true as const };
    },
  );

  app.get(
    '/orgs/:org/invitations',
    {
      schema: { tags, summary: 'Pending invitations', params: orgParams, response: { 200: z.array(invitationSchema) } },
    },
    async (request) => {
      const ctx = await authorize(request, 'members:manage');
      return (await platform.listInvitations(deps.db, ctx)).map((i) => presentInvitation(i));
    },
  );

  app.post(
    '/orgs/:org/invitations',
    {
      schema: {
        tags,
        summary: 'Invite staff by link',
        params: orgParams,
        body: invitationInput,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'members:manage');
      const { invitation, token } = await platform.createInvitation(deps.db, ctx, request.body, deps.clock.now());
      const url = `${deps.config.PUBLIC_URL}/admin/invitation/${token}`;
      return reply.status(201).send(presentInvitation(invitation, url));
    },
  );

  app.delete(
    '/orgs/:org/invitations/:id',
    { schema: { tags, summary: 'Revoke an invitation', params: uuidParams, response: { 200: ok } } },
    async (request) => {
      const ctx = await authorize(request, 'members:manage');
      await platform.revokeInvitation(deps.db, ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers',
        params: tokenParams,
        response: { 200: invitationPreview },
      },
    },
    async (request) => platform.previewInvitation(deps.db, request.params.token, deps.clock.now()),
  );

  app.post(
    '/invitations/:token/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation and sign in',
        params: tokenParams,
        body: acceptInput,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const user = await platform.acceptInvitation(deps.db, request.params.token, request.body, deps.clock.now());
      return signIn(reply, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
    },
  );

  app.get(
    '/orgs/:org/tokens',
    { schema: { tags, summary: 'API tokens', params: orgParams, response: { 200: z.array(tokenSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'tokens:manage');
      return (await platform.listApiTokens(deps.db, ctx)).map((t) => presentToken(t));
    },
  );

  app.post(
    '/orgs/:org/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown once)',
        params: orgParams,
        body: tokenInput,
        response: { 201: tokenSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'tokens:manage');
      const { row, token } = await platform.createApiToken(deps.db, ctx, request.body);
      return reply.status(201).send(presentToken(row, token));
    },
  );

  app.delete(
    '/orgs/:org/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: uuidParams, response: { 200: ok } } },
    async (request) => {
      const ctx = await authorize(request, 'tokens:manage');
      await platform.revokeApiToken(deps.db, ctx, request.params.id);
      return { ok: true as const };
    },
  );
};
