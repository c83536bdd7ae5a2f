import { describe, expect, it } from 'vitest';
import { generateKeyPair, SIG_TYPE_COSIGNATURE_V1 } from '@commonweal/ledger';
import { ConfigError, loadConfig } from './config.ts';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
  }
  return '';
};

describe('witnessing variables', () => {
  it('reads the logs to witness, keyed by origin, and the witnesses of our log', async () => {
    const a = await generateKeyPair('ngo-a.example/ledger');
    const b = await generateKeyPair('ngo-b.example/ledger');
    const w = await generateKeyPair('ngo-c.example/witness', SIG_TYPE_COSIGNATURE_V1);
    const config = loadConfig({
      WITNESS_LOGS: `${a.vkey},\n ${b.vkey}`,
      LEDGER_WITNESSES: `https://ngo-c.example/ledger/witness/ ${w.vkey}\nhttps://w2.example ${w.vkey}`,
      WITNESS_KEY: w.skey,
    });
    expect(config.WITNESS_LOGS).toEqual([
      { origin: 'ngo-a.example/ledger', verifierKey: a.vkey },
      { origin: 'ngo-b.example/ledger', verifierKey: b.vkey },
    ]);
    expect(config.LEDGER_WITNESSES).toEqual([
      { url: 'https://ngo-c.example/ledger/witness', verifierKey: w.vkey },
      { url: 'https://w2.example', verifierKey: w.vkey },
    ]);
    expect(loadConfig({}).WITNESS_LOGS).toEqual([]);
  });

  it('names each bad key or pair', async () => {
    const log = await generateKeyPair('ngo-a.example/ledger');
    const w = await generateKeyPair('w.example/w', SIG_TYPE_COSIGNATURE_V1);
    expect(problems({ WITNESS_LOGS: 'nope' })).toMatch(/WITNESS_LOGS: nope/);
    expect(problems({ WITNESS_LOGS: w.vkey })).toMatch(/a log key is an Ed25519 note key/);
    expect(problems({ LEDGER_WITNESSES: w.vkey })).toMatch(/LEDGER_WITNESSES: .* is not "https:/);
    expect(problems({ WITNESS_KEY: log.skey })).toMatch(/WITNESS_KEY: must be a cosigner key/);
  });
});
