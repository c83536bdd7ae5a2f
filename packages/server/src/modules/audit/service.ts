import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertLater, type JsonInsert } from '../../db/later-inserts.ts';
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

// The events as one JSON parameter: building values row by row costs the process far more on the
// paths that write several at once (a batch of gifts writes five per gift).
const insertEvents: JsonInsert = (rowsJson) => sql`
  insert into ${auditEvents} (org_id, actor_user_id, actor_token_id, actor_label, ip, action, subject_type, subject_id, data)
  select e.org_id, e.actor_user_id, e.actor_token_id, e.actor_label, e.ip, e.action, e.subject_type, e.subject_id, e.data
  from json_to_recordset(${rowsJson}::json) as e(org_id uuid, actor_user_id uuid, actor_token_id uuid, actor_label text,
    ip text, action text, subject_type text, subject_id text, data jsonb)`;

/** Several audit events by one actor, in one statement (or with the transaction's other log rows: later-inserts.ts). */
export async function recordAudits(db: Db, ctx: OrgContext, entries: readonly AuditEntry[]): Promise<void> {
  const { actor } = ctx;
  const by = {
    org_id: ctx.org.id,
    actor_user_id: actor.kind === 'user' ? actor.userId : null,
    actor_token_id: actor.kind === 'token' ? actor.tokenId : null,
    actor_label: actorLabel(actor),
    ip: actor.ip,
  };
  await insertLater(
    db,
    insertEvents,
    entries.map((entry) => ({
      ...by,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      data: entry.data ?? {},
    })),
  );
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
