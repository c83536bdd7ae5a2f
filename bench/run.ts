/**
 * `npm run bench [-- NAME...]`: runs every benchmark in bench/ (see lib.ts for how one plugs in),
 * each in its own process, prints one markdown table with the machine, date and command, and writes
 * it into docs/benchmarks.md between the bench markers. SCALE=N runs everything at N contacts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, markdownTable, postgresAvailable, postgresUrl, type BenchRow } from './lib.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const docPath = path.join(benchDir, '..', 'docs', 'benchmarks.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** A file is a benchmark when it runs itself; helpers that only export are skipped. */
async function benchmarks(filter: string[]): Promise<string[]> {
  const files = (await readdir(benchDir)).filter(
    (f) => f.endsWith('.ts') && !['lib.ts', 'run.ts'].includes(f) && !f.endsWith('.test.ts'),
  );
  const runnable: string[] = [];
  for (const file of files.sort()) {
    const source = await readFile(path.join(benchDir, file), 'utf8');
    if (!/runBenchmark\(|^await main\(\);?\s*$/m.test(source)) continue;
    if (filter.length === 0 || filter.some((f) => file.replace(/\.ts$/, '') === f.replace(/\.ts$/, '')))
      runnable.push(file);
  }
  return runnable;
}

interface Outcome {
  file: string;
  rows: BenchRow[];
  seconds: number;
  exitCode: number | null;
  tail: string;
}

async function runOne(file: string, env: NodeJS.ProcessEnv, resultsFile: string): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], {
    env: { ...env, BENCH_RESULTS: resultsFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-20_000);
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const text = await readFile(resultsFile, 'utf8').catch(() => '');
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BenchRow)
    .map((r) => ({ ...r, ours: r.ours ?? NaN }));
  return {
    file,
    rows,
    seconds: (performance.now() - started) / 1000,
    exitCode,
    tail: output.trim().split('\n').slice(-25).join('\n'),
  };
}

function report(outcomes: Outcome[], command: string): string {
  const m = machine();
  const rows = outcomes.flatMap((o) =>
    o.rows.length > 0
      ? o.rows
      : [
          {
            name: o.file,
            ours: NaN,
            baseline: null,
            unit: '',
            ratio: null,
            note: o.exitCode === 0 ? 'printed its own report (below)' : `FAILED (exit ${o.exitCode}); output below`,
          },
        ],
  );
  const own = outcomes.filter((o) => o.rows.length === 0 && o.tail);
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory, Node ${m.node}  `,
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC  `,
    `Command: \`${command}\`  `,
    `Run time: ${outcomes.map((o) => `${o.file} ${o.seconds.toFixed(0)} s`).join(', ')}`,
    '',
    markdownTable(rows),
    ...own.map((o) => `\n<details><summary>${o.file} output</summary>\n\n\`\`\`\n${o.tail}\n\`\`\`\n</details>`),
  ].join('\n');
}

async function writeDoc(section: string): Promise<void> {
  const doc = await readFile(docPath, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`);
  const [before, rest] = doc.includes(START)
    ? [doc.slice(0, doc.indexOf(START)), doc.slice(doc.indexOf(START))]
    : [`${doc.trimEnd()}\n\n`, `${START}\n${END}\n`];
  const after = rest.includes(END) ? rest.slice(rest.indexOf(END) + END.length) : '\n';
  await writeFile(docPath, `${before}${START}\n${section}\n${END}${after}`);
}

const filter = process.argv.slice(2);
const files = await benchmarks(filter);
if (files.length === 0) {
  console.error(`No benchmark matches ${filter.join(', ')}`);
  process.exit(1);
}
const env = { ...process.env };
if (!env.TEST_DATABASE_URL && (await postgresAvailable())) env.TEST_DATABASE_URL = postgresUrl();
const command = [
  process.env.SCALE ? `SCALE=${process.env.SCALE}` : '',
  'npm run bench',
  ...(filter.length ? ['--', ...filter] : []),
]
  .filter(Boolean)
  .join(' ');
const work = await mkdtemp(path.join(tmpdir(), 'cw-bench-'));
const outcomes: Outcome[] = [];
try {
  for (const file of files) {
    console.error(`\n=== ${file}`);
    outcomes.push(await runOne(file, env, path.join(work, `${file}.jsonl`)));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
const section = report(outcomes, command);
console.log(`\n${section}\n`);
await writeDoc(section);
console.error(`Wrote ${path.relative(process.cwd(), docPath)}`);
if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
