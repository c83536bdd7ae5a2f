import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { alipayKey, signRequest, signedNodeText, verifyRsa2, type AlipayParams } from './alipay-sign.ts';
import {
  agreementSignParams,
  CYCLE_PAY_PERSONAL_PRODUCT,
  CYCLE_PAY_PRODUCT,
  type AlipayWithholdingConfig,
} from './alipay-agreement.ts';
import { readAlipayNotification } from './alipay-notify.ts';
import { beijingDateTime, parseBeijingDateTime } from './beijing-time.ts';
import { parseJson } from './json.ts';
import { assertPayable, fenToYuan, yuanToFen } from './money.ts';
import type {
  AgreementCharge,
  AgreementChargeResult,
  CreatePaymentInput,
  Fetch,
  OrderStatus,
  PaymentProvider,
  RefundInput,
} from './provider.ts';
import { PaymentProviderError } from './provider.ts';
import { truncateUtf8 } from './truncate.ts';

export interface AlipayConfig {
  appId: string;
  /** 应用私钥 (PEM, or the bare base64 the key tool prints). */
  appPrivateKey: string;
  /** 支付宝公钥 (PEM or bare base64): Alipay signs notifications and answers with its key. */
  alipayPublicKey: string;
  gateway?: string;
  /** 周期扣款, when the application has it: monthly gifts are offered only then. */
  withholding?: AlipayWithholdingConfig;
}

export interface AlipayDeps {
  fetch: Fetch;
  clock: Clock;
}

const productCodes = { 'alipay-page': 'FAST_INSTANT_TRADE_PAY', 'alipay-wap': 'QUICK_WAP_WAY' } as const;
const methods = { 'alipay-page': 'alipay.trade.page.pay', 'alipay-wap': 'alipay.trade.wap.pay' } as const;

const tradeStates: Record<string, OrderStatus['state']> = {
  WAIT_BUYER_PAY: 'pending',
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'paid',
  TRADE_CLOSED: 'closed',
};

