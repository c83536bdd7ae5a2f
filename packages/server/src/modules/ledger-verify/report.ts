// What `ledger verify` prints: a few lines for a person, or one JSON object with --json.
import { VerifyFailure } from './errors.ts';
import { verifyLog, type VerifyOptions, type VerifyReport } from './verify.ts';

export type VerifyOutcome =
  | { ok: true; report: VerifyReport }
  | { ok: false; error: { code: string; exitCode: number; message: string; evidence: Record<string, string> } };

/** Runs a verification; a VerifyFailure becomes its code, exit code and evidence (anything else is a bug and throws). */
export async function verifyOutcome(options: VerifyOptions): Promise<VerifyOutcome> {
  try {
    return { ok: true, report: await verifyLog(options) };
  } catch (error) {
    if (!(error instanceof VerifyFailure)) throw error;
    const { code, exitCode, message, evidence } = error;
    return { ok: false, error: { code, exitCode, message, evidence } };
  }
}

export function formatOutcome(outcome: VerifyOutcome): string {
  if (!outcome.ok) {
    const evidence = Object.entries(outcome.error.evidence).map(([name, note]) => `\n${name} checkpoint:\n${note}`);
    return `FAILED (${outcome.error.code}): ${outcome.error.message}${evidence.join('')}`;
  }
  const r = outcome.report;
  const lines = [
    `OK: ${r.origin} has ${r.size} entries, root ${r.rootHash}`,
    `  signature: verified with ${r.verifierKey} (${r.keySource.replace(/-/g, ' ')})`,
    r.previous
      ? `  consistent with the checkpoint seen before: ${r.previous.size} entries, root ${r.previous.rootHash}`
      : '  first run for this log: nothing to compare with yet',
    `  recomputed ${r.entries} entries from ${r.entryBundles} entry bundles` +
      (r.resumedFrom !== '0' ? ` (entries before ${r.resumedFrom} were verified by an earlier run)` : '') +
      `; checked ${r.hashTiles} hash tiles, in ${r.seconds.toFixed(1)} s`,
  ];
  for (const witness of r.witnesses) lines.push(`  cosigned by witness ${witness}`);
  if (r.otherSignatures > 0) lines.push(`  ${r.otherSignatures} other signature(s) (e.g. witnesses) were not checked`);
  return lines.join('\n');
}
