import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OrgContext } from '../../http/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { mappingSchema } from './mapping.ts';
import type { ImportReport } from './run.ts';
import { dryRun, runImport, type RunDeps } from './run.ts';
import * as repo from './repo.ts';
import { setMapping, uploadImport } from './service.ts';

export interface CliImportSummary {
  importId: number;
  file: string;
  format: string;
  encoding: string;
  status: string;
  dryRun: boolean;
  mapping: { header: string; field: string }[];
  report: ImportReport | null;
  error: string | null;
}

async function readMappingFile(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `The mapping file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The mapping file ${file} is not a mapping`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * The CLI's import: the same upload, mapping, dry run and run as the API, run synchronously in this
 * process (no job queue). Without --mapping the suggested mapping is used.
 */
export async function importFromPath(
  deps: RunDeps,
  ctx: OrgContext,
  options: { file: string; mappingFile?: string; dryRun: boolean },
): Promise<CliImportSummary> {
  const mapping = options.mappingFile ? await readMappingFile(options.mappingFile) : undefined;
  const uploaded = await uploadImport(deps, ctx, {
    fileName: path.basename(options.file),
    body: createReadStream(options.file),
  });
  const id = uploaded.row.id;
  const mapped = mapping ? await setMapping(deps, ctx, id, mapping) : uploaded;
  let report: ImportReport | null = null;
  if (options.dryRun) report = await dryRun(deps, ctx, id);
  else {
    const queued = await repo.transitionImport(deps.db, ctx.org.id, id, ['uploaded'], { status: 'queued' });
    if (!queued) throw new AppError('IMPORT_NOT_READY', 'The import could not be started');
    await runImport(deps, ctx, id);
  }
  const row = await repo.findImport(deps.db, ctx.org.id, id);
  return {
    importId: id,
    file: options.file,
    format: row.format,
    encoding: row.encoding,
    status: row.status,
    dryRun: options.dryRun,
    mapping: mapped.mapping.columns,
    report: report ?? (row.report as ImportReport | null) ?? null,
    error: row.error,
  };
}
