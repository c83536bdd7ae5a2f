import { describe, expect, it } from 'vitest';
import { canonicalEntry, commitment, entryObject, sha256Hex } from './outbox.ts';

describe('ledger entries', () => {
  it('canonicalizes as RFC 8785 does (its section 3.2.2 example)', () => {
    const input = {
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"\/',
      literals: [null, true, false],
    };
    expect(canonicalEntry(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = [...canonicalEntry(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('puts the common fields over the payload, so a payload cannot spoof them', () => {
    const entry = entryObject({
      orgId: 'o',
      code: 'C',
      type: 'donation.received',
      payload: { type: 'x', amount: 100 },
    });
    expect(canonicalEntry(entry)).toBe('{"amount":100,"code":"C","org":"o","type":"donation.received","v":1}');
  });

  it('commits to a value with a salt: SHA-256 of the salt bytes then the UTF-8 value', () => {
    const salt = '00'.repeat(16);
    expect(commitment(salt, '42')).toBe(sha256Hex(Buffer.concat([Buffer.alloc(16), Buffer.from('42')])));
    expect(commitment('01'.repeat(16), '42')).not.toBe(commitment(salt, '42'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
