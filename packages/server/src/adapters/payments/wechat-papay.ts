import { randomInt } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type {
  AgreementCharge,
  AgreementChargeResult,
  CreatePaymentInput,
  CreatedPayment,
  Fetch,
  PaymentAction,
} from './provider.ts';
import { PaymentProviderError } from './provider.ts';
import { truncateUtf8 } from './truncate.ts';
import { parseV2Time, parseV2Xml, toV2Xml, v2Sign, v2Time, verifyV2, type V2Fields } from './wechat-v2.ts';

/** 委托代扣 (papay) for a direct merchant: its APIv2 key and the 委托代扣模板 the donor signs. */
export interface WechatWithholdingConfig {
  /** The 32-character APIv2 key (API密钥), which signs every papay call and notification. */
  apiV2Key: string;
  /** The template id (plan_id) WeChat Pay gave when it approved the merchant's 委托代扣 (周期扣费). */
  planId: string;
}

interface Merchant {
  mchid: string;
  appid: string;
  baseUrl: string;
}

interface PapayDeps {
  fetch: Fetch;
  clock: Clock;
  nonce: () => string;
}

const tradeTypes = { 'wechat-jsapi': 'JSAPI', 'wechat-native': 'NATIVE', 'wechat-h5': 'MWEB' } as const;

// 申请扣款 errors that mean "try again later", not "the donor's charge failed".
const transientErrors = new Set(['SYSTEMERROR', 'FREQUENCY_LIMITED', 'FREQ_LIMIT', 'PARAM_ERROR', 'SIGNERROR']);
// 申请解约 errors that mean there is nothing left to end.
const alreadyEnded = new Set(['CONTRACT_NOT_EXIST', 'CONTRACT_TERMINATED', 'CONTRACT_HAS_TERMINATED']);

/** The signing page shows this name; WeChat refuses characters outside the BMP (emoji). */
export const contractDisplayName = (name: string) =>
  truncateUtf8(
    [...name]
      .filter((char) => char.codePointAt(0)! <= 0xffff)
      .join('')
      .trim(),
    32,
  ) || '月捐';

/**
 * WeChat Pay's 委托代扣 APIv2 calls (XML, signed with the APIv2 key, MD5 as the papay pages specify):
 * 支付中签约 (pay/contractorder), 申请扣款 (pay/pappayapply), its query (pay/paporderquery) and
 * 申请解约 (papay/deletecontract). Every answer's sign is checked before it is believed.
 */
