import { access } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../errors/app-error.ts';
import { createRuntime } from '../../main.ts';
import { auditEvents } from '../../modules/audit/tables.ts';
import { restoreBackup, writeBackupFile } from '../../modules/backup/index.ts';
import { organizations } from '../../modules/platform/tables.ts';

const fail = (message: string, code = 1) => {
  console.error(message);
  process.exitCode = code;
};

export const backupCommand = () =>
  new Command('backup')
    .description("write a whole organization to one gzip'd NDJSON file on standard output")
    .requiredOption('--org <slug>', 'organization slug')
    .addHelpText('after', '\nExample: commonweal backup --org demo > demo-2025-09-09.ndjson.gz')
    .action(async (options: { org: string }) => {
      if (process.stdout.isTTY) return fail('Redirect the backup to a file: commonweal backup --org SLUG > FILE', 2);
      const runtime = await createRuntime(loadConfig());
      try {
        const { db, clock } = runtime.deps;
        const [org] = await db
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.slug, options.org));
        if (!org) return fail(`No organization has the address "${options.org}"`);
        const stats = await writeBackupFile(db, org.id, process.stdout, {
          now: clock.now(),
          beforeRead: async (tx) => {
            await tx.insert(auditEvents).values({
              orgId: org.id,
              actorLabel: 'commonweal backup (CLI)',
              action: 'backup.run',
              subjectType: 'organization',
              subjectId: org.id,
            });
          },
        });
        console.error(`Backed up ${options.org}: ${stats.rows} rows, ${stats.counts.members} members.`);
      } finally {
        await runtime.close();
      }
    });

export const restoreCommand = () =>
  new Command('restore')
    .description('restore an organization from a backup file into this instance, as a new organization')
    .argument('<file>', 'backup file written by `commonweal backup`')
    .option('--as <slug>', 'restore under this address (needed when the original one is taken here)')
    .action(async (file: string, options: { as?: string }) => {
      try {
        await access(file);
      } catch {
        return fail(`Cannot read ${file}`);
      }
      const runtime = await createRuntime(loadConfig());
      try {
        const summary = await restoreBackup(runtime.deps.db, createReadStream(file), {
          slug: options.as,
          now: runtime.deps.clock.now(),
          actorLabel: 'commonweal restore (CLI)',
        });
        console.log(JSON.stringify(summary, null, 2));
        if (summary.members.missing.length > 0) {
          console.error(
            `These members have no account here and must be invited again: ${summary.members.missing.join(', ')}`,
          );
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        fail(`${error.code}: ${error.message}`);
      } finally {
        await runtime.close();
      }
    });
