import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema.ts';
import { sqlColumns, type SqlColumn } from './bulk.ts';

/** How one organization-scoped table is copied into a backup and back. */
export interface OrgTable {
  name: string;
  columns: SqlColumn[];
  /** An identity key that is given new values on restore (the table's own id, referenced by nothing). */
  renumbered: string | null;
  /** Primary-key columns: the order rows are written in. */
  orderBy: string[];
  /** uuid columns holding a users.id: carried over by the user's email, or null when unknown. */
  userColumns: string[];
  /** Columns pointing at things a backup leaves out (API tokens): null after a restore. */
  clearColumns: string[];
  /** Present when the table holds money: sums per currency are checked after a restore. */
  money?: { amount: string; currency: string };
  /** Organization tables this one has foreign keys to: they are restored first. */
  dependsOn: string[];
}

/** Tables that belong to an organization but are left out of a backup, and why. */
export const excludedTables: Record<string, string> = {
  invitations: 'invitation links are secrets; invite staff again after a restore',
  api_tokens: 'API tokens are secrets; create new ones after a restore',
  contact_gift_years: 'derived from gifts by triggers; restoring the gifts rebuilds it',
  fundraising_partnerships: 'a joint-fundraising agreement joins two organizations; agree it again after a restore',
  ledger_leaves: "the instance's log; a restored organization's entries are logged again, as new leaves",
  ledger_pending: "the integrator's queue; restoring the outbox rows queues them again",
  send_leases: 'which sender holds a send in progress, for minutes; a restored send is taken up by a sender again',
};

/** The organization row and its memberships (by email and role) are written by hand. */
const handledByHand = new Set(['organizations', 'memberships']);

// uuid columns without a foreign key that still hold a users.id, by naming convention:
// actor_user_id, author_user_id, recorded_by, reviewed_by, merged_by, requested_by, …
const userColumnName = /(^|_)(user_id|by)$/;
const tokenColumnName = /(^|_)token_id$/;
/** uuid columns that point at rows of the same organization, which keep their ids. */
const sameOrgUuidColumns = new Set(['duplicate_candidates.last_scan_id']);

export class UnknownTableError extends Error {}

const allTables = (): PgTable[] => (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

/**
 * Every organization-scoped table in db/schema.ts, in an order that satisfies foreign keys. Rows
 * keep their ids where the key includes org_id: a copy under a new organization cannot collide with
 * the original, and ids held in JSON and text (merge undo data, timeline entries, audit subjects,
 * the ledger) stay true. Tables keyed by their own identity alone are renumbered. A table this cannot copy faithfully throws, so a new table is never silently dropped.
 */
export function orgTables(tables: PgTable[] = allTables()): OrgTable[] {
  const configs = tables.map((t) => getTableConfig(t));
  const names = new Set(configs.map((c) => c.name));
  const isOrgScoped = (c: (typeof configs)[number]) =>
    c.columns.some((col) => col.name === 'orgId') ||
    c.foreignKeys.some((fk) => getTableConfig(fk.reference().foreignTable).name === 'organizations');
  const orgNames = new Set(configs.filter(isOrgScoped).map((c) => c.name));
  const referenced = new Set(
    configs.flatMap((c) => c.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name)),
  );
  const plans: OrgTable[] = [];
  for (const [i, config] of configs.entries()) {
    const name = config.name;
    if (!orgNames.has(name) || handledByHand.has(name) || name in excludedTables) continue;
    const fail = (why: string): never => {
      throw new UnknownTableError(
        `Backup does not know how to copy table ${name}: ${why}. Teach modules/backup/catalog.ts about it.`,
      );
    };
    const columns = sqlColumns(tables[i]!);
    const orgColumn = columns.find((c) => c.key === 'orgId');
    if (!orgColumn || orgColumn.name !== 'org_id')
      fail('it refers to organizations through a column other than org_id');
    const pk =
      config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    // A key of its own identity alone (audit_events) cannot be kept beside the original: such rows
    // are numbered afresh, in their original order, as long as nothing refers to them.
    const identity = columns.find((c) => c.identity);
    const renumber =
      !pk.includes('orgId') && pk.length === 1 && identity && identity.key === pk[0] ? identity.name : undefined;
    if (renumber && referenced.has(name)) fail(`rows are numbered afresh on restore, but other tables refer to them`);
    if (!pk.includes('orgId') && !renumber)
      fail('its primary key does not include org_id, so a restored copy would collide with the original');
    const userColumns: string[] = [];
    const clearColumns: string[] = [];
    const dependsOn = new Set<string>();
    const fkTarget = new Map<string, string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      for (const col of ref.columns) if (col.name !== 'orgId') fkTarget.set(col.name, target);
      if (orgNames.has(target) && target !== 'organizations' && target !== name) dependsOn.add(target);
    }
    for (const col of columns) {
      if (col.key === 'orgId' || pk.includes(col.key)) continue;
      const target = fkTarget.get(col.key);
      if (target === 'users') userColumns.push(col.name);
      else if (target && target in excludedTables) clearColumns.push(col.name);
      // Another organization (a joint-fundraising partner) is not in this organization's backup.
      else if (target === 'organizations') clearColumns.push(col.name);
      else if (target && !orgNames.has(target)) fail(`column ${col.name} refers to ${target}, which is not copied`);
      else if (target) continue;
      else if (col.sqlType !== 'uuid' || sameOrgUuidColumns.has(`${name}.${col.name}`)) continue;
      else if (tokenColumnName.test(col.name)) clearColumns.push(col.name);
      else if (userColumnName.test(col.name)) userColumns.push(col.name);
      else fail(`uuid column ${col.name} is neither a user, a token nor a row of the same organization`);
    }
    const byKey = new Map(columns.map((c) => [c.key, c.name]));
    const amount = columns.find((c) => c.name === 'amount');
    const currency = columns.find((c) => c.name === 'currency');
    plans.push({
      name,
      columns: columns.filter((c) => !c.computed && c.name !== renumber),
      renumbered: renumber ?? null,
      orderBy: pk.map((k) => byKey.get(k)!),
      userColumns,
      clearColumns,
      money: amount && currency ? { amount: amount.name, currency: currency.name } : undefined,
      dependsOn: [...dependsOn],
    });
  }
  return topologicalOrder(plans, names);
}

function topologicalOrder(plans: OrgTable[], known: Set<string>): OrgTable[] {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const ordered: OrgTable[] = [];
  const visiting = new Set<string>();
  const visit = (plan: OrgTable) => {
    if (ordered.includes(plan)) return;
    if (visiting.has(plan.name)) throw new UnknownTableError(`Foreign keys form a cycle through ${plan.name}`);
    visiting.add(plan.name);
    for (const dep of plan.dependsOn) if (known.has(dep) && byName.has(dep)) visit(byName.get(dep)!);
    visiting.delete(plan.name);
    ordered.push(plan);
  };
  // Alphabetical first, so the order does not depend on how schema.ts happens to list tables.
  for (const plan of [...plans].sort((a, b) => a.name.localeCompare(b.name))) visit(plan);
  return ordered;
}
