import { createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testKeys } from './test-keys/test-keys.ts';
import { authorizationHeader, jsapiPayParams, requestSigningMessage, responseSigningMessage } from './wechat-sign.ts';

// Expected signatures were computed independently with OpenSSL over the same message, e.g.
//   printf 'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n' |
//     openssl dgst -sha256 -sign test-keys/merchant-TEST-ONLY.key.pem | base64 -w0
// RSASSA-PKCS1-v1_5 is deterministic, so the same key and message always give these strings.
const merchant = {
  mchid: '1900009191',
  serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
  privateKey: testKeys.merchantPrivate,
};

describe('WeChat Pay APIv3 request signing', () => {
  // The worked example of "签名生成" (pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_0.shtml):
  // GET /v3/certificates at 1554208460 with nonce 593BEC0C930BF1AFEB40B4A08C8FB242 and an empty body.
  const certificates = {
    method: 'GET',
    url: '/v3/certificates',
    timestamp: 1554208460,
    nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    body: '',
  };

  it('builds the five-line message of the spec example, each line ending in \\n', () => {
    expect(requestSigningMessage(certificates)).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
  });

  it('gives the exact Authorization header for the spec example', () => {
    expect(authorizationHeader(merchant, certificates)).toBe(
      'WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",' +
        'signature="Hd5AxfQfcp9SpLt/Fj3pAoLpbKNJ7UP/jpjCr4fv9Tdow2vZfh5K6WgmsQUDCpukaAG4VQOUUvtVn84c4d6MiUyVI4Y4BKfI3STLqQ7l50GcQwtftjKjiCsXlhPvuNL1Cnw5alVnf8UUHhyTNzz+2qkXJx8grPVY2d1FLDXkD3JyKcLwTgDncdKDQg5olcPlObgXY8JlvD0JIM+FvBzWFHEQrfAOxVLeNuvhTtf9+CgLFHj+OwRsHIo6HhhueB38+d/QYaGyxSIhcSJD53YgA3VYs2kRy1+sUwVIKU4gWnmQwnOCY3rENZZW0YymbwVLFAPtxxuQwtNDrzCbM5Q3Sg==",' +
        'timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"',
    );
  });

  it('signs a POST body exactly as sent (the Native order example of the API reference)', () => {
    const body =
      '{"appid":"wxd678efh567hg6787","mchid":"1230000109","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"}}';
    const header = authorizationHeader(merchant, {
      method: 'post',
      url: '/v3/pay/transactions/native',
      timestamp: 1554208460,
      nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
      body,
    });
    expect(header).toContain(
      'signature="arf5ejrCD+KYcl+kYxSYPav45k9MCARyG/0D9Yjo0XN5k6knIor7oD/OcSIh/w533E/Wy8byDxOubTcWCbUyn8zGMekXgFM0i/wfBzd34r1Sh2BV07S8KOIifvLKGYwYgqcAJmq4EK/B9uJyBkLDltrrcdw17YmOtVhFSTw+NeMjXcPcy/tSV/azwtpkd8eZHuvArwN8KatvAiLbxfOinNYwmVATtHPbsTza280EXKyAv3uUcJADtb3v5ycCqF5ItRjYTp3pUMGSNxh6uKyolgQsbRhX8ftiHLKts7BUtajyXTyT3zKR3lWDm3zdjfFqrZuK9pqQ0DZvAh0uqXjdsQ=="',
    );
  });
});

describe('WeChat Pay response and callback signing message', () => {
  // The response example of "签名验证" (wechatpay4_1.shtml): Wechatpay-Timestamp 1554209980,
  // Wechatpay-Nonce c5ac7061fccab6bf3e254dcf98995b8c and the body {"prepay_id":…}.
  it('is the three lines of the spec example', () => {
    expect(
      responseSigningMessage(
        '1554209980',
        'c5ac7061fccab6bf3e254dcf98995b8c',
        '{"prepay_id":"wx2922034726858082fbd40b511c67630000"}',
      ),
    ).toBe('1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{"prepay_id":"wx2922034726858082fbd40b511c67630000"}\n');
  });
});

describe('JSAPI pay-sign for WeixinJSBridge', () => {
  // The data example of "JSAPI调起支付" (pay.weixin.qq.com/docs/merchant/apis/jsapi-payment/jsapi-transfer-payment.html).
  const params = jsapiPayParams(
    'wx8888888888888888',
    'wx201410272009395522657a690389285100',
    1414561699,
    '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    testKeys.merchantPrivate,
  );

  it('gives the exact paySign for the spec example', () => {
    expect(params).toEqual({
      appId: 'wx8888888888888888',
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
      paySign:
        'nlDU+qrupmcfV9zXI/fzUMYFKppXtUqeKNEtL6xhX6xN+kFAnsSg9RqRkjfrK1t8XGsXOCbjJT6UtWsUmO+PL5edmmWwZHeQvws92JZfEASCeeSMRs7aFoZVdCqk03LXXP17zbAlbEbXx7f6ru2APOv+rjRY8ArVjvD6r2Qcdh4cffkGJnpA7Ou4wmfgwT4GaWjtrn/YtFjbToTpU4hIu5iqMIfeeL4DlowuD96DimRzSlk9BsPwndSbyYmnzhxF0vAsMD3llwTOyJAW0TSipqvBjbBKj6dV2z2oUqI5JkfjaMHq10RNgm+5kGOGY3/te0k0AiK7mVH9l+eJRaJPeg==',
    });
  });

  it('verifies under the merchant public key over the four-line message', () => {
    const message =
      'wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n';
    const key = createPublicKey(testKeys.merchantPublic);
    expect(createVerify('RSA-SHA256').update(message).verify(key, params.paySign, 'base64')).toBe(true);
  });
});
