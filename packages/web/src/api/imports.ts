// Shapes of modules/imports. Keep in step with the server (imports/schemas.ts, mapping.ts).

import type { duplicatePolicies, importStatuses, standardFields } from './enums';

export { standardFields } from './enums';
export type StandardField = (typeof standardFields)[number];
export type DuplicatePolicy = (typeof duplicatePolicies)[number];
export type ImportStatus = (typeof importStatuses)[number];

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

export interface Rejection {
  line: number;
  endLine: number | null;
  reason: string;
}

/** The dry run's forecast, and the finished import's account, have the same shape. */
export interface ImportReport {
  dryRun: boolean;
  rows: { total: number; staged: number; rejected: number };
  contacts: { created: number; updated: number; skipped: number; duplicateRowsInFile: number };
  gifts: { created: number; alreadyImported: number };
  tagsLinked: number;
  consentsRecorded: number;
  notesAdded: number;
  sampleRejections: Rejection[];
}

export interface ImportJob {
  id: number;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  format: 'csv' | 'xlsx';
  encoding: string;
  headers: string[];
  /** The giving platform whose export this is (its mapping is known), or null. */
  platform: { id: string; label: string } | null;
  mapping: Mapping | null;
  progress: { processedRows: number; totalRows: number | null; percent: number };
  dryRunReport: ImportReport | null;
  report: ImportReport | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PreviewRow {
  line: number;
  cells: string[];
  values: Record<string, unknown> | null;
  problems: { field: string; header: string; message: string; severity: 'error' | 'warning' }[];
  error: string | null;
}

export interface ImportWithPreview {
  import: ImportJob;
  preview: PreviewRow[];
}

export interface SavedMapping {
  id: number;
  name: string;
  mapping: Mapping;
  createdAt: string;
  updatedAt: string;
}
