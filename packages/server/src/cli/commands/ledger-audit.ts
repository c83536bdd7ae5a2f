import { Command } from 'commander';
import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { createRuntime } from '../../main.ts';
import { auditLedger, type AuditFinding } from '../../modules/flows/index.ts';
import { organizations } from '../../modules/platform/tables.ts';

export interface LedgerAuditReport {
  organizations: { slug: string; checked: Record<string, number>; findings: AuditFinding[] }[];
  findings: number;
}

/** Audits one organization, or all of them. */
export async function runLedgerAudit(db: Db, slug?: string): Promise<LedgerAuditReport | undefined> {
  const orgs = await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(slug ? eq(organizations.slug, slug) : undefined)
    .orderBy(asc(organizations.slug));
  if (slug && orgs.length === 0) return undefined;
  const results = [];
  for (const org of orgs) results.push({ slug: org.slug, ...(await auditLedger(db, org.id)) });
  return { organizations: results, findings: results.reduce((n, r) => n + r.findings.length, 0) };
}

export const auditCommand = () =>
  new Command('audit')
    .description('check every financial row in the database against the log')
    .option('--org <slug>', 'only this organization')
    .addHelpText(
      'after',
      '\nPrints a JSON report. Exit status: 0 when every row matches its entry, 1 when a row was altered,\n' +
        'deleted or never logged, 2 when the organization does not exist.',
    )
    .action(async (options: { org?: string }) => {
      const runtime = await createRuntime(loadConfig());
      try {
        const report = await runLedgerAudit(runtime.deps.db, options.org);
        if (!report) {
          console.error(`No organization has the address "${options.org}"`);
          process.exitCode = 2;
          return;
        }
        console.log(JSON.stringify(report, null, 2));
        const rows = report.organizations.reduce((n, o) => n + Object.values(o.checked).reduce((a, b) => a + b, 0), 0);
        console.error(
          report.findings === 0
            ? `All ${rows} financial rows match their log entries.`
            : `${report.findings} finding(s): rows altered, deleted or never logged. See the report above.`,
        );
        if (report.findings > 0) process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
