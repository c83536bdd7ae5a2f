import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { createRuntime } from '../../main.ts';
import {
  exportFormats,
  planContactsExport,
  writeContactsExport,
  type ExportFormat,
} from '../../modules/exports/index.ts';
import { organizations } from '../../modules/platform/tables.ts';

/** The all-zero token id marks actions taken by Commonweal itself (as the import command does). */
const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** An owner-level context for the command line; the audit log shows it as `token:system:cli`. */
async function cliContext(db: Db, slug: string): Promise<OrgContext> {
  const [org] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
      currency: organizations.currency,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!org) throw new AppError('NOT_FOUND', `Organization "${slug}" was not found`);
  return {
    org,
    role: 'owner',
    actor: { kind: 'token', tokenId: SYSTEM_ACTOR_ID, orgId: org.id, role: 'owner', name: 'system:cli', ip: 'local' },
  };
}

const parseFormat = (value: string): ExportFormat => {
  if (!(exportFormats as readonly string[]).includes(value)) throw new InvalidArgumentError('use csv or xlsx');
  return value as ExportFormat;
};

const parseId = (value: string): number => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new InvalidArgumentError('a segment id is a positive whole number');
  return id;
};

export const exportCommand = () => {
  const command = new Command('export').description('export data');
  command
    .command('contacts')
    .description('export contacts (all, or one segment) to standard output; audited as contacts.export')
    .requiredOption('--org <slug>', 'organization slug')
    .option('--format <format>', 'csv or xlsx', parseFormat, 'csv' as ExportFormat)
    .option('--segment <id>', 'only the contacts of this saved segment', parseId)
    .option('--lang <lang>', 'header language: zh or en', 'zh')
    .action(async (options: { org: string; format: ExportFormat; segment?: number; lang: string }) => {
      if (process.stdout.isTTY && options.format === 'xlsx') {
        console.error(
          'Refusing to write an XLSX file to a terminal. Redirect it: commonweal export contacts ... > contacts.xlsx',
        );
        process.exitCode = 2;
        return;
      }
      const runtime = await createRuntime(loadConfig());
      try {
        const ctx = await cliContext(runtime.deps.db, options.org);
        const plan = await planContactsExport(runtime.deps, ctx, {
          format: options.format,
          lang: options.lang === 'en' ? 'en' : 'zh',
          filters: {},
          ...(options.segment ? { segmentId: options.segment } : {}),
        });
        const out = new PassThrough();
        out.pipe(process.stdout, { end: false });
        const ended = once(out, 'end');
        const rows = await writeContactsExport(runtime.deps.db, plan, out);
        await ended;
        console.error(`Exported ${rows} contacts.`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.error(`${error.code}: ${error.message}`);
        process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
  return command;
};
