import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { canAssignRole, type Role } from './policies.ts';
import { DUMMY_HASH, hashPassword, newToken, sha256, verifyPassword } from './secrets.ts';
import { apiTokens, invitations, memberships, organizations, users } from './tables.ts';
import type { OrgInput, SetupInput } from './schemas.ts';
import { z } from 'zod';
import type { orgUpdate } from './schemas.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const INVITATION_DAYS = 7;

export async function needsSetup(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

async function insertOrg(db: Db, input: OrgInput) {
  try {
    const [org] = await db.insert(organizations).values(input).returning();
    return org!;
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new AppError('SLUG_TAKEN', 'This address is already used by another organization', [
        { path: 'slug', message: 'already taken' },
      ]);
    }
    throw error;
  }
}

async function insertUser(db: Db, input: { name: string; email: string; password: string; locale?: string }) {
  try {
    const [user] = await db
      .insert(users)
      .values({
        name: input.name,
        email: input.email,
        passwordHash: await hashPassword(input.password),
        locale: input.locale,
      })
      .returning();
    return user!;
  } catch (error) {
    if (isUniqueViolation(error, 'email')) {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists; sign in instead', [
        { path: 'email', message: 'already registered' },
      ]);
    }
    throw error;
  }
}

/** First run: the first organization and its owner. Refused once any user exists. */
export async function runSetup(db: Db, input: SetupInput) {
  return db.transaction(async (tx) => {
    // Serialize concurrent setups so only one can win.
    await tx.execute(sql`select pg_advisory_xact_lock(7461001)`);
    if (!(await needsSetup(tx))) throw new AppError('SETUP_ALREADY_DONE', 'Commonweal is already set up; sign in');
    const org = await insertOrg(tx, input.organization);
    const user = await insertUser(tx, { ...input.user, locale: input.organization.locale });
    await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: 'owner' });
    return { org, user };
  });
}

/** Checks email and password; the same work is done for unknown emails, so timing reveals nothing. */
export async function checkCredentials(db: Db, email: string, password: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'The email or password is not correct');
  return user;
}

/** A signed-in user creates another organization and becomes its owner. */
export async function createOrganization(db: Db, userId: string, input: OrgInput) {
  return db.transaction(async (tx) => {
    const org = await insertOrg(tx, input);
    await tx.insert(memberships).values({ orgId: org.id, userId, role: 'owner' });
    return org;
  });
}

export async function getOrganization(db: Db, ctx: OrgContext) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, ctx.org.id));
  return org!;
}

export async function updateOrganization(db: Db, ctx: OrgContext, input: z.infer<typeof orgUpdate>) {
  return db.transaction(async (tx) => {
    const before = await getOrganization(tx, ctx);
    const [after] = await tx.update(organizations).set(input).where(eq(organizations.id, ctx.org.id)).returning();
    await recordAudit(tx, ctx, {
      action: 'org.update',
      subjectType: 'organization',
      subjectId: ctx.org.id,
      data: diffFields(before, input),
    });
    return after!;
  });
}

export async function listMembers(db: Db, ctx: OrgContext) {
  return db
    .select({ user: users, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, ctx.org.id))
    .orderBy(users.name);
}

async function assertNotLastOwner(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner'), ne(memberships.userId, userId)));
  if ((row?.n ?? 0) === 0) {
    throw new AppError('LAST_OWNER', 'An organization needs at least one owner; appoint another owner first');
  }
}

async function findMembership(db: Db, orgId: string, userId: string) {
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for('update');
  if (!m) throw notFound('Member');
  return m;
}

export async function changeRole(db: Db, ctx: OrgContext, userId: string, role: Role) {
  return db.transaction(async (tx) => {
    const member = await findMembership(tx, ctx.org.id, userId);
    if (!canAssignRole(ctx.role, role) || !canAssignRole(ctx.role, member.role)) {
      throw new AppError('FORBIDDEN', 'Only owners can appoint or change owners');
    }
    if (member.role === 'owner' && role !== 'owner') await assertNotLastOwner(tx, ctx.org.id, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)));
    await recordAudit(tx, ctx, {
      action: 'member.role',
      subjectType: 'user',
      subjectId: userId,
      data: { role: { before: member.role, after: role } },
    });
  });
}

