import { describe, expect, it } from 'vitest';
import { readV2Notification, v2CallbackResponse } from './wechat-v2-notify.ts';
import { parseV2Time, parseV2Xml, toV2Xml, v2Sign, v2SignString, verifyV2 } from './wechat-v2.ts';

// 签名算法 (APIv2 "安全规范"): the documented example's fields, key, stringSignTemp and both signs.
const example = {
  appid: 'wxd930ea5d5a258f4f',
  mch_id: '10000100',
  device_info: '1000',
  body: 'test',
  nonce_str: 'ibuaiVcKdpRxkhJA',
};
const exampleKey = '192006250b4c09247ec02edce69f6a2d';

describe('WeChat Pay APIv2 signing (签名算法)', () => {
  it('builds the documented stringSignTemp and signs it as the spec prints, MD5 and HMAC-SHA256', () => {
    expect(v2SignString(example, exampleKey)).toBe(
      'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA' +
        '&key=192006250b4c09247ec02edce69f6a2d',
    );
    expect(v2Sign(example, exampleKey, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(v2Sign(example, exampleKey, 'HMAC-SHA256')).toBe(
      '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
    );
  });

  it('leaves out sign and empty values, and verifies by the sign_type the message names', () => {
    expect(v2SignString({ ...example, sign: 'X', detail: '' }, exampleKey)).toBe(v2SignString(example, exampleKey));
    expect(verifyV2({ ...example, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, exampleKey)).toBe(true);
    expect(verifyV2({ ...example, sign: '9a0a8659f005d6984697e2ca0a9cf3b7' }, exampleKey)).toBe(true);
    const hmac = { ...example, sign_type: 'HMAC-SHA256' };
    expect(verifyV2({ ...hmac, sign: v2Sign(hmac, exampleKey, 'HMAC-SHA256') }, exampleKey)).toBe(true);
    expect(verifyV2({ ...example, body: 'tested', sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, exampleKey)).toBe(false);
    expect(verifyV2({ ...example, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, `${exampleKey.slice(1)}x`)).toBe(false);
    expect(verifyV2(example, exampleKey)).toBe(false);
  });

  it('writes and reads the documented <xml> (CDATA or plain), and nothing else', () => {
    const xml = toV2Xml({ ...example, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' });
    expect(xml).toBe(
      '<xml><appid><![CDATA[wxd930ea5d5a258f4f]]></appid><mch_id><![CDATA[10000100]]></mch_id>' +
        '<device_info><![CDATA[1000]]></device_info><body><![CDATA[test]]></body>' +
        '<nonce_str><![CDATA[ibuaiVcKdpRxkhJA]]></nonce_str><sign><![CDATA[9A0A8659F005D6984697E2CA0A9CF3B7]]></sign></xml>',
    );
    expect(parseV2Xml(xml)).toEqual({ ...example, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' });
    expect(parseV2Xml('<xml>\n  <total_fee>1</total_fee>\n  <body>a &amp; b</body>\n</xml>')).toEqual({
      total_fee: '1',
      body: 'a & b',
    });
    expect(parseV2Xml('<!DOCTYPE x [<!ENTITY a "b">]><xml><a>&a;</a></xml>')).toBeUndefined();
    expect(parseV2Xml('<xml><a><b>1</b></a></xml>')).toBeUndefined();
    expect(parseV2Xml('{"a":1}')).toBeUndefined();
    expect(parseV2Time('20261207100001')).toEqual(new Date('2026-12-07T02:00:01Z'));
    expect(parseV2Time('2026-12-07')).toBeUndefined();
  });
});

const merchant = { mchid: '10000100', appid: 'wxd930ea5d5a258f4f', apiV2Key: exampleKey, planId: '12535' };
const signed = (fields: Record<string, string>) => toV2Xml({ ...fields, sign: v2Sign(fields, exampleKey, 'MD5') });

describe('WeChat Pay APIv2 notifications of 委托代扣', () => {
  // 签约、解约结果通知 fields, as the spec lists them.
  const contract = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    result_code: 'SUCCESS',
    mch_id: '10000100',
    contract_code: 'CW20261207A1B2C3D4E5F60718',
    plan_id: '12535',
    openid: 'onqOjjmM1tad-3ROpncN-yUfa6ua',
    change_type: 'ADD',
    operate_time: '2026-12-07 10:00:00',
    contract_id: 'Wx15463511252015071056489715',
    request_serial: '1765072800000123',
  };

  it('reads a signed 签约 notice into the agreement of its first order, and a 解约 into its end', () => {
    expect(readV2Notification(signed(contract), merchant)).toEqual({
      status: 'agreement',
      event: {
        kind: 'agreement-signed',
        notificationId: 'papay:ADD:Wx15463511252015071056489715',
        orderNo: 'CW20261207A1B2C3D4E5F60718',
        agreementId: 'Wx15463511252015071056489715',
        occurredAt: new Date('2026-12-07T02:00:00Z'),
      },
    });
    const ended = readV2Notification(
      signed({ ...contract, change_type: 'DELETE', contract_termination_mode: '2' }),
      merchant,
    );
    expect(ended).toMatchObject({ status: 'agreement', event: { kind: 'agreement-ended', endedBy: 'donor' } });
  });

  it('reads the 扣款结果通知: paid with its transaction, or declined with WeChat’s reason', () => {
    const pay = {
      return_code: 'SUCCESS',
      result_code: 'SUCCESS',
      appid: 'wxd930ea5d5a258f4f',
      mch_id: '10000100',
      nonce_str: 'n1',
      openid: 'o1',
      trade_type: 'PAP',
      trade_state: 'SUCCESS',
      total_fee: '5000',
      fee_type: 'CNY',
      transaction_id: '4200000123201612071234567890',
      out_trade_no: 'CM20261207A1B2C3D4E5F60718',
      time_end: '20261207100001',
      contract_id: 'Wx15463511252015071056489715',
    };
    expect(readV2Notification(signed(pay), merchant)).toMatchObject({
      status: 'verified',
      event: { kind: 'paid', amount: { amount: 5000, currency: 'CNY' }, transactionId: pay.transaction_id },
    });
    const failed = readV2Notification(
      signed({ ...pay, result_code: 'FAIL', trade_state: 'PAYERROR', err_code: 'NOTENOUGH', err_code_des: '余额不足' }),
      merchant,
    );
    expect(failed).toMatchObject({
      status: 'agreement',
      event: { kind: 'charge-declined', orderNo: pay.out_trade_no, reason: 'NOTENOUGH 余额不足' },
    });
    expect(readV2Notification(signed({ ...pay, total_fee: '50.5' }), merchant)).toEqual({
      status: 'rejected',
      reason: 'bad-amount',
    });
  });

  it('refuses a forged, tampered, unsigned or another merchant’s notice', () => {
    const body = signed(contract);
    expect(readV2Notification(body.replace('ADD', 'DELETE'), merchant)).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
    expect(readV2Notification(toV2Xml(contract), merchant)).toEqual({
      status: 'rejected',
      reason: 'missing-signature',
    });
    expect(readV2Notification(body, { ...merchant, apiV2Key: 'another-key-of-32-characters-xyz' })).toEqual({
      status: 'rejected',
      reason: 'bad-signature',
    });
    expect(readV2Notification(signed({ ...contract, mch_id: '10000101' }), merchant)).toEqual({
      status: 'rejected',
      reason: 'wrong-merchant',
    });
    expect(readV2Notification(signed({ ...contract, plan_id: '999' }), merchant)).toEqual({
      status: 'rejected',
      reason: 'wrong-merchant',
    });
    expect(readV2Notification('<xml><a>', merchant)).toEqual({ status: 'rejected', reason: 'malformed' });
  });

  it('answers with the XML the spec asks for', () => {
    expect(v2CallbackResponse(true)).toEqual({
      statusCode: 200,
      contentType: 'text/xml',
      body: '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>',
    });
    expect(v2CallbackResponse(false).statusCode).toBe(400);
    expect(v2CallbackResponse(false).body).toContain('FAIL');
  });
});
