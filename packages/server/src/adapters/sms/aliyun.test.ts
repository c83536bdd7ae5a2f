import { describe, expect, it } from 'vitest';
import { aliyunSmsProvider } from './aliyun.ts';
import { recordingFetch } from './testing-fetch.ts';

const config = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'test-secret' };
const clock = { now: () => new Date('2026-11-23T01:02:03.456Z') };
const nonce = () => 'f3b5c1d2-0000-4000-8000-000000000001';
const message = {
  phone: '+8613800138000',
  signName: '公益测试',
  templateCode: 'SMS_123456789',
  templateParams: { name: '张三', amount: '100.00元' },
  reference: 'msg-1',
};

function provider(answer: Parameters<typeof recordingFetch>[0], signature?: 'acs3' | 'rpc') {
  const stand = recordingFetch(answer);
  return {
    sms: aliyunSmsProvider({ ...config, signature }, { fetch: stand.fetch, clock, nonce }),
    requests: stand.requests,
  };
}

describe('Aliyun SendSms', () => {
  it('posts the exact ACS3-signed request by default: parameters in the query, no body', async () => {
    const { sms, requests } = provider({ body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' } });
    expect(await sms.send(message)).toEqual({ ok: true, providerMessageId: '900619746936498440^0' });
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    // No body at all: with "" fetch adds Content-Type: text/plain, a header ACS3 would have to sign.
    expect(request.body).toBeUndefined();
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.url).toBe(
      'https://dysmsapi.aliyuncs.com/?OutId=msg-1&PhoneNumbers=13800138000' +
        '&SignName=%E5%85%AC%E7%9B%8A%E6%B5%8B%E8%AF%95&TemplateCode=SMS_123456789' +
        '&TemplateParam=%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%2C%22amount%22%3A%22100.00%E5%85%83%22%7D',
    );
    // Computed independently: the query with Python's quote(value, safe='~'), the canonical request
    // hashed with  openssl dgst -sha256, then  printf 'ACS3-HMAC-SHA256\n<hash>' | openssl dgst -sha256 -hmac test-secret
    expect(request.headers).toMatchObject({
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2026-11-23T01:02:03Z',
      'x-acs-signature-nonce': 'f3b5c1d2-0000-4000-8000-000000000001',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization:
        'ACS3-HMAC-SHA256 Credential=LTAI-test-id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;' +
        'x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=38d14d1af484ffac34019274c6b9c28d8b35d374a9254a258c345f5090f16b1d',
    });
  });

  it('posts the exact RPC-signed form body when configured for the V2 signature', async () => {
    const { sms, requests } = provider({ body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' } }, 'rpc');
    expect(await sms.send(message)).toEqual({ ok: true, providerMessageId: '900619746936498440^0' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://dysmsapi.aliyuncs.com/');
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    // Computed independently: Python's urllib.parse.quote(value, safe='~') for each name and value,
    // then  printf '%s' 'POST&%2F&…' | openssl dgst -sha1 -hmac 'test-secret&' -binary | base64
    expect(requests[0]!.body).toBe(
      'AccessKeyId=LTAI-test-id&Action=SendSms&Format=JSON&OutId=msg-1&PhoneNumbers=13800138000' +
        '&RegionId=cn-hangzhou&SignName=%E5%85%AC%E7%9B%8A%E6%B5%8B%E8%AF%95&SignatureMethod=HMAC-SHA1' +
        '&SignatureNonce=f3b5c1d2-0000-4000-8000-000000000001&SignatureVersion=1.0&TemplateCode=SMS_123456789' +
        '&TemplateParam=%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%2C%22amount%22%3A%22100.00%E5%85%83%22%7D' +
        '&Timestamp=2026-11-23T01%3A02%3A03Z&Version=2017-05-25&Signature=Aqh9k1ZGjaxuPxRxg0%2BO5%2BFYu1c%3D',
    );
  });

  it('writes numbers outside the mainland as country code + number, and leaves out empty TemplateParam', async () => {
    const { sms, requests } = provider({ body: { Code: 'OK', BizId: '1' } });
    await sms.send({ ...message, phone: '+85251234567', templateParams: {}, reference: undefined });
    const params = new URL(requests[0]!.url).searchParams;
    expect(params.get('PhoneNumbers')).toBe('85251234567');
    expect(params.has('TemplateParam')).toBe(false);
    expect(params.has('OutId')).toBe(false);
  });

  it('refuses a number that is not E.164 or cannot receive SMS, before any call', async () => {
    for (const phone of ['13800138000', '+86 138 0013 8000', '+861380013800', '+861062751234']) {
      const { sms, requests } = provider({ body: {} });
      const result = await sms.send({ ...message, phone });
      expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid-number', retryable: false } });
      expect(requests).toHaveLength(0);
    }
  });

  it.each([
    ['触发分钟级流控Permits:1', 60],
    ['触发小时级流控Permits:5', 3600],
    // 01:02:03 UTC is 09:02:03 in Beijing; the daily limit resets at Beijing midnight, 14:57:57 later.
    ['触发天级流控Permits:10', 53_877],
  ])('reads isv.BUSINESS_LIMIT_CONTROL "%s" as throttled for %i s', async (text, seconds) => {
    const { sms } = provider({ body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: text } });
    expect(await sms.send(message)).toEqual({
      ok: false,
      failure: {
        kind: 'throttled',
        retryable: true,
        retryAfterSeconds: seconds,
        providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
        message: text,
      },
    });
  });

  it.each([
    [200, 'isv.MOBILE_NUMBER_ILLEGAL', 'invalid-number', false],
    [200, 'isv.SMS_SIGNATURE_ILLEGAL', 'signature-rejected', false],
    [200, 'isv.SMS_TEMPLATE_ILLEGAL', 'template-rejected', false],
    [200, 'isv.TEMPLATE_MISSING_PARAMETERS', 'template-rejected', false],
    [400, 'SignatureDoesNotMatch', 'auth-failed', false],
    [404, 'InvalidAccessKeyId.NotFound', 'auth-failed', false],
    [200, 'isv.AMOUNT_NOT_ENOUGH', 'other', false],
    [400, 'Throttling.User', 'throttled', true],
    [200, 'isp.SYSTEM_ERROR', 'unavailable', true],
  ] as const)('HTTP %i %s is %s', async (status, code, kind, retryable) => {
    const { sms } = provider({ status, body: { Code: code, Message: 'x', RequestId: 'r' } });
    expect(await sms.send(message)).toMatchObject({ ok: false, failure: { kind, retryable, providerCode: code } });
  });

  it('treats a 5xx without JSON and a network error as unavailable, never as sent', async () => {
    expect(await provider({ status: 503, body: '<html>busy</html>' }).sms.send(message)).toMatchObject({
      ok: false,
      failure: { kind: 'unavailable', providerCode: 'HTTP_503' },
    });
    expect(await provider(new TypeError('fetch failed')).sms.send(message)).toMatchObject({
      ok: false,
      failure: { kind: 'unavailable', providerCode: 'NETWORK' },
    });
  });

  it('does not count OK without a BizId as sent', async () => {
    expect(await provider({ body: { Code: 'OK' } }).sms.send(message)).toMatchObject({ ok: false });
  });
});

describe('Aliyun callbacks (HTTP batch push)', () => {
  const { sms } = provider({ body: {} });
  const request = (body: unknown) => ({ headers: {}, rawBody: JSON.stringify(body) });

  it('reads the SmsReport example of the guide', () => {
    const body = [
      {
        phone_number: '13811110000',
        send_time: '2017-01-01 00:00:00',
        report_time: '2017-01-01 00:00:00',
        success: true,
        err_code: 'DELIVERED',
        err_msg: '用户接收成功',
        sms_size: '1',
        biz_id: '12345',
        out_id: '67890',
      },
      { phone_number: '13811110001', success: false, err_code: 'MK:0001', biz_id: '12346', report_time: 'bad' },
      { phone_number: '13811110002', err_code: 'DELIVERED' },
    ];
    expect(sms.parseDeliveryReceipts!(request(body))).toEqual({
      ok: true,
      skipped: 1,
      events: [
        {
          providerMessageId: '12345',
          phone: '+8613811110000',
          delivered: true,
          statusCode: 'DELIVERED',
          description: '用户接收成功',
          reportedAt: new Date('2016-12-31T16:00:00Z'),
          reference: '67890',
        },
        {
          providerMessageId: '12346',
          phone: '+8613811110001',
          delivered: false,
          statusCode: 'MK:0001',
          description: undefined,
          reportedAt: undefined,
          reference: undefined,
        },
      ],
    });
  });

  it('reads the SmsUp example of the guide', () => {
    const body = [
      {
        phone_number: '13811110000',
        send_time: '2017-09-01 00:00:00',
        content: 'TD',
        sign_name: '签名',
        dest_code: '1234',
        sequence_id: 1234567890,
      },
    ];
    expect(sms.parseInboundMessages!(request(body))).toEqual({
      ok: true,
      skipped: 0,
      events: [
        {
          phone: '+8613811110000',
          text: 'TD',
          receivedAt: new Date('2017-08-31T16:00:00Z'),
          signName: '签名',
          extension: '1234',
        },
      ],
    });
  });

  it('rejects a body that is not JSON', () => {
    expect(sms.parseDeliveryReceipts!({ headers: {}, rawBody: 'phone=1' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('answers {"code":0} with 200 when accepted and a 500 otherwise, so Aliyun pushes again', () => {
    expect(sms.callbackResponse!(true)).toEqual({
      statusCode: 200,
      contentType: 'application/json',
      body: '{"code":0,"msg":"接收成功"}',
    });
    expect(sms.callbackResponse!(false).statusCode).toBe(500);
  });
});
