import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as ledger from './index.ts';
import { FIXTURES, jsonFilesUnder } from './testing/vectors.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));

describe('package surface', () => {
  it('exports the main entry points', () => {
    for (const name of [
      'verifyInclusion',
      'openNote',
      'openCheckpoint',
      'appendLeaves',
      'handleAddCheckpoint',
      'verifyTlogProof',
    ]) {
      expect(typeof (ledger as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('keeps Node-only APIs out of the library code (it must run in browsers)', () => {
    const sources = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    // A *-node.ts file is the Node side of a package "imports" entry whose browser side is plain code.
    const imports = JSON.parse(readFileSync(join(SRC, '../package.json'), 'utf8')).imports as Record<
      string,
      { browser: string; node: string }
    >;
    const nodeOnly = Object.values(imports).map((choice) => choice.node.replace('./src/', ''));
    expect(sources.filter((f) => f.endsWith('-node.ts')).sort()).toEqual(nodeOnly.sort());
    for (const choice of Object.values(imports)) expect(choice.browser).not.toMatch(/-node\.ts$/);
    const core = sources.filter((f) => !nodeOnly.includes(f));
    expect(core.length).toBeGreaterThan(10);
    for (const f of core) {
      const text = readFileSync(join(SRC, f), 'utf8');
      expect(text, f).not.toMatch(/from 'node:|require\(|\bBuffer\b|\bprocess\./);
    }
  });
});

describe('vector census', () => {
  it('loads every vector file that was copied into fixtures', () => {
    // 98 + 98 + 204 + 118 transparency-dev/merkle probes, all run by proof.test.ts and subtree.test.ts.
    const counts = ['inclusion', 'consistency', 'subtreeinclusion', 'subtreeconsistency'].map(
      (d) => jsonFilesUnder(d).length,
    );
    expect(counts).toEqual([98, 98, 204, 118]);
    expect(counts.reduce((a, b) => a + b)).toBe(518);
    const topLevel = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(topLevel).toEqual(['derived_all_proofs_n_le_8.json', 'rfc6962_vectors.json', 'signed_note_vectors.json']);
  });
});
