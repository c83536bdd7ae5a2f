import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actorLabel } from '../../http/actor.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { auditEvents } from './tables.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  data?: Record<string, unknown>;
}

/** Records who did what; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, ctx: OrgContext, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    orgId: ctx.org.id,
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    actorTokenId: ctx.actor.kind === 'token' ? ctx.actor.tokenId : null,
    actorLabel: actorLabel(ctx.actor),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    data: entry.data ?? {},
    ip: ctx.actor.ip,
  });
}

/** The fields of `after` whose values differ from `before`, as { field: { before, after } }. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { before: before[key], after: value };
  }
  return changes;
}

/**
 * Erasure: the audit trail keeps who did what and when to a subject, but drops the old and new values,
 * which may quote the erased person's details. The names of the changed fields stay.
 */
export async function redactAuditData(db: Db, orgId: string, subjectType: string, subjectId: string | number) {
  await db.execute(sql`
    update ${auditEvents} set data = jsonb_build_object('redacted', true,
      'fields', coalesce((select jsonb_agg(k) from jsonb_object_keys(data) k), '[]'::jsonb))
    where org_id = ${orgId} and subject_type = ${subjectType} and subject_id = ${String(subjectId)}
      and data <> '{}'::jsonb`);
}
