import { describe, expect, it } from 'vitest';
import { positionalParams, tencentSmsProvider } from './tencent.ts';
import { recordingFetch } from './testing-fetch.ts';

const config = { secretId: 'AKID-test-id', secretKey: 'test-secret-key', smsSdkAppId: '1400006666' };
// 2026-11-29T01:02:03Z = 1795914123, 09:02:03 in Beijing.
const clock = { now: () => new Date('2026-11-29T01:02:03.789Z') };
const message = {
  phone: '+8613800138000',
  signName: '公益测试',
  templateCode: '1110',
  templateParams: { '2': '100.00', '1': '张三' },
  reference: 'msg-1',
};
const sent = {
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1045710669157053657849499619',
        PhoneNumber: '+8613800138000',
        Fee: 1,
        SessionContext: 'msg-1',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      },
    ],
    RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
  },
};
const statusCode = (Code: string, Message = 'x') => ({
  Response: { SendStatusSet: [{ SerialNo: '', Code, Message }], RequestId: 'r' },
});
const errorBody = (Code: string) => ({ Response: { Error: { Code, Message: 'x' }, RequestId: 'r' } });

function provider(answer: Parameters<typeof recordingFetch>[0]) {
  const stand = recordingFetch(answer);
  return { sms: tencentSmsProvider(config, { fetch: stand.fetch, clock }), requests: stand.requests };
}

describe('Tencent Cloud SendSms', () => {
  it('posts the exact payload with the TC3 headers (signature computed with OpenSSL)', async () => {
    const { sms, requests } = provider({ body: sent });
    expect(await sms.send(message)).toEqual({ ok: true, providerMessageId: '5000:1045710669157053657849499619' });
    const request = requests[0]!;
    expect(request.url).toBe('https://sms.tencentcloudapi.com/');
    expect(request.body).toBe(
      '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"公益测试","TemplateId":"1110","TemplateParamSet":["张三","100.00"],"SessionContext":"msg-1"}',
    );
    expect(request.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-timestamp': '1795914123',
      'x-tc-region': 'ap-guangzhou',
      authorization:
        'TC3-HMAC-SHA256 Credential=AKID-test-id/2026-11-29/sms/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=0f421755a35fb597fcf9113f438161926a9b0acdac3d32a289b5efdca9718d00',
    });
  });

  it('orders template parameters by position and refuses keys that are not 1…n', async () => {
    expect(positionalParams({ '3': 'c', '1': 'a', '2': 'b' })).toEqual(['a', 'b', 'c']);
    expect(positionalParams({})).toEqual([]);
    expect(positionalParams({ name: 'a' })).toBeUndefined();
    expect(positionalParams({ '1': 'a', '3': 'c' })).toBeUndefined();
    expect(positionalParams({ '01': 'a' })).toBeUndefined();
    const { sms, requests } = provider({ body: sent });
    expect(await sms.send({ ...message, templateParams: { name: '张三' } })).toMatchObject({
      ok: false,
      failure: { kind: 'template-rejected', retryable: false },
    });
    expect(requests).toHaveLength(0);
  });

  it('refuses an invalid number before any call', async () => {
    const { sms, requests } = provider({ body: sent });
    expect(await sms.send({ ...message, phone: '+86123' })).toMatchObject({ failure: { kind: 'invalid-number' } });
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 30],
    ['LimitExceeded.PhoneNumberOneHourLimit', 3600],
    ['LimitExceeded.PhoneNumberDailyLimit', 53_877],
    // Marketing messages may go again at 08:00 Beijing time: 22:57:57 after 09:02:03.
    ['FailedOperation.MarketingSendTimeConstraint', 82_677],
  ])('reads the per-number status %s as throttled for %i s', async (code, seconds) => {
    const { sms } = provider({ body: statusCode(code) });
    expect(await sms.send(message)).toMatchObject({
      ok: false,
      failure: { kind: 'throttled', retryable: true, retryAfterSeconds: seconds, providerCode: code },
    });
  });

  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber', 'invalid-number', false],
    ['FailedOperation.PhoneNumberInBlacklist', 'invalid-number', false],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'signature-rejected', false],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'template-rejected', false],
    ['InvalidParameterValue.TemplateParameterFormatError', 'template-rejected', false],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'other', false],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'auth-failed', false],
  ] as const)('reads the per-number status %s as %s', async (code, kind, retryable) => {
    const { sms } = provider({ body: statusCode(code) });
    expect(await sms.send(message)).toMatchObject({ ok: false, failure: { kind, retryable, providerCode: code } });
  });

  it.each([
    ['AuthFailure.SignatureFailure', 'auth-failed'],
    ['AuthFailure.SecretIdNotFound', 'auth-failed'],
    ['RequestLimitExceeded', 'throttled'],
    ['InternalError.Timeout', 'unavailable'],
    ['InvalidParameter', 'other'],
  ] as const)('reads the request error %s as %s', async (code, kind) => {
    const { sms } = provider({ body: errorBody(code) });
    expect(await sms.send(message)).toMatchObject({ ok: false, failure: { kind, providerCode: code } });
  });

  it('treats a gateway error page and a network error as unavailable', async () => {
    expect(await provider({ status: 502, body: 'Bad Gateway' }).sms.send(message)).toMatchObject({
      failure: { kind: 'unavailable', providerCode: 'HTTP_502' },
    });
    expect(await provider(new TypeError('fetch failed')).sms.send(message)).toMatchObject({
      failure: { kind: 'unavailable', providerCode: 'NETWORK' },
    });
  });
});

describe('Tencent Cloud callbacks', () => {
  const { sms } = provider({ body: {} });
  const request = (body: unknown) => ({ headers: {}, rawBody: JSON.stringify(body) });

  it('reads the 短信下发状态通知 example', () => {
    const body = [
      {
        user_receive_time: '2015-10-17 08:03:04',
        nationcode: '86',
        mobile: '13800138000',
        report_status: 'SUCCESS',
        errmsg: 'DELIVRD',
        description: '用户短信送达成功',
        sid: 'xxxxxxx',
      },
      { nationcode: '86', mobile: '13800138001', report_status: 'UNKNOWN', sid: 'y' },
    ];
    expect(sms.parseDeliveryReceipts!(request(body))).toEqual({
      ok: true,
      skipped: 1,
      events: [
        {
          providerMessageId: 'xxxxxxx',
          phone: '+8613800138000',
          delivered: true,
          statusCode: 'DELIVRD',
          description: '用户短信送达成功',
          reportedAt: new Date('2015-10-17T00:03:04Z'),
        },
      ],
    });
  });

  it('reads the 短信回复 example, a single object with Unix seconds', () => {
    const body = {
      extend: '',
      mobile: '13800138000',
      nationcode: '86',
      sign: '短信签名',
      text: '退订',
      time: 1457336869,
    };
    expect(sms.parseInboundMessages!(request(body))).toEqual({
      ok: true,
      skipped: 0,
      events: [
        {
          phone: '+8613800138000',
          text: '退订',
          receivedAt: new Date(1457336869 * 1000),
          signName: '短信签名',
          extension: undefined,
        },
      ],
    });
  });

  it('answers {"result":0,"errmsg":"OK"} when accepted', () => {
    expect(sms.callbackResponse!(true).body).toBe('{"result":0,"errmsg":"OK"}');
    expect(JSON.parse(sms.callbackResponse!(false).body)).toMatchObject({ result: 1 });
  });
});
