// Shapes of modules/imports. Keep in step with the server (imports/schemas.ts, mapping.ts).

export const consentFieldChannels = ['email', 'sms', 'wechat', 'phone', 'post'] as const;
export const standardFields = [
  'name',
  'phone',
  'email',
  'wechatId',
  'province',
  'city',
  'district',
  'address',
  'postalCode',
  'gender',
  'category',
  'tags',
  'note',
  'giftAmount',
  'giftDate',
  'giftChannel',
  'giftCampaign',
  'giftExternalId',
  ...consentFieldChannels.map((c) => `consent.${c}` as const),
] as const;
export type StandardField = (typeof standardFields)[number];
export type DuplicatePolicy = 'skip' | 'update' | 'create';
export type ImportStatus = 'uploaded' | 'queued' | 'staging' | 'applying' | 'completed' | 'failed';

export interface MappingColumn {
  header: string;
  field: string;
}

export interface Mapping {
  columns: MappingColumn[];
  policy: DuplicatePolicy;
  amountUnit: 'yuan' | 'fen';
  currency: string;
  defaultChannel: string;
  consentPurpose: string;
}

export interface ImportProblem {
  line: number;
  field?: string | null;
  message: string;
}

export interface DryRunReport {
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  willCreate: number;
  willUpdate: number;
  willSkip: number;
  gifts?: number;
  problems: ImportProblem[];
}

export interface ImportReport {
  totalRows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  gifts?: number;
}

export interface ImportJob {
  id: number;
  status: ImportStatus;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  headers: string[];
  mapping: Mapping | null;
  suggestedMapping?: Mapping;
  preview?: string[][];
  estimatedRows: number | null;
  processedRows: number;
  totalRows: number | null;
  dryRunReport: DryRunReport | null;
  report: ImportReport | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface SavedMapping {
  id: number;
  name: string;
  mapping: Mapping;
}
