import { generateKeyPair, parseVerifierKey } from '@commonweal/ledger';
import { describe, expect, it } from 'vitest';
import { logKeys, logOrigin } from './log-key.ts';

describe('the log identity', () => {
  it('takes the origin from the public URL host and path', () => {
    expect(logOrigin('http://localhost:3000')).toBe('localhost:3000/ledger');
    expect(logOrigin('https://ngo.example.org/')).toBe('ngo.example.org/ledger');
    expect(logOrigin('https://example.org/commonweal/')).toBe('example.org/commonweal/ledger');
  });

  it('generates an Ed25519 key named after the origin', async () => {
    const keys = await logKeys('ngo.example.org/ledger');
    expect(keys.signerKey).toMatch(/^PRIVATE\+KEY\+ngo\.example\.org\/ledger\+[0-9a-f]{8}\+/);
    expect(parseVerifierKey(keys.verifierKey)).toMatchObject({ name: 'ngo.example.org/ledger', type: 1 });
  });

  it('uses a configured signer key only when its name is the origin', async () => {
    const { skey, vkey } = await generateKeyPair('ngo.example.org/ledger');
    expect(await logKeys('ngo.example.org/ledger', skey)).toEqual({ signerKey: skey, verifierKey: vkey });
    await expect(logKeys('other.example/ledger', skey)).rejects.toThrow(/named ngo\.example\.org\/ledger/);
    const cosigner = await generateKeyPair('ngo.example.org/ledger', 0x04);
    await expect(logKeys('ngo.example.org/ledger', cosigner.skey)).rejects.toThrow(/Ed25519/);
  });
});