export function wechatPapay(merchant: Merchant, config: WechatWithholdingConfig, deps: PapayDeps) {
  async function post(path: string, fields: V2Fields): Promise<V2Fields> {
    const body = toV2Xml({ ...fields, sign: v2Sign(fields, config.apiV2Key, 'MD5') });
    let text: string;
    try {
      const response = await deps.fetch(`${merchant.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', 'User-Agent': 'commonweal' },
        body,
      });
      text = await response.text();
    } catch (error) {
      throw new PaymentProviderError('PROVIDER_UNAVAILABLE', `微信支付暂时无法连接：${String(error)}`);
    }
    const answer = parseV2Xml(text);
    if (!answer) throw new PaymentProviderError('PROVIDER_UNAVAILABLE', '微信支付的应答无法识别');
    // A communication failure (return_code FAIL: a bad sign, a missing field) comes back unsigned.
    if (answer.return_code !== 'SUCCESS')
      throw new PaymentProviderError(
        'PROVIDER_REJECTED',
        `微信支付拒绝了请求：${answer.return_msg ?? ''}`.trim(),
        answer.return_code,
      );
    if (!verifyV2(answer, config.apiV2Key))
      throw new PaymentProviderError('RESPONSE_NOT_AUTHENTIC', `微信支付的应答未通过验签（${path}）`);
    return answer;
  }

  const common = () => ({ appid: merchant.appid, mch_id: merchant.mchid, nonce_str: deps.nonce() });

  /** 支付中签约: the first monthly gift's order, whose payment also signs the agreement. */
  async function createContractPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const { channel, agreement } = input;
    if (
      !agreement ||
      (channel.kind !== 'wechat-jsapi' && channel.kind !== 'wechat-native' && channel.kind !== 'wechat-h5')
    )
      throw new PaymentProviderError('UNSUPPORTED_CHANNEL', `微信支付中签约不支持 ${channel.kind}`);
    const answer = await post('/pay/contractorder', {
      ...common(),
      contract_mchid: merchant.mchid,
      contract_appid: merchant.appid,
      out_trade_no: input.orderNo,
      body: truncateUtf8(input.description, 127),
      notify_url: input.notifyUrl,
      total_fee: String(input.amount.amount),
      fee_type: 'CNY',
      spbill_create_ip: channel.kind === 'wechat-h5' ? channel.clientIp : (agreement.clientIp ?? '127.0.0.1'),
      time_expire: input.expiresAt ? v2Time(input.expiresAt) : undefined,
      trade_type: tradeTypes[channel.kind],
      openid: channel.kind === 'wechat-jsapi' ? channel.openid : undefined,
      plan_id: config.planId,
      contract_code: agreement.contractCode,
      // Unique per request, digits only, no leading zero, within int64: the time in ms and three random digits.
      request_serial: `${deps.clock.now().getTime()}${String(randomInt(1000)).padStart(3, '0')}`,
      contract_display_account: contractDisplayName(agreement.displayName),
      contract_notify_url: agreement.notifyUrl,
    });
    if (answer.result_code !== 'SUCCESS') throw refused(answer);
    // The payment could be made but the agreement not signed: not a monthly gift, so not started.
    if (answer.contract_result_code && answer.contract_result_code !== 'SUCCESS')
      throw new PaymentProviderError(
        'PROVIDER_REJECTED',
        `微信支付不能签约委托代扣：${answer.contract_err_code ?? ''} ${answer.contract_err_code_des ?? ''}`.trim(),
        answer.contract_err_code,
      );
    return { providerPaymentId: answer.prepay_id, action: actionFor(channel.kind, answer, input.returnUrl) };
  }

  function actionFor(kind: keyof typeof tradeTypes, answer: V2Fields, returnUrl: string): PaymentAction {
    const field = { 'wechat-jsapi': 'prepay_id', 'wechat-native': 'code_url', 'wechat-h5': 'mweb_url' }[kind];
    const value = answer[field];
    if (!value) throw new PaymentProviderError('PROVIDER_REJECTED', `微信支付的应答缺少 ${field}`);
    if (kind === 'wechat-native') return { kind: 'qr-code', content: value };
    if (kind === 'wechat-h5')
      return { kind: 'redirect', url: `${value}&redirect_url=${encodeURIComponent(returnUrl)}` };
    // APIv2 JSAPI调起支付: paySign is the APIv2 sign of these five fields.
    const params = {
      appId: merchant.appid,
      timeStamp: String(Math.floor(deps.clock.now().getTime() / 1000)),
      nonceStr: deps.nonce(),
      package: `prepay_id=${value}`,
      signType: 'MD5' as const,
    };
    return { kind: 'wechat-jsapi', params: { ...params, paySign: v2Sign(params, config.apiV2Key, 'MD5') } };
  }

  /** 申请扣款: accepted now, paid or not told by the 扣款结果通知. */
  async function chargeAgreement(input: AgreementCharge): Promise<AgreementChargeResult> {
    const answer = await post('/pay/pappayapply', {
      ...common(),
      body: truncateUtf8(input.description, 127),
      out_trade_no: input.orderNo,
      total_fee: String(input.amount.amount),
      fee_type: 'CNY',
      spbill_create_ip: '127.0.0.1',
      notify_url: input.notifyUrl,
      trade_type: 'PAP',
      contract_id: input.agreementId,
    });
    if (answer.result_code === 'SUCCESS') return { status: 'processing' };
    const code = answer.err_code ?? '';
    // The same out_trade_no is charged once: asked again after it was paid, the query says by which transaction.
    if (code === 'ORDERPAID') return paidCharge(input.orderNo);
    if (transientErrors.has(code)) throw refused(answer, 'PROVIDER_UNAVAILABLE');
    return { status: 'declined', reason: `${code} ${answer.err_code_des ?? ''}`.trim() };
  }

  async function paidCharge(orderNo: string): Promise<AgreementChargeResult> {
    const answer = await post('/pay/paporderquery', { ...common(), out_trade_no: orderNo });
    const paidAt = parseV2Time(answer.time_end);
    if (answer.result_code !== 'SUCCESS' || answer.trade_state !== 'SUCCESS' || !answer.transaction_id || !paidAt)
      throw refused(answer, 'PROVIDER_UNAVAILABLE');
    return { status: 'paid', transactionId: answer.transaction_id, paidAt };
  }

  /** 申请解约 by contract_id; an agreement already ended counts as ended. */
  async function cancelAgreement(agreementId: string) {
    const answer = await post('/papay/deletecontract', {
      appid: merchant.appid,
      mch_id: merchant.mchid,
      contract_id: agreementId,
      contract_termination_remark: '捐赠人取消月捐',
      version: '1.0',
    });
    if (answer.result_code !== 'SUCCESS' && !alreadyEnded.has(answer.err_code ?? '')) throw refused(answer);
  }

  return { createContractPayment, chargeAgreement, cancelAgreement };
}

function refused(answer: V2Fields, kind: 'PROVIDER_REJECTED' | 'PROVIDER_UNAVAILABLE' = 'PROVIDER_REJECTED') {
  const code = answer.err_code ?? answer.result_code ?? 'FAIL';
  return new PaymentProviderError(kind, `微信支付拒绝了请求：${code} ${answer.err_code_des ?? ''}`.trim(), code);
}
