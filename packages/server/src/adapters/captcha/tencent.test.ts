import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tc3Signature } from '../sms/tencent-sign.ts';
import { recordingFetch } from '../sms/testing-fetch.ts';
import { tencentCaptchaProvider } from './tencent.ts';

// 2026-11-29T01:02:03Z = 1795914123.
const clock = { now: () => new Date('2026-11-29T01:02:03.789Z') };
const keys = {
  secretId: 'AKID-captcha-test',
  secretKey: 'test-secret-key',
  captchaAppId: '190012345',
  appSecretKey: 'app-secret-key-test',
};
const answer = JSON.stringify({ ticket: 't03abcDEF-ticket', randstr: '@xYz' });

describe('Tencent Cloud Captcha DescribeCaptchaResult', () => {
  it('posts the exact payload with the TC3 headers (signature computed with OpenSSL)', async () => {
    // P='{"CaptchaType":9,…}'; HP=$(printf '%s' "$P" | openssl dgst -sha256 -r), the canonical request and
    // string to sign hashed the same way, then kd=HMAC("TC3test-secret-key", "2026-11-29"), ks=HMAC(kd,
    // "captcha"), kr=HMAC(ks, "tc3_request") with openssl dgst -sha256 -mac HMAC, and HMAC(kr, StringToSign).
    const stand = recordingFetch({ body: { Response: { CaptchaCode: 1, CaptchaMsg: 'OK', RequestId: 'r' } } });
    const captcha = tencentCaptchaProvider(keys, { fetch: stand.fetch, clock });
    expect(await captcha.verify(answer, { ip: '203.0.113.7' })).toEqual({ ok: true });
    const [request] = stand.requests;
    expect(request!.url).toBe('https://captcha.tencentcloudapi.com/');
    expect(request!.body).toBe(
      '{"CaptchaType":9,"Ticket":"t03abcDEF-ticket","UserIp":"203.0.113.7","Randstr":"@xYz","CaptchaAppId":190012345,"AppSecretKey":"app-secret-key-test"}',
    );
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'DescribeCaptchaResult',
      'x-tc-version': '2019-07-22',
      'x-tc-timestamp': '1795914123',
      authorization:
        'TC3-HMAC-SHA256 Credential=AKID-captcha-test/2026-11-29/captcha/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=1256c0b7d80a2966a39e33ebf2877c5d76372ab82a1b845d8a314c69cc9e761e',
    });
    expect(request!.headers).not.toHaveProperty('x-tc-region');
  });

  it('refuses an empty or unreadable answer without asking Tencent', async () => {
    const stand = recordingFetch({ body: {} });
    const captcha = tencentCaptchaProvider(keys, { fetch: stand.fetch, clock });
    expect(await captcha.verify('', { ip: '203.0.113.7' })).toEqual({ ok: false, reason: 'missing' });
    expect(await captcha.verify('{"ticket":""}', { ip: '203.0.113.7' })).toEqual({ ok: false, reason: 'malformed' });
    expect(stand.requests).toHaveLength(0);
  });
});

describe('against a local stand-in for captcha.tencentcloudapi.com', () => {
  let server: Server;
  let endpoint = '';
  const seen: { host: string; verified: boolean }[] = [];
  // What the stand-in answers per ticket: Tencent's CaptchaCode, or an API error.
  const answers: Record<string, object> = {
    good: { Response: { CaptchaCode: 1, CaptchaMsg: 'OK', EvilLevel: 0, RequestId: 'r1' } },
    expired: { Response: { CaptchaCode: 8, CaptchaMsg: 'ticket expired', RequestId: 'r2' } },
    reused: { Response: { CaptchaCode: 9, CaptchaMsg: 'ticket reused', RequestId: 'r3' } },
    forged: { Response: { CaptchaCode: 15, CaptchaMsg: 'decrypt fail', RequestId: 'r4' } },
  };
  const readBody = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    return body;
  };

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const body = await readBody(request);
      const host = request.headers.host!;
      const timestamp = Number(request.headers['x-tc-timestamp']);
      // The stand-in checks the signature as Tencent does: over the body, content type and host it received.
      const expected = tc3Signature(keys.secretKey, {
        host,
        service: 'captcha',
        contentType: String(request.headers['content-type']),
        payload: body,
        timestamp,
      });
      const authorization = String(request.headers.authorization);
      const verified =
        authorization.endsWith(`Signature=${expected}`) &&
        authorization.includes(`Credential=${keys.secretId}/2026-11-29/captcha/tc3_request`) &&
        request.headers['x-tc-action'] === 'DescribeCaptchaResult';
      seen.push({ host, verified });
      response.setHeader('content-type', 'application/json');
      if (!verified)
        return response.end(JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } }));
      const ticket = (JSON.parse(body) as { Ticket: string }).Ticket;
      response.end(JSON.stringify(answers[ticket] ?? answers.forged));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (ticket: string, secretKey = keys.secretKey) =>
    tencentCaptchaProvider({ ...keys, secretKey, endpoint }, { fetch, clock }).verify(
      JSON.stringify({ ticket, randstr: 'r4nd' }),
      { ip: '198.51.100.4' },
    );

  it('passes a good ticket, and tells expired, reused and forged ones apart', async () => {
    expect(await ask('good')).toEqual({ ok: true });
    expect(await ask('expired')).toEqual({ ok: false, reason: 'expired' });
    expect(await ask('reused')).toEqual({ ok: false, reason: 'replayed' });
    expect(await ask('forged')).toEqual({ ok: false, reason: 'wrong' });
    expect(seen.every((s) => s.verified && s.host === new URL(endpoint).host)).toBe(true);
  });

  it('is unavailable, not passed, when Tencent refuses the signature or cannot be reached', async () => {
    expect(await ask('good', 'another-secret-key')).toEqual({ ok: false, reason: 'unavailable' });
    expect(seen.at(-1)!.verified).toBe(false);
    const unreachable = tencentCaptchaProvider({ ...keys, endpoint: 'http://127.0.0.1:9/' }, { fetch, clock });
    expect(await unreachable.verify(answer, { ip: '198.51.100.4' })).toEqual({ ok: false, reason: 'unavailable' });
  });
});