export async function removeMember(db: Db, ctx: OrgContext, userId: string) {
  return db.transaction(async (tx) => {
    const member = await findMembership(tx, ctx.org.id, userId);
    if (!canAssignRole(ctx.role, member.role)) throw new AppError('FORBIDDEN', 'Only owners can remove owners');
    if (member.role === 'owner') await assertNotLastOwner(tx, ctx.org.id, userId);
    await tx.delete(memberships).where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)));
    await recordAudit(tx, ctx, { action: 'member.remove', subjectType: 'user', subjectId: userId });
  });
}

export async function createInvitation(db: Db, ctx: OrgContext, input: { email: string; role: Role }, now: Date) {
  if (!canAssignRole(ctx.role, input.role)) throw new AppError('FORBIDDEN', 'Only owners can invite owners');
  const token = newToken('cwi');
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(invitations)
      .values({
        orgId: ctx.org.id,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'invitation.create',
      subjectType: 'invitation',
      subjectId: invitation!.id,
      data: { email: input.email, role: input.role },
    });
    return { invitation: invitation!, token };
  });
}

export const listInvitations = (db: Db, ctx: OrgContext) =>
  db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, ctx.org.id), isNull(invitations.revokedAt), isNull(invitations.acceptedAt)))
    .orderBy(invitations.createdAt);

export async function revokeInvitation(db: Db, ctx: OrgContext, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.orgId, ctx.org.id), eq(invitations.id, id)))
      .returning();
    if (!row) throw notFound('Invitation');
    await recordAudit(tx, ctx, { action: 'invitation.revoke', subjectType: 'invitation', subjectId: id });
  });
}

async function openInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ invitation: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, sha256(token)));
  const usable = row && !row.invitation.acceptedAt && !row.invitation.revokedAt && row.invitation.expiresAt > now;
  if (!usable) {
    throw new AppError('INVITATION_INVALID', 'This invitation has expired or was already used; ask for a new one');
  }
  return row;
}

export async function previewInvitation(db: Db, token: string, now: Date) {
  const { invitation, orgName } = await openInvitation(db, token, now);
  return { orgName, email: invitation.email, role: invitation.role };
}

/**
 * Accepts an invitation: the invited email's account joins the organization, created here with the
 * given name and password when it does not exist yet.
 */
export async function acceptInvitation(db: Db, token: string, input: { name: string; password: string }, now: Date) {
  return db.transaction(async (tx) => {
    const { invitation } = await openInvitation(tx, token, now);
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning();
    if (!claimed) throw new AppError('INVITATION_INVALID', 'This invitation was already used');
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${invitation.email}`);
    const user = existing
      ? await checkCredentials(tx, invitation.email, input.password)
      : await insertUser(tx, { name: input.name, email: invitation.email, password: input.password });
    await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    return user;
  });
}

export async function createApiToken(db: Db, ctx: OrgContext, input: { name: string; role: Role }) {
  if (!canAssignRole(ctx.role, input.role)) throw new AppError('FORBIDDEN', 'Only owners can create owner tokens');
  const token = newToken('cwt');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        orgId: ctx.org.id,
        name: input.name,
        role: input.role,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'token.create',
      subjectType: 'api_token',
      subjectId: row!.id,
      data: { name: input.name, role: input.role },
    });
    return { row: row!, token };
  });
}

export const listApiTokens = (db: Db, ctx: OrgContext) =>
  db.select().from(apiTokens).where(eq(apiTokens.orgId, ctx.org.id)).orderBy(apiTokens.createdAt);

export async function revokeApiToken(db: Db, ctx: OrgContext, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.orgId, ctx.org.id), eq(apiTokens.id, id)))
      .returning();
    if (!row) throw notFound('API token');
    await recordAudit(tx, ctx, { action: 'token.revoke', subjectType: 'api_token', subjectId: id });
  });
}
