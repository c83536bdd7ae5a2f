import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { tags } from '../contacts/tables.ts';
import { compileSegment, type CompileContext } from './compile.ts';
import { parseDefinition, type SegmentNode } from './definition.ts';
import {
  contactSummaries,
  countContacts,
  pageContactIds,
  segmentsRepo,
  type ContactQuery,
  type Keyset,
  type SegmentRow,
  type SortDir,
} from './repo.ts';
import type { ContactFilters, PageParams } from './schemas.ts';
import { searchBranches } from './search.ts';

export interface SegmentDeps {
  db: Db;
  clock: Clock;
}

export const compileContext = (ctx: OrgContext, clock: Clock): CompileContext => ({
  orgId: ctx.org.id,
  timezone: ctx.org.timezone,
  now: clock.now(),
});

/** The list filters as segment conditions, so that both go through one compiler. */
export function filtersAsSegment(f: ContactFilters): SegmentNode {
  const all: SegmentNode[] = [];
  if (f.province) all.push({ field: 'province', op: 'in', values: [f.province] });
  if (f.city) all.push({ field: 'city', op: 'in', values: [f.city] });
  if (f.district) all.push({ field: 'district', op: 'in', values: [f.district] });
  if (f.category) all.push({ field: 'category', op: 'in', values: [f.category] });
  if (f.kind) all.push({ field: 'kind', op: 'is', value: f.kind });
  for (const tag of f.tag ?? []) all.push({ field: 'tag', op: 'has', tag });
  if (f.hasGifts !== undefined) all.push({ field: 'gifts', op: f.hasGifts ? 'gave' : 'didNotGive' });
  if (f.consent) {
    all.push({
      field: 'consent',
      op: 'granted',
      channel: f.consent,
      ...(f.consentPurpose ? { purpose: f.consentPurpose } : {}),
    });
  }
  return { all };
}

/** The SQL for "contacts matching these filters (and this segment)". */
export function contactQuery(cctx: CompileContext, filters: ContactFilters, segment?: SegmentNode): ContactQuery {
  const parts: SQL[] = [compileSegment(filtersAsSegment(filters), cctx)];
  if (segment) parts.push(compileSegment(segment, cctx));
  return { where: sql.join(parts, sql` and `), branches: searchBranches(filters.q ?? '') };
}

