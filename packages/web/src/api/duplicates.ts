// Shapes of modules/duplicates (schemas.ts). Keep in step with the server.

import type { duplicateStatuses, mergeFieldNames, reasonCodes } from './enums';

export { mergeFieldNames, reasonCodes } from './enums';
export type MergeField = (typeof mergeFieldNames)[number];
export type MergeSide = 'survivor' | 'merged';
export type DuplicateStatus = (typeof duplicateStatuses)[number];
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
