import { PaymentProviderError } from '../../adapters/payments/index.ts';
import { AppError } from '../../errors/app-error.ts';
import { ownAccountProviders, wechatSignIn } from './payment-settings.ts';
import type { PayingClient } from './payment-channels.ts';
import { payOrder, type GivingDeps, type StartedGift } from './orders.ts';
import * as repo from './repo.ts';
import { openidOfCode, signInStateValid } from './wechat-sign-in.ts';

/**
 * A pending WeChat Pay or Alipay order, paid from this browser: the donor continues in another browser,
 * tries again after cancelling, or comes back from WeChat's sign-in with an openid. Undefined when there
 * is no such order; without an action when it can no longer be paid (paid, expired, closed).
 */
export async function continuePayment(
  deps: GivingDeps,
  orderNo: string,
  client: PayingClient,
): Promise<StartedGift | undefined> {
  const order = await repo.orderByNumber(deps.db, orderNo);
  if (!order || !ownAccountProviders.has(order.provider) || order.provider === 'bank-transfer') return undefined;
  if (order.status !== 'pending' || order.expiresAt <= deps.now()) return { order };
  const campaign = (await repo.findCampaign(deps.db, order.orgId, order.campaignId))!;
  return payOrder(deps, campaign, order, client);
}

/** Back from WeChat's sign-in: the code becomes the donor's openid, and the JSAPI payment starts. */
export async function afterWechatSignIn(
  deps: GivingDeps,
  orderNo: string,
  answer: { code?: string; state?: string },
  client: PayingClient,
): Promise<StartedGift | undefined> {
  if (!answer.code || !answer.state || !signInStateValid(deps.config.SECRET_KEY, orderNo, answer.state))
    throw new AppError('VALIDATION_FAILED', 'WeChat sign-in did not complete', [
      { path: 'querystring.code', message: 'missing, or not for this order' },
    ]);
  const order = await repo.orderByNumber(deps.db, orderNo);
  if (order?.provider !== 'wechat') return undefined;
  const account = await wechatSignIn(deps, order.orgId);
  if (!account) return continuePayment(deps, orderNo, client);
  let openid: string;
  try {
    openid = await openidOfCode(deps, account, answer.code);
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    throw new AppError('PAYMENT_UNAVAILABLE', 'WeChat could not confirm who is paying', [
      { path: 'querystring.code', message: error.message },
    ]);
  }
  return continuePayment(deps, orderNo, { ...client, channel: 'wechat-jsapi', openid });
}
