import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { beijingRfc3339 } from './beijing-time.ts';
import { assertPayable, isMinorUnits } from './money.ts';
import type {
  CreatePaymentInput,
  Fetch,
  OrderStatus,
  PaymentAction,
  PaymentProvider,
  RefundInput,
} from './provider.ts';
import { PaymentProviderError } from './provider.ts';
import { truncateUtf8 } from './truncate.ts';
import { readWechatNotification } from './wechat-callback.ts';
import { randomNonce, wechatClient, wechatFailure, type WechatResponse } from './wechat-client.ts';
import { wechatPapay, type WechatWithholdingConfig } from './wechat-papay.ts';
import { jsapiPayParams } from './wechat-sign.ts';
import { isV2Notification, readV2Notification, v2CallbackResponse } from './wechat-v2-notify.ts';
import { platformKey, verifyWechatSignature } from './wechat-verify.ts';

export interface WechatPayConfig {
  mchid: string;
  /** The 公众号 (or 小程序) AppID the payments belong to. */
  appid: string;
  merchantSerialNo: string;
  /** apiclient_key.pem */
  merchantPrivateKey: string;
  /** The 32-character APIv3 key, for decrypting callbacks. */
  apiV3Key: string;
  /** Platform certificates or WeChat Pay public keys (PEM), by serial / public key id. */
  platformKeys: Record<string, string>;
  baseUrl?: string;
  /** 委托代扣, when the merchant has it: monthly gifts are offered only then. */
  withholding?: WechatWithholdingConfig;
}

export interface WechatPayDeps {
  fetch: Fetch;
  clock: Clock;
  nonce?: () => string;
}

const transactionPaths = { 'wechat-jsapi': 'jsapi', 'wechat-native': 'native', 'wechat-h5': 'h5' } as const;

const tradeStates: Record<string, OrderStatus['state']> = {
  SUCCESS: 'paid',
  REFUND: 'refunded',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'closed',
};

const queried = z.object({
  trade_state: z.string(),
  transaction_id: z.string().optional(),
  success_time: z.iso.datetime({ offset: true }).optional(),
  amount: z.object({ total: z.custom<number>(isMinorUnits), currency: z.string().default('CNY') }).optional(),
});

const refunded = z.object({ refund_id: z.string(), status: z.string() });

