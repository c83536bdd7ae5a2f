import {
  base64Decode,
  bytesEqual,
  generateKeyPair,
  hashLeaf,
  LedgerError,
  parseTlogProof,
  parseVerifierKey,
  verifierFromKey,
  verifyTlogProof,
} from '@commonweal/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/app.ts';
import { buildOrg } from '../testing/factories.ts';
import { buildJourney, type JourneyCodes } from '../testing/journey.ts';

// The integrator runs here, as in `commonweal start`: entries reach a signed checkpoint on their own.
let t: TestApp;
let codes: JourneyCodes;
let key: string;

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** The entry's tlog-proof once a signed checkpoint covers it. */
async function signedProof(code: string, timeoutMs = 15_000) {
  const started = Date.now();
  for (;;) {
    const response = await get(`/t/${code}/proof`);
    if (response.statusCode === 200) return response;
    expect(response.statusCode).toBe(409);
    if (Date.now() - started > timeoutMs) throw new Error(`${code} stayed pending`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const verify = (text: string, options: { entry: Uint8Array; vkey?: string }) => {
  const vkey = options.vkey ?? key;
  return verifyTlogProof(text, {
    origin: parseVerifierKey(vkey).name,
    logVerifiers: [verifierFromKey(vkey)],
    entry: options.entry,
  });
};

beforeAll(async () => {
  t = await testApp({ jobs: true });
  codes = await buildJourney(t, await buildOrg(t));
  await signedProof(codes.delivery);
  key = (await get('/ledger/key')).body.trim();
});
afterAll(() => t?.close());

describe('GET /t/<code>/proof', () => {
  it("answers each step's C2SP tlog-proof, self-contained, verifying with the log's key", async () => {
    for (const code of Object.values(codes)) {
      const response = await signedProof(code);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${code}.tlog-proof"`);
      const text = response.body;
      expect(text.startsWith('c2sp.org/tlog-proof@v1\nextra ')).toBe(true);
      const { extra } = parseTlogProof(text);
      const verified = await verify(text, { entry: extra! });
      // The extra line holds the entry exactly as logged: the leaf hash the log's tiles hold.
      const inclusion = (await get(`/ledger/proof/inclusion?code=${code}`)).json();
      expect(Number(verified.index)).toBe(inclusion.index);
      expect(bytesEqual(hashLeaf(extra!), base64Decode(inclusion.leafHash))).toBe(true);
      expect(JSON.parse(new TextDecoder().decode(extra)).code).toBe(code);
      // Against the latest signed checkpoint, verbatim (cosignature lines included when there are any).
      expect(text.slice(text.indexOf('\n\n') + 2)).toBe((await get('/ledger/checkpoint')).body);
    }
  });

  it('fails verification when the entry, the key or the index is not the logged one', async () => {
    const text = (await signedProof(codes.books)).body;
    const entry = parseTlogProof(text).extra!;
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'verified',
        (error: unknown) => (error instanceof LedgerError ? error.code : String(error)),
      );

    const altered = new TextDecoder().decode(entry).replace('"amount":35000', '"amount":3500');
    expect(altered).not.toBe(new TextDecoder().decode(entry));
    expect(await reason(verify(text, { entry: new TextEncoder().encode(altered) }))).toBe('PROOF_INVALID');

    const impostor = (await generateKeyPair(parseVerifierKey(key).name)).vkey;
    expect(await reason(verify(text, { entry, vkey: impostor }))).toBe('NOTE_UNVERIFIED');

    const index = Number(parseTlogProof(text).index);
    const moved = text.replace(`\nindex ${index}\n`, `\nindex ${index + 1}\n`);
    expect(await reason(verify(moved, { entry }))).toMatch(/PROOF_INVALID|MALFORMED/);
  });

  it('answers 404 in plain text for codes the log does not have', async () => {
    for (const url of ['/t/0000000000000000/proof', '/t/nope/proof?lang=en']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
    expect((await get('/t/nope/proof?lang=en')).body).toBe('The public log has no entry with this code.');
  });

  it('is documented in the OpenAPI document, as public', async () => {
    const document = (await get('/api/openapi.json')).json();
    const operation = document.paths['/t/{code}/proof']?.get;
    expect(operation?.security).toEqual([]);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '409']));
  });
});
