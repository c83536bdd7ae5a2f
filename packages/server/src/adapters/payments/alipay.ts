import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { alipayKey, signRequest, signedNodeText, verifyRsa2, type AlipayParams } from './alipay-sign.ts';
import { readAlipayNotification } from './alipay-notify.ts';
import { beijingDateTime, parseBeijingDateTime } from './beijing-time.ts';
import { parseJson } from './json.ts';
import { assertPayable, fenToYuan, yuanToFen } from './money.ts';
import type { CreatePaymentInput, Fetch, OrderStatus, PaymentProvider, RefundInput } from './provider.ts';
import { PaymentProviderError } from './provider.ts';
import { truncateUtf8 } from './truncate.ts';

export interface AlipayConfig {
  appId: string;
  /** 应用私钥 (PEM, or the bare base64 the key tool prints). */
  appPrivateKey: string;
  /** 支付宝公钥 (PEM or bare base64): Alipay signs notifications and answers with its key. */
  alipayPublicKey: string;
  gateway?: string;
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
  async function call(method: string, bizContent: object): Promise<Record<string, unknown>> {
    const node = `${method.replaceAll('.', '_')}_response`;
    let text: string;
    try {
      const response = await deps.fetch(gateway, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(signedParams(method, bizContent)).toString(),
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
    };
    const params = signedParams(methods[channel.kind], biz, {
      notify_url: input.notifyUrl,
      return_url: input.returnUrl,
    });
    return { action: { kind: 'redirect', url: `${gateway}?${new URLSearchParams(params).toString()}` } } as const;
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
    // Alipay stops retrying once the body is exactly "success".
    callbackResponse: (accepted) => ({
      statusCode: 200,
      contentType: 'text/plain',
      body: accepted ? 'success' : 'fail',
    }),
    queryOrder,
    closeOrder,
    refund,
  };
}
