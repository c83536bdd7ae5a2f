import { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../errors/app-error.ts';
import { createRuntime } from '../../main.ts';
import { systemContext } from '../../http/system-context.ts';
import { importFromPath } from '../../modules/imports/index.ts';

export const importCommand = () => {
  const command = new Command('import').description('import data from files');
  command
    .command('contacts')
    .description('import contacts (and gifts) from CSV or XLSX; prints a JSON summary')
    .argument('<file>', 'CSV (UTF-8, UTF-8 with BOM, GB18030/GBK) or XLSX')
    .requiredOption('--org <slug>', 'organization slug')
    .option('--mapping <file>', 'JSON mapping of columns to fields (as PUT /api/orgs/:org/imports/:id/mapping takes)')
    .option('--dry-run', 'validate and report without writing')
    .action(async (file: string, options: { org: string; mapping?: string; dryRun?: boolean }) => {
      const runtime = await createRuntime(loadConfig());
      try {
        const ctx = await systemContext(runtime.deps.db, options.org);
        const summary = await importFromPath(runtime.deps, ctx, {
          file,
          mappingFile: options.mapping,
          dryRun: options.dryRun ?? false,
        });
        console.log(JSON.stringify(summary, null, 2));
        if (summary.status === 'failed') process.exitCode = 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.log(
          JSON.stringify({ error: { code: error.code, message: error.message, fields: error.fields } }, null, 2),
        );
        process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
  return command;
};
