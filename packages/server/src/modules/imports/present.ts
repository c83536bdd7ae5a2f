import type { z } from 'zod';
import type { PreviewRow } from './service.ts';
import type { ImportRow, SavedMappingRow } from './repo.ts';
import type { importSchema, previewRowSchema, reportSchema, savedMappingSchema } from './schemas.ts';
import { platformMapping } from './platforms.ts';

type Report = z.infer<typeof reportSchema>;

function percent(row: ImportRow): number {
  switch (row.status) {
    case 'completed':
      return 100;
    case 'applying':
      return 95;
    case 'staging':
      return row.fileSize > 0 ? Math.min(90, Math.floor((row.bytesRead / row.fileSize) * 90)) : 0;
    default:
      return 0;
  }
}

/** An import for the API: status, progress and reports; never the stored file's key. */
const platformOf = (headers: string[]) => {
  const found = platformMapping(headers);
  return found ? { id: found.platform, label: found.label } : null;
};

export const presentImport = (row: ImportRow): z.infer<typeof importSchema> => ({
  id: row.id,
  status: row.status,
  fileName: row.fileName,
  fileSize: row.fileSize,
  format: row.format,
  encoding: row.encoding,
  headers: row.headers,
  platform: platformOf(row.headers),
  mapping: (row.mapping as z.infer<typeof importSchema>['mapping']) ?? null,
  progress: { processedRows: row.processedRows, totalRows: row.totalRows ?? row.estimatedRows, percent: percent(row) },
  dryRunReport: (row.dryRunReport as Report | null) ?? null,
  report: (row.report as Report | null) ?? null,
  error: row.error,
  createdBy: row.createdByLabel,
  createdAt: row.createdAt,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

export const presentPreviewRow = (row: PreviewRow): z.infer<typeof previewRowSchema> => ({
  line: row.line,
  cells: row.cells,
  values: row.values ? { ...row.values } : null,
  problems: row.problems,
  error: row.error,
});

export const presentSavedMapping = (row: SavedMappingRow): z.infer<typeof savedMappingSchema> => ({
  id: row.id,
  name: row.name,
  mapping: row.mapping as z.infer<typeof savedMappingSchema>['mapping'],
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
