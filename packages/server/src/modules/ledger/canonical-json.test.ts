import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

const libraryOrError = (value: unknown) => {
  try {
    return { text: canonicalize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
const oursOrError = (value: unknown) => {
  try {
    return { text: canonicalJson(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

// Keys that JavaScript orders specially or that sort differently by code unit than by code point.
const awkwardKey = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '0',
    '1',
    '9',
    '10',
    '01',
    '-1',
    '4294967294',
    '4294967295',
    '__proto__',
    'toJSON',
    'a',
    'A',
    '\u20ac',
    '\ud83d\ude00',
    '\ud800',
  ),
);
const value = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -0, 1e21, 1e-7, 0.1, -5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u2028', '\ud800', '\udc00', '\ud83d\ude00') }),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(awkwardKey, tie('json'), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson', () => {
  it('gives the library its output, or its refusal, for any JSON-like value', () => {
    fc.assert(
      fc.property(value.json, (v) => {
        expect(oursOrError(v)).toEqual(libraryOrError(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders array-index keys by code unit, as RFC 8785 does and JavaScript objects do not', () => {
    expect(canonicalJson({ b: 1, 10: 'ten', 9: 'nine', a: [{ z: 0, y: -0 }] })).toBe(
      '{"10":"ten","9":"nine","a":[{"y":0,"z":0}],"b":1}',
    );
  });

  it('keeps a "__proto__" member of parsed JSON, as the library does', () => {
    const parsed = JSON.parse('{"b":2,"__proto__":{"a":1}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"a":1},"b":2}');
    expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
  });

  it('refuses what the library refuses', () => {
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow();
    expect(() => canonicalJson({ name: 'lone \ud800' })).toThrow();
  });

  it('skips undefined members and honours toJSON as the library does', () => {
    const at = new Date(Date.UTC(2026, 0, 2));
    expect(canonicalJson({ b: undefined, a: at })).toBe(canonicalize({ b: undefined, a: at }));
  });
});
