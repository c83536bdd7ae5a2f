// Shapes of modules/duplicates (schemas.ts). Keep in step with the server.

export const mergeFieldNames = [
  'name',
  'kind',
  'gender',
  'phone',
  'email',
  'wechatId',
  'address',
  'category',
  'source',
  'custom',
] as const;
export type MergeField = (typeof mergeFieldNames)[number];
export type MergeSide = 'survivor' | 'merged';
export type DuplicateStatus = 'pending' | 'merged' | 'dismissed';
export const reasonCodes = [
  'same_phone',
  'same_email',
  'same_name',
  'same_pinyin',
  'similar_name',
  'same_city',
  'same_district',
  'different_phone',
  'different_email',
  'different_name',
] as const;
export type Reason = (typeof reasonCodes)[number];

export interface DuplicateSide {
  id: number;
  kind: string;
  name: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  address: string | null;
  category: string | null;
  source: string | null;
  createdAt: string;
  giftCount: number;
}

export interface Candidate {
  id: number;
  confidence: number;
  reasons: Reason[];
  status: DuplicateStatus;
  createdAt: string;
  reviewedAt: string | null;
  mergeId: number | null;
  a: DuplicateSide;
  b: DuplicateSide;
}

export interface Queue {
  items: Candidate[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Scan {
  id: string;
  jobId: string | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  pairsFound: number | null;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface MergeInput {
  survivorId: number;
  mergedId: number;
  fields: Partial<Record<MergeField, MergeSide>>;
}

export interface Merge {
  id: number;
  survivorId: number;
  mergedId: number;
  choices: Record<MergeField, MergeSide>;
  changedFields: string[];
  moved: { gifts: number; consents: number; notes: number; activities: number; relationships: number; tags: number };
  createdAt: string;
  undoneAt: string | null;
  keptFields?: string[];
}
