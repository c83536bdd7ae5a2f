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
  await recordAudits(db, ctx, [entry]);
}

/** Several audit events by one actor, in one statement. */
export async function recordAudits(db: Db, ctx: OrgContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const events = entries.map((entry) => ({
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId == null ? null : String(entry.subjectId),
    data: entry.data ?? {},
  }));
  // The events as one JSON parameter: building values row by row costs the process far more on the
  // paths that write several at once (a batch of gifts writes five per gift).
  await db.execute(sql`
    insert into ${auditEvents} (org_id, actor_user_id, actor_token_id, actor_label, ip, action, subject_type, subject_id, data)
    select ${ctx.org.id}, ${ctx.actor.kind === 'user' ? ctx.actor.userId : null}::uuid,
      ${ctx.actor.kind === 'token' ? ctx.actor.tokenId : null}::uuid, ${actorLabel(ctx.actor)}, ${ctx.actor.ip},
      e.action, e.subject_type, e.subject_id, e.data
    from json_to_recordset(${JSON.stringify(events)}::json) as e(action text, subject_type text, subject_id text, data jsonb)`);
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