/** WeChat Pay APIv3 (微信支付 APIv3), for direct merchants (直连商户), CNY only. */
export function wechatPayProvider(config: WechatPayConfig, deps: WechatPayDeps): PaymentProvider {
  const privateKey = createPrivateKey(config.merchantPrivateKey);
  const platform = {
    bySerial: new Map<string, KeyObject>(
      Object.entries(config.platformKeys).map(([serial, pem]) => [serial, platformKey(serial, pem)]),
    ),
  };
  const nonce = deps.nonce ?? randomNonce;
  const call = wechatClient(
    {
      merchant: { mchid: config.mchid, serialNo: config.merchantSerialNo, privateKey },
      platform,
      baseUrl: config.baseUrl,
    },
    { ...deps, nonce },
  );
  const ok = (response: WechatResponse) => {
    if (response.status < 200 || response.status >= 300) throw wechatFailure(response);
    return response.json ?? {};
  };

  const papay =
    config.withholding &&
    wechatPapay(
      { mchid: config.mchid, appid: config.appid, baseUrl: config.baseUrl ?? 'https://api.mch.weixin.qq.com' },
      config.withholding,
      { ...deps, nonce },
    );

  async function createPayment(input: CreatePaymentInput) {
    const { channel } = input;
    if (input.agreement) {
      if (!papay) throw new PaymentProviderError('UNSUPPORTED_CHANNEL', '这个商户号没有开通委托代扣');
      assertPayable(input.amount);
      if (input.amount.currency !== 'CNY')
        throw new PaymentProviderError('UNSUPPORTED_CURRENCY', '微信支付只收人民币（CNY）');
      return papay.createContractPayment(input);
    }
    if (channel.kind !== 'wechat-jsapi' && channel.kind !== 'wechat-native' && channel.kind !== 'wechat-h5') {
      throw new PaymentProviderError('UNSUPPORTED_CHANNEL', `微信支付不支持 ${channel.kind}`);
    }
    assertPayable(input.amount);
    if (input.amount.currency !== 'CNY') {
      throw new PaymentProviderError('UNSUPPORTED_CURRENCY', '微信支付只收人民币（CNY）');
    }
    const order = {
      appid: config.appid,
      mchid: config.mchid,
      description: truncateUtf8(input.description, 127),
      out_trade_no: input.orderNo,
      notify_url: input.notifyUrl,
      amount: { total: input.amount.amount, currency: 'CNY' },
      ...(input.expiresAt ? { time_expire: beijingRfc3339(input.expiresAt) } : {}),
      ...(channel.kind === 'wechat-jsapi' ? { payer: { openid: channel.openid } } : {}),
      ...(channel.kind === 'wechat-h5'
        ? { scene_info: { payer_client_ip: channel.clientIp, h5_info: { type: 'Wap' } } }
        : {}),
    };
    const answer = ok(await call('POST', `/v3/pay/transactions/${transactionPaths[channel.kind]}`, order));
    const action = actionFor(channel.kind, answer, input.returnUrl);
    return { providerPaymentId: typeof answer.prepay_id === 'string' ? answer.prepay_id : undefined, action };
  }

  function actionFor(
    kind: keyof typeof transactionPaths,
    answer: Record<string, unknown>,
    returnUrl: string,
  ): PaymentAction {
    const field = { 'wechat-jsapi': 'prepay_id', 'wechat-native': 'code_url', 'wechat-h5': 'h5_url' }[kind];
    const value = answer[field];
    if (typeof value !== 'string') {
      throw new PaymentProviderError('PROVIDER_REJECTED', `微信支付的应答缺少 ${field}`);
    }
    if (kind === 'wechat-native') return { kind: 'qr-code', content: value };
    if (kind === 'wechat-h5')
      return { kind: 'redirect', url: `${value}&redirect_url=${encodeURIComponent(returnUrl)}` };
    const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
    return { kind: 'wechat-jsapi', params: jsapiPayParams(config.appid, value, timestamp, nonce(), privateKey) };
  }

  async function queryOrder(orderNo: string): Promise<OrderStatus> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${encodeURIComponent(config.mchid)}`;
    const response = await call('GET', path);
    if (response.status === 404) return { state: 'not-found' };
    const parsed = queried.safeParse(ok(response));
    if (!parsed.success) throw new PaymentProviderError('PROVIDER_REJECTED', '微信支付的查单应答无法识别');
    const { trade_state, transaction_id, success_time, amount } = parsed.data;
    return {
      state: tradeStates[trade_state] ?? 'pending',
      transactionId: transaction_id,
      amount: amount ? { amount: amount.total, currency: amount.currency } : undefined,
      paidAt: success_time ? new Date(success_time) : undefined,
    };
  }

  async function closeOrder(orderNo: string) {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}/close`;
    ok(await call('POST', path, { mchid: config.mchid }));
  }

  async function refund(input: RefundInput) {
    assertPayable(input.refund);
    const body = {
      out_trade_no: input.orderNo,
      out_refund_no: input.refundNo,
      reason: truncateUtf8(input.reason, 80),
      ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
      amount: { refund: input.refund.amount, total: input.total.amount, currency: input.refund.currency },
    };
    const parsed = refunded.safeParse(ok(await call('POST', '/v3/refund/domestic/refunds', body)));
    if (!parsed.success) throw new PaymentProviderError('PROVIDER_REJECTED', '微信支付的退款应答无法识别');
    const state =
      parsed.data.status === 'SUCCESS' ? 'succeeded' : parsed.data.status === 'PROCESSING' ? 'processing' : 'failed';
    return { state, providerRefundId: parsed.data.refund_id } as const;
  }

  /** 预扣费通知 (APIv3): the donor is told the coming charge, which may then be made from the third day. */
  async function announceCharge(input: { agreementId: string; amount: { amount: number; currency: string } }) {
    assertPayable(input.amount);
    const path = `/v3/papay/contracts/${encodeURIComponent(input.agreementId)}/notify`;
    ok(
      await call('POST', path, {
        mchid: config.mchid,
        appid: config.appid,
        deduct_duration: { count: 7, unit: 'DAY' },
        estimated_amount: { amount: input.amount.amount, currency: 'CNY' },
      }),
    );
  }

  const withholding = papay && {
    chargeAgreement: papay.chargeAgreement,
    cancelAgreement: papay.cancelAgreement,
    announceCharge,
    // 周期扣费 with 预扣费通知: notified on day D (7:00–22:00), charged on D+2 … D+8, 7:00–22:00 Beijing time.
    chargeRules: { notice: { waitDays: 2, validDays: 7 }, hours: { from: 7, to: 22 } },
  };

  return {
    name: 'wechat',
    createPayment,
    ...withholding,
    async verifyCallback(request) {
      if (isV2Notification(request.rawBody)) {
        if (!config.withholding) return { status: 'rejected', reason: 'not-supported' };
        return readV2Notification(request.rawBody, { ...config, ...config.withholding });
      }
      const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
      const check = verifyWechatSignature({ headers: request.headers, body: request.rawBody }, platform, nowSeconds);
      if (!check.ok) return { status: 'rejected', reason: check.reason };
      return readWechatNotification(request.rawBody, config.apiV3Key, config.mchid);
    },
    // 通知应答 (apiv3/apis/chapter3_3_5): 200/204 without a body means received; 4xx/5xx with
    // {code, message} makes WeChat Pay send it again.
    callbackResponse: (accepted, request) =>
      request && isV2Notification(request.rawBody)
        ? v2CallbackResponse(accepted)
        : accepted
          ? { statusCode: 204, contentType: 'application/json', body: '' }
          : {
              statusCode: 400,
              contentType: 'application/json',
              body: JSON.stringify({ code: 'FAIL', message: '失败' }),
            },
    queryOrder,
    closeOrder,
    refund,
  };
}
