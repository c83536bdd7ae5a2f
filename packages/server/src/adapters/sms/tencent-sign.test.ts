import { describe, expect, it } from 'vitest';
import {
  tc3Authorization,
  tc3CanonicalRequest,
  tc3CredentialScope,
  tc3Signature,
  tc3StringToSign,
} from './tencent-sign.ts';

describe('TC3-HMAC-SHA256 (TencentCloud API 3.0, 签名方法 v3)', () => {
  // The worked example of 签名方法 v3 / "Signature v3" (cloud.tencent.com/document/api/213/30654,
  // tencentcloud.com/document/api/614/42761): DescribeInstances on cvm.tencentcloudapi.com at
  // timestamp 1551113065 with the payload below, SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3******* and
  // SecretKey Gu5t9xGARNpq86cd98joQYCN3*******, as the page prints them (masked, asterisks and all).
  // The page gives the hashed payload 35e9c5b0…f064, the hashed canonical request 5ffe6a04…7031 and
  // "Authorization: TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request,
  // SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c".
  const example = {
    host: 'cvm.tencentcloudapi.com',
    service: 'cvm',
    contentType: 'application/json; charset=utf-8',
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    timestamp: 1551113065,
  };
  const credentials = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  };

  it('builds the canonical request of the example', () => {
    expect(tc3CanonicalRequest(example)).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
  });

  it('builds the string to sign of the example', () => {
    expect(tc3StringToSign(example)).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('gives the exact Authorization header of the example', () => {
    expect(tc3Authorization(credentials, example)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('signs an SMS SendSms payload with Chinese text (vector computed with OpenSSL)', () => {
    // P='{"PhoneNumberSet":…}'; HP=$(printf '%s' "$P" | openssl dgst -sha256 -r)
    // canonical request hashed the same way, then the key chain
    //   kd=HMAC("TC3test-secret-key", "2026-11-29"); ks=HMAC(kd, "sms"); kr=HMAC(ks, "tc3_request")
    // each with  openssl dgst -sha256 -mac HMAC -macopt hexkey:…, and finally HMAC(kr, StringToSign).
    const request = {
      host: 'sms.tencentcloudapi.com',
      service: 'sms',
      contentType: 'application/json; charset=utf-8',
      payload:
        '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"公益测试","TemplateId":"1110","TemplateParamSet":["张三","100.00"],"SessionContext":"msg-1"}',
      timestamp: 1795914123,
    };
    expect(tc3StringToSign(request)).toBe(
      'TC3-HMAC-SHA256\n1795914123\n2026-11-29/sms/tc3_request\nc683059128a81d0b3e5aa2274b0cabd726ff069d7b50a41905e0c6032992a062',
    );
    expect(tc3Signature('test-secret-key', request)).toBe(
      '0f421755a35fb597fcf9113f438161926a9b0acdac3d32a289b5efdca9718d00',
    );
  });

  it('dates the credential scope in UTC, not Beijing time', () => {
    // 2026-11-28T20:00:00Z is already the 29th in Beijing.
    expect(tc3CredentialScope({ ...example, timestamp: 1795896000 })).toBe('2026-11-28/cvm/tc3_request');
  });
});
