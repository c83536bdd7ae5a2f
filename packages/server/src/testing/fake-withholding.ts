import { createSign, createVerify } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { notifySignContent, signContent } from '../adapters/payments/alipay-sign.ts';
import { testKeys } from '../adapters/payments/test-keys/test-keys.ts';
import { parseV2Xml, toV2Xml, v2Sign, verifyV2, type V2Fields } from '../adapters/payments/wechat-v2.ts';

/**
 * TEST ONLY: the withholding side of the fake vendors, to the published specs. WeChat Pay's APIv2 papay
 * calls (XML, checked by their MD5 sign with the merchant's APIv2 key, answered signed with it) and
 * Alipay's gateway (form posts checked by their RSA2 sign with the application's public key, answers
 * signed with the test Alipay key, as Alipay signs the raw `…_response` node).
 */
export const fakeWithholding = {
  apiV2Key: 'TESTONLYapiv2key0123456789abcdef',
  planId: '12535',
  alipayAppId: '2021000117600001',
  signScene: 'INDUSTRY|DONATION',
} as const;

export interface WithholdingState {
  papayRequests: { path: string; fields: V2Fields; signatureValid: boolean }[];
  alipayRequests: {
    method: string;
    biz: Record<string, unknown>;
    params: Record<string, string>;
    signatureValid: boolean;
  }[];
  /** The err_code the next 申请扣款 is refused with (NOTENOUGH: 余额不足), once. */
  declineNextCharge?: string;
  /** Runs before 申请扣款 is answered: a test posts the result notification there, as WeChat may send it first. */
  beforeChargeAnswer?: (fields: V2Fields) => Promise<void>;
  /** What the next alipay.trade.pay answers instead of 10000 (paid), once. */
  alipayPayAnswer?: Record<string, string>;
}

export const newWithholdingState = (): WithholdingState => ({ papayRequests: [], alipayRequests: [] });

const papayPaths = new Set(['/pay/contractorder', '/pay/pappayapply', '/papay/deletecontract', '/pay/paporderquery']);

/** Answers a withholding request, if it is one; false leaves it to the APIv3 fake. */
export async function answerWithholding(
  state: WithholdingState,
  path: string,
  raw: string,
  response: ServerResponse,
): Promise<boolean> {
  if (papayPaths.has(path)) {
    const fields = parseV2Xml(raw) ?? {};
    const signatureValid = verifyV2(fields, fakeWithholding.apiV2Key);
    state.papayRequests.push({ path, fields, signatureValid });
    response.writeHead(200, { 'content-type': 'text/xml' });
    if (!signatureValid) {
      response.end(toV2Xml({ return_code: 'FAIL', return_msg: '签名错误' }));
      return true;
    }
    if (path === '/pay/pappayapply') await state.beforeChargeAnswer?.(fields);
    response.end(signedV2(papayAnswer(state, path, fields)));
    return true;
  }
  if (path === '/gateway.do') {
    const params = Object.fromEntries(new URLSearchParams(raw));
    const signatureValid = createVerify('RSA-SHA256')
      .update(signContent(params, ['sign']))
      .verify(testKeys.merchantPublic, params.sign ?? '', 'base64');
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, unknown>;
    state.alipayRequests.push({ method: params.method ?? '', biz, params, signatureValid });
    response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    response.end(alipayAnswer(state, params.method ?? '', biz, signatureValid));
    return true;
  }
  return false;
}

function papayAnswer(state: WithholdingState, path: string, fields: V2Fields): V2Fields {
  const base = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: fields.appid,
    mch_id: fields.mch_id,
    nonce_str: 'FAKEnonce',
  };
  if (path === '/pay/contractorder')
    return {
      ...base,
      result_code: 'SUCCESS',
      trade_type: fields.trade_type,
      prepay_id: `wx2026${fields.out_trade_no}`,
      ...(fields.trade_type === 'NATIVE' ? { code_url: `weixin://wxpay/bizpayurl?pr=${fields.out_trade_no}` } : {}),
      ...(fields.trade_type === 'MWEB'
        ? { mweb_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1' }
        : {}),
      plan_id: fields.plan_id,
      contract_code: fields.contract_code,
      contract_result_code: 'SUCCESS',
    };
  if (path === '/pay/pappayapply') {
    const decline = state.declineNextCharge;
    state.declineNextCharge = undefined;
    return decline
      ? { ...base, result_code: 'FAIL', err_code: decline, err_code_des: '用户账户余额不足' }
      : { ...base, result_code: 'SUCCESS' };
  }
  return { ...base, result_code: 'SUCCESS' };
}

const signedV2 = (fields: V2Fields) => toV2Xml({ ...fields, sign: v2Sign(fields, fakeWithholding.apiV2Key, 'MD5') });

function alipayAnswer(state: WithholdingState, method: string, biz: Record<string, unknown>, valid: boolean) {
  const node = `${method.replaceAll('.', '_')}_response`;
  if (!valid)
    return JSON.stringify({
      error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' },
    });
  let answer: Record<string, string> = { code: '10000', msg: 'Success' };
  if (method === 'alipay.trade.pay') {
    answer = state.alipayPayAnswer ?? {
      ...answer,
      trade_no: `2026120722001${String(biz.out_trade_no).slice(-12)}`,
      out_trade_no: String(biz.out_trade_no),
      total_amount: String(biz.total_amount),
      gmt_payment: '2026-12-07 10:00:01',
    };
    state.alipayPayAnswer = undefined;
  }
  const text = JSON.stringify(answer);
  const sign = createSign('RSA-SHA256').update(text).sign(testKeys.platformPrivate, 'base64');
  return `{"${node}":${text},"sign":"${sign}"}`;
}

/** A WeChat Pay APIv2 notification (pay result, or 签约/解约), signed with the APIv2 key given. */
export function wechatV2Notice(fields: V2Fields, apiV2Key: string = fakeWithholding.apiV2Key) {
  const all = { return_code: 'SUCCESS', ...fields };
  return { headers: {}, rawBody: toV2Xml({ ...all, sign: v2Sign(all, apiV2Key, 'MD5') }) };
}

/** An Alipay asynchronous notification, RSA2-signed with the key given (the test Alipay key by default). */
export function alipayNotice(fields: Record<string, string>, signingKey: string = testKeys.platformPrivate) {
  const all = { charset: 'utf-8', version: '1.0', sign_type: 'RSA2', ...fields };
  const sign = createSign('RSA-SHA256').update(notifySignContent(all)).sign(signingKey, 'base64');
  return { headers: {}, rawBody: new URLSearchParams({ ...all, sign }).toString() };
}
