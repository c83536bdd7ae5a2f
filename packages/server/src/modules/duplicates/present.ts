import type { listCandidates } from './candidates.ts';
import { countsOf, mergeFields, type MergeChoices, type MergeRecord } from './merge.ts';
import type { Reason } from './scoring.ts';
import type { Scan } from './scans.ts';

type QueuePage = Awaited<ReturnType<typeof listCandidates>>;
type CandidateItem = QueuePage['items'][number];
type SideRow = CandidateItem['a'];

const columnOrder: string[] = Object.values(mergeFields).flat();

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentScan = (s: Scan) => ({
  id: s.id,
  jobId: s.jobId,
  status: s.status,
  pairsFound: s.pairsFound,
  durationMs: s.stats.durationMs ?? null,
  error: s.error,
  createdAt: s.createdAt.toISOString(),
  startedAt: iso(s.startedAt),
  finishedAt: iso(s.finishedAt),
});

const presentSide = (c: SideRow) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  gender: c.gender,
  phone: c.phone,
  email: c.email,
  wechatId: c.wechatId,
  provinceCode: c.provinceCode,
  cityCode: c.cityCode,
  districtCode: c.districtCode,
  address: c.address,
  category: c.category,
  source: c.source,
  createdAt: c.createdAt.toISOString(),
  giftCount: c.giftCount,
});

export const presentCandidate = (c: CandidateItem) => ({
  id: c.id,
  confidence: c.confidence,
  reasons: c.reasons as Reason[],
  status: c.status,
  createdAt: c.createdAt.toISOString(),
  reviewedAt: iso(c.reviewedAt),
  mergeId: c.mergeId,
  a: presentSide(c.a),
  b: presentSide(c.b),
});

export const presentQueue = (page: QueuePage) => ({
  items: page.items.map(presentCandidate),
  total: page.total,
  page: page.page,
  pageSize: page.pageSize,
});

export const presentMerge = (m: MergeRecord) => ({
  id: m.id,
  survivorId: m.survivorId,
  mergedId: m.mergedId,
  choices: m.choices as MergeChoices,
  // jsonb does not keep key order; list the columns in the order of the merge fields.
  changedFields: columnOrder.filter((column) => column in m.survivorChanges),
  moved: countsOf(m.moved),
  createdAt: m.createdAt.toISOString(),
  undoneAt: iso(m.undoneAt),
});