interface Cursor {
  s: string;
  d: SortDir;
  v: string;
  i: number;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(raw: string, sort: string, dir: SortDir): Keyset {
  const invalid = () =>
    new AppError('VALIDATION_FAILED', 'This cursor is not valid for this list', [
      { path: 'query.cursor', message: 'not a cursor from this list and sort order' },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const c = parsed as Partial<Cursor>;
  if (c?.s !== sort || c.d !== dir || typeof c.v !== 'string' || !Number.isSafeInteger(c.i)) throw invalid();
  if (sort !== 'name' && c.v !== '-infinity' && Number.isNaN(Date.parse(c.v))) throw invalid();
  return { value: c.v, id: c.i as number };
}

/** One page of contact summaries, in a stable order, with the cursor of the next page. */
export async function pageContacts(db: Db, ctx: OrgContext, query: ContactQuery, page: PageParams) {
  const dir: SortDir = page.dir ?? (page.sort === 'name' ? 'asc' : 'desc');
  const after = page.cursor ? decodeCursor(page.cursor, page.sort, dir) : undefined;
  const rows = await pageContactIds(db, ctx.org.id, query, { sort: page.sort, dir, after, limit: page.limit + 1 });
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor({ s: page.sort, d: dir, v: last.cursor, i: last.id }) : null;
  const items = await contactSummaries(
    db,
    ctx.org.id,
    pageRows.map((r) => r.id),
  );
  return { items, nextCursor };
}

/** GET /contacts: the list is not a read of anyone's details, so it is not audited per row. */
export async function listContacts(deps: SegmentDeps, ctx: OrgContext, filters: ContactFilters, page: PageParams) {
  return pageContacts(deps.db, ctx, contactQuery(compileContext(ctx, deps.clock), filters), page);
}

export async function countMatching(
  deps: SegmentDeps,
  ctx: OrgContext,
  filters: ContactFilters,
  segment?: SegmentNode,
) {
  return countContacts(deps.db, ctx.org.id, contactQuery(compileContext(ctx, deps.clock), filters, segment));
}

/** A segment of this organization; 404 for another organization's id. */
export async function getSegment(db: Db, ctx: OrgContext, id: number): Promise<SegmentRow> {
  const row = await segmentsRepo.find(db, ctx.org.id, id);
  if (!row) throw notFound('Segment');
  return row;
}

/** The stored definition, checked again: a definition saved by an older version may no longer parse. */
export const segmentDefinition = (row: SegmentRow) => parseDefinition(row.definition);

function tagRefs(node: SegmentNode, path: string): { tag: number | string; path: string }[] {
  if ('all' in node) return node.all.flatMap((n, i) => tagRefs(n, `${path}.all.${i}`));
  if ('any' in node) return node.any.flatMap((n, i) => tagRefs(n, `${path}.any.${i}`));
  if ('not' in node) return tagRefs(node.not, `${path}.not`);
  return node.field === 'tag' ? [{ tag: node.tag, path: `${path}.tag` }] : [];
}

/** Parses a definition and checks that the tags it names exist in this organization. */
export async function checkDefinition(db: Db, ctx: OrgContext, input: unknown): Promise<SegmentNode> {
  const node = parseDefinition(input);
  const refs = tagRefs(node, 'definition');
  if (refs.length === 0) return node;
  const ids = refs.flatMap((r) => (typeof r.tag === 'number' ? [r.tag] : []));
  const names = refs.flatMap((r) => (typeof r.tag === 'string' ? [r.tag] : []));
  const found = await db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(
      and(
        eq(tags.orgId, ctx.org.id),
        sql`(${ids.length ? inArray(tags.id, ids) : sql`false`} or ${names.length ? inArray(tags.name, names) : sql`false`})`,
      ),
    );
  const missing = refs.filter(
    (r) => !found.some((t) => (typeof r.tag === 'number' ? t.id === r.tag : t.name === r.tag)),
  );
  if (missing.length > 0) {
    throw new AppError(
      'SEGMENT_INVALID',
      'The segment names a tag that does not exist',
      missing.map((m) => ({ path: m.path, message: `no tag ${JSON.stringify(m.tag)}` })),
    );
  }
  return node;
}

async function assertNameFree(db: Db, ctx: OrgContext, name: string, exceptId?: number) {
  const existing = await segmentsRepo.findByName(db, ctx.org.id, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('CONFLICT', `A segment named "${name}" already exists`, [
      { path: 'body.name', message: 'already used' },
    ]);
  }
}

export interface SegmentInput {
  name: string;
  description?: string | null;
  definition: unknown;
}

export async function createSegment(db: Db, ctx: OrgContext, input: SegmentInput): Promise<SegmentRow> {
  const definition = await checkDefinition(db, ctx, input.definition);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, ctx, input.name);
    const row = await segmentsRepo.insert(tx, ctx.org.id, {
      name: input.name,
      description: input.description ?? null,
      definition: definition as Record<string, unknown>,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    await recordAudit(tx, ctx, {
      action: 'segment.create',
      subjectType: 'segment',
      subjectId: row.id,
      data: { name: row.name, definition },
    });
    return row;
  });
}

export async function updateSegment(
  db: Db,
  ctx: OrgContext,
  id: number,
  patch: Partial<SegmentInput>,
): Promise<SegmentRow> {
  const definition = patch.definition === undefined ? undefined : await checkDefinition(db, ctx, patch.definition);
  return db.transaction(async (tx) => {
    const before = await getSegment(tx, ctx, id);
    if (patch.name !== undefined) await assertNameFree(tx, ctx, patch.name, id);
    const row = await segmentsRepo.update(tx, ctx.org.id, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(definition ? { definition: definition as Record<string, unknown> } : {}),
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, {
      action: 'segment.update',
      subjectType: 'segment',
      subjectId: id,
      data: {
        before: { name: before.name, description: before.description, definition: before.definition },
        after: patch,
      },
    });
    return row!;
  });
}

export async function deleteSegment(db: Db, ctx: OrgContext, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSegment(tx, ctx, id);
    await segmentsRepo.remove(tx, ctx.org.id, id);
    await recordAudit(tx, ctx, {
      action: 'segment.delete',
      subjectType: 'segment',
      subjectId: id,
      data: { name: before.name, definition: before.definition },
    });
  });
}

export const listSegments = (db: Db, ctx: OrgContext) => segmentsRepo.list(db, ctx.org.id);

/** A segment's contacts, with the list's filters and pages on top. */
export async function segmentContacts(
  deps: SegmentDeps,
  ctx: OrgContext,
  id: number,
  filters: ContactFilters,
  page: PageParams,
) {
  const segment = segmentDefinition(await getSegment(deps.db, ctx, id));
  return pageContacts(deps.db, ctx, contactQuery(compileContext(ctx, deps.clock), filters, segment), page);
}