/** Alipay Open Platform (支付宝开放平台) with RSA2 keys: page and WAP pay, query, refund, notifications. */
export function alipayProvider(config: AlipayConfig, deps: AlipayDeps): PaymentProvider {
  const gateway = config.gateway ?? 'https://openapi.alipay.com/gateway.do';
  const privateKey = alipayKey(config.appPrivateKey, 'private');
  const publicKey: KeyObject = alipayKey(config.alipayPublicKey, 'public');

  function signedParams(method: string, bizContent: object, extra: AlipayParams = {}): Record<string, string> {
    const params: AlipayParams = {
      app_id: config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingDateTime(deps.clock.now()),
      version: '1.0',
      ...extra,
      biz_content: JSON.stringify(bizContent),
    };
    const present = Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]));
    return { ...Object.fromEntries(present), sign: signRequest(params, privateKey) };
  }

  /** Calls a synchronous API and returns its verified response node. */
  async function call(method: string, bizContent: object, extra: AlipayParams = {}): Promise<Record<string, unknown>> {
    const node = `${method.replaceAll('.', '_')}_response`;
    let text: string;
    try {
      const response = await deps.fetch(gateway, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(signedParams(method, bizContent, extra)).toString(),
      });
      text = await response.text();
    } catch (error) {
      throw new PaymentProviderError('PROVIDER_UNAVAILABLE', `支付宝暂时无法连接：${String(error)}`);
    }
    const envelope = parseJson(text) as { sign?: unknown; error_response?: Record<string, unknown> } | undefined;
    const signed = signedNodeText(text, node);
    // Gateway-level failures (bad app_id, bad signature) come back in an unsigned error_response.
    if (!signed && envelope?.error_response) throw failure(envelope.error_response);
    if (!signed || typeof envelope?.sign !== 'string' || !verifyRsa2(signed, envelope.sign, publicKey)) {
      throw new PaymentProviderError('RESPONSE_NOT_AUTHENTIC', `支付宝的应答未通过验签（${method}）`);
    }
    return parseJson(signed) as Record<string, unknown>;
  }

  function failure(answer: Record<string, unknown>) {
    const code = String(answer.sub_code ?? answer.code);
    return new PaymentProviderError(
      'PROVIDER_REJECTED',
      `支付宝拒绝了请求：${code} ${String(answer.sub_msg ?? answer.msg ?? '')}`.trim(),
      code,
    );
  }
  async function createPayment(input: CreatePaymentInput) {
    const { channel } = input;
    if (channel.kind !== 'alipay-page' && channel.kind !== 'alipay-wap') {
      throw new PaymentProviderError('UNSUPPORTED_CHANNEL', `支付宝不支持 ${channel.kind}`);
    }
    assertPayable(input.amount);
    if (input.amount.currency !== 'CNY')
      throw new PaymentProviderError('UNSUPPORTED_CURRENCY', '支付宝只收人民币（CNY）');
    const biz = {
      out_trade_no: input.orderNo,
      total_amount: fenToYuan(input.amount.amount),
      subject: truncateUtf8(input.description, 256),
      product_code: productCodes[channel.kind],
      ...(input.expiresAt ? { time_expire: beijingDateTime(input.expiresAt) } : {}),
      ...(channel.kind === 'alipay-wap' && channel.quitUrl ? { quit_url: channel.quitUrl } : {}),
      ...(input.agreement
        ? {
            agreement_sign_params: agreementSignParams(input.agreement, input.amount, channel.kind, withholding()),
          }
        : {}),
    };
    const params = signedParams(methods[channel.kind], biz, {
      notify_url: input.notifyUrl,
      return_url: input.returnUrl,
    });
    return { action: { kind: 'redirect', url: `${gateway}?${new URLSearchParams(params).toString()}` } } as const;
  }

  function withholding(): AlipayWithholdingConfig {
    if (!config.withholding) throw new PaymentProviderError('UNSUPPORTED_CHANNEL', '这个应用没有开通周期扣款');
    return config.withholding;
  }

  /** A month's charge (alipay.trade.pay on the agreement): paid at once, declined, or (10003) told later. */
  async function chargeAgreement(input: AgreementCharge): Promise<AgreementChargeResult> {
    assertPayable(input.amount);
    const answer = await call(
      'alipay.trade.pay',
      {
        out_trade_no: input.orderNo,
        total_amount: fenToYuan(input.amount.amount),
        subject: truncateUtf8(input.description, 256),
        product_code: CYCLE_PAY_PRODUCT,
        agreement_params: { agreement_no: input.agreementId },
      },
      { notify_url: input.notifyUrl },
    );
    const paidAt = parseBeijingDateTime(answer.gmt_payment) ?? deps.clock.now();
    if (answer.code === '10000' && typeof answer.trade_no === 'string')
      return { status: 'paid', transactionId: answer.trade_no, paidAt };
    if (answer.code === '10003') return { status: 'processing' };
    // Asked again for an order already paid (a run that died after charging): the query says by which trade.
    if (answer.sub_code === 'ACQ.TRADE_HAS_SUCCESS') {
      const status = await queryOrder(input.orderNo);
      if (status.state === 'paid' && status.transactionId)
        return { status: 'paid', transactionId: status.transactionId, paidAt: status.paidAt ?? paidAt };
    }
    if (answer.code === '20000' || answer.sub_code === 'ACQ.SYSTEM_ERROR') throw failure(answer);
    return {
      status: 'declined',
      reason: `${String(answer.sub_code ?? answer.code)} ${String(answer.sub_msg ?? '')}`.trim(),
    };
  }

  /** alipay.user.agreement.unsign; an agreement Alipay no longer has counts as ended. */
  async function cancelAgreement(agreementId: string) {
    const answer = await call('alipay.user.agreement.unsign', {
      agreement_no: agreementId,
      personal_product_code: CYCLE_PAY_PERSONAL_PRODUCT,
      sign_scene: withholding().signScene,
    });
    if (answer.code !== '10000' && !String(answer.sub_code ?? '').includes('AGREEMENT_NOT_EXIST'))
      throw failure(answer);
  }

  async function queryOrder(orderNo: string): Promise<OrderStatus> {
    const answer = await call('alipay.trade.query', { out_trade_no: orderNo });
    if (answer.sub_code === 'ACQ.TRADE_NOT_EXIST') return { state: 'not-found' };
    if (answer.code !== '10000') throw failure(answer);
    const total = typeof answer.total_amount === 'string' ? yuanToFen(answer.total_amount) : undefined;
    return {
      state: tradeStates[String(answer.trade_status)] ?? 'pending',
      transactionId: typeof answer.trade_no === 'string' ? answer.trade_no : undefined,
      amount: total === undefined ? undefined : { amount: total, currency: 'CNY' },
      paidAt: parseBeijingDateTime(answer.send_pay_date),
    };
  }

  async function closeOrder(orderNo: string) {
    const answer = await call('alipay.trade.close', { out_trade_no: orderNo });
    // A trade the donor never opened does not exist at Alipay yet: nothing to close.
    if (answer.code !== '10000' && answer.sub_code !== 'ACQ.TRADE_NOT_EXIST') throw failure(answer);
  }

  async function refund(input: RefundInput) {
    assertPayable(input.refund);
    const answer = await call('alipay.trade.refund', {
      out_trade_no: input.orderNo,
      refund_amount: fenToYuan(input.refund.amount),
      out_request_no: input.refundNo,
      refund_reason: truncateUtf8(input.reason, 256),
    });
    if (answer.code !== '10000') throw failure(answer);
    return { state: 'succeeded' } as const;
  }

  return {
    name: 'alipay',
    createPayment,
    verifyCallback: async (request) => readAlipayNotification(request.rawBody, config.appId, publicKey),
    // Alipay stops retrying once the body is exactly "success"; anything else (here a 400) it sends again.
    callbackResponse: (accepted) => ({
      statusCode: accepted ? 200 : 400,
      contentType: 'text/plain',
      body: accepted ? 'success' : 'fail',
    }),
    queryOrder,
    closeOrder,
    refund,
    ...(config.withholding ? { chargeAgreement, cancelAgreement } : {}),
  };
}
