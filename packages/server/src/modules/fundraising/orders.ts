import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PaymentAction, PaymentChannel, PaymentProvider } from '../../adapters/payments/index.ts';
import { PaymentProviderError, yuanToFen } from '../../adapters/payments/index.ts';
import type { Config } from '../../config/config.ts';
import { AppError, type FieldProblem } from '../../errors/app-error.ts';
import { normalizeContactInput } from '../contacts/index.ts';
import { asTypedYuan } from './amount-text.ts';
import { chargeDayFor, chargeInMonthAfter, periodOf } from './monthly-schedule.ts';
import { onlineChannels, channelFor, type PayingClient } from './payment-channels.ts';
import { notifyUrl, paymentProviderOf, wechatSignIn, type PaymentDeps } from './payment-settings.ts';
import { wechatSignInUrl } from './wechat-sign-in.ts';
import { insertNewOrder } from './order-inserts.ts';
import * as repo from './repo.ts';
import type { DonorDetails } from './tables.ts';
import { dedicationKinds, givingFrequencies, paymentProviders } from './enums.ts';

/** How long a donor has to pay before the order expires and is closed at the provider. */
export const ORDER_MINUTES = 30;
/** A bank transfer takes days: the donor goes to their bank, staff reconcile the statement. */
export const TRANSFER_DAYS = 7;

/** What a giving form (or an app using the API) sends. Amounts are yuan as text, or minor units. */
export const giveInput = z.object({
  submitToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'the form token; reload the page')
    .describe("the form's one-time token: submitting the same form twice finds the first order"),
  amount: z.union([z.number(), z.string()]).describe('minor units as a number, or yuan as text ("100" or "88.80")'),
  frequency: z.enum(givingFrequencies).default('once'),
  provider: z.enum(paymentProviders),
  channel: z
    .enum(onlineChannels)
    .optional()
    .describe("how WeChat Pay or Alipay is shown; by default chosen from the donor's browser"),
  openid: z
    .string()
    .regex(/^[A-Za-z0-9_-]{6,128}$/, "the donor's openid for the organization's AppID")
    .optional()
    .describe('for wechat-jsapi from an app that already knows the donor (a mini-program)'),
  name: z.string().trim().min(1, 'please give your name').max(50),
  phone: z.string().trim().max(30).optional(),
  email: z.string().trim().max(200).optional(),
  anonymous: z.boolean().default(false),
  dedication: z
    .object({
      kind: z.enum(dedicationKinds),
      name: z.string().trim().min(1, 'whom the gift honours').max(50),
      message: z.string().trim().max(200).nullish(),
    })
    .nullish(),
  consents: z
    .array(z.enum(['email', 'sms']))
    .max(2)
    .default([])
    .describe('the update channels the donor ticked (project updates by email or SMS)'),
});
export type GiveInput = z.infer<typeof giveInput>;

/** The words beside each consent box: recorded with the consent as its evidence. */
export const consentWording = {
  email: '我愿意通过电子邮件接收项目进展和募捐信息 / Email me project updates and appeals',
  sms: '我愿意通过短信接收项目进展和募捐信息 / Text me project updates and appeals',
} as const;
export const CONSENT_PURPOSE = 'fundraising';

const problem = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Minor units from the form: a whole number of fen, or yuan with at most two decimals. Never a float. */
export function amountOf(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) throw problem('body.amount', 'a whole number of fen above zero');
    return value;
  }
  const fen = yuanToFen(asTypedYuan(value));
  if (fen === undefined || fen <= 0) throw problem('body.amount', 'an amount in yuan, such as 100 or 88.80');
  return fen;
}

function donorOf(input: GiveInput): DonorDetails {
  const checked = normalizeContactInput(
    { name: input.name, phone: input.phone || undefined, email: input.email || undefined },
    { mode: 'create', customFields: [] },
  );
  if (!checked.ok) {
    const fields: FieldProblem[] = checked.problems.map((p) => ({ path: `body.${p.path}`, message: p.message }));
    throw new AppError('VALIDATION_FAILED', fields[0]!.message, fields);
  }
  const { name, phone, email } = checked.values;
  if (!phone && !email) throw problem('body.phone', 'a mobile number or an email, for your receipt');
  return {
    name: name!,
    phone: phone ?? null,
    email: email ?? null,
    anonymous: input.anonymous,
    dedication: input.dedication
      ? { kind: input.dedication.kind, name: input.dedication.name, message: input.dedication.message ?? null }
      : null,
    consents: input.consents.map((channel) => ({ channel, purpose: CONSENT_PURPOSE, text: consentWording[channel] })),
  };
}

/** A campaign takes gifts while it is live and within its dates. */
export function openForGiving(campaign: repo.CampaignRow, now: Date): boolean {
  if (campaign.status !== 'live') return false;
  if (campaign.startsAt && now < campaign.startsAt) return false;
  return !(campaign.endsAt && now >= campaign.endsAt);
}

/** An order number: a date for people, randomness for uniqueness (out_trade_no allows 6–32 characters). */
const newOrderNo = (now: Date) =>
  `CW${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(8).toString('hex').toUpperCase()}`;

export interface GivingDeps extends PaymentDeps {
  /** See CallbackDeps. */
  receiptsIssued?: () => void;
  config: Pick<
    Config,
    'PUBLIC_URL' | 'SECRET_KEY' | 'WECHATPAY_API_URL' | 'ALIPAY_GATEWAY' | 'WECHAT_API_URL' | 'WECHAT_OAUTH_URL'
  >;
}

export interface StartedGift {
  order: repo.OrderRow;
  /** Where the donor goes next; undefined when the order is no longer payable (already paid). */
  action?: PaymentAction;
}

/** The page the donor returns to, and where the order's status shows. */
export const orderPath = (orderNo: string) => `/give/${orderNo}`;

/**
 * Starts a gift: checks the campaign, the amount and the donor's details, records a pending order and
 * asks the provider for the payment. The same form submitted again finds the same order (a double
 * click never makes two, even when the campaign closed in between), and nothing about the gift is
 * recorded until the provider confirms it.
 */
export async function startGift(
  deps: GivingDeps,
  campaign: repo.CampaignRow,
  input: GiveInput,
  browser: PayingClient = { ip: '' },
): Promise<StartedGift> {
  const now = deps.now();
  const client = { ...browser, channel: input.channel ?? browser.channel, openid: input.openid ?? browser.openid };
  const earlier = () => repo.orderBySubmitToken(deps.db, campaign.orgId, input.submitToken);
  let checked: Awaited<ReturnType<typeof checkGift>>;
  try {
    checked = await checkGift(deps, campaign, input, now);
  } catch (error) {
    const first = error instanceof AppError ? await earlier() : undefined;
    if (first) return resume(deps, campaign, first, client);
    throw error;
  }
  const { provider, amount, donor } = checked;
  const values = {
    orderNo: newOrderNo(now),
    campaignId: campaign.id,
    amount,
    currency: campaign.currency,
    frequency: input.frequency,
    provider: provider.name,
    donor,
    submitToken: input.submitToken,
    expiresAt: new Date(
      now.getTime() + (provider.name === 'bank-transfer' ? TRANSFER_DAYS * 24 * 60 : ORDER_MINUTES) * 60_000,
    ),
    createdAt: now,
  };
  const choice = await chooseChannel(deps, campaign.orgId, provider, client);
  if ('wait' in choice) {
    // Nothing to ask the provider yet: the donor signs in to WeChat, or opens another browser, first.
    const order = await repo.insertOrderOnce(deps.db, campaign.orgId, values);
    if (!order) return resume(deps, campaign, (await earlier())!, client);
    return { order, action: { kind: 'redirect', url: choice.next(order.orderNo) } };
  }
  // The provider is asked first, so the order is written once, with its payment. The donor learns
  // where to pay only from the answer, so a payment whose order was never written is never paid.
  let payment: ProviderPayment;
  try {
    payment = await askProvider(deps, provider, campaign, values, choice.channel, client.ip);
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // Kept, as failed, so that staff see what donors tried.
    await repo.insertOrderOnce(deps.db, campaign.orgId, { ...values, status: 'failed' });
    throw paymentUnavailable(error);
  }
  // The unique form token lets one insert through; a second submit finds the first order.
  const order = await insertNewOrder(deps.db, campaign.orgId, { ...values, providerPaymentId: payment.id });
  if (!order) return resume(deps, campaign, (await earlier())!, client);
  return { order, action: payment.action };
}

/** What a new gift must satisfy: an open campaign, an amount within its limits, a provider on offer. */
async function checkGift(deps: GivingDeps, campaign: repo.CampaignRow, input: GiveInput, now: Date) {
  if (!openForGiving(campaign, now)) {
    throw new AppError('CAMPAIGN_NOT_OPEN', 'This campaign is not taking gifts now', [
      { path: 'campaign', message: campaign.status === 'closed' ? 'the campaign has ended' : 'not open' },
    ]);
  }
  const amount = amountOf(input.amount);
  if (amount < campaign.minAmount) throw problem('body.amount', `at least ${campaign.minAmount} fen`);
  if (amount > campaign.maxAmount) throw problem('body.amount', `at most ${campaign.maxAmount} fen`);
  if (input.frequency === 'monthly' && !campaign.allowMonthly)
    throw problem('body.frequency', 'this campaign takes one-off gifts only');
  const provider = await paymentProviderOf(deps, campaign.orgId, input.provider);
  if (!provider) throw problem('body.provider', 'this way of paying is not offered here');
  if (input.channel && !input.channel.startsWith(`${provider.name}-`))
    throw problem('body.channel', `not a way of paying with ${provider.name}`);
  // A monthly gift needs an agreement the provider can charge each month (委托代扣 / 周期扣款).
  if (input.frequency === 'monthly' && !provider.chargeAgreement)
    throw problem('body.provider', 'this way of paying cannot make monthly gifts');
  return { provider, amount, donor: donorOf(input) };
}

interface ProviderPayment {
  id: string | null;
  action: PaymentAction;
}

const paymentUnavailable = (error: PaymentProviderError) =>
  new AppError('PAYMENT_UNAVAILABLE', 'Payment could not be started. Please try again in a moment.', [
    { path: 'body.provider', message: error.code },
  ]);

/** Asks the provider for the order's payment: where the donor goes, and the provider's id for it. */
async function askProvider(
  deps: GivingDeps,
  provider: PaymentProvider,
  campaign: repo.CampaignRow,
  order: Pick<repo.OrderRow, 'orderNo' | 'amount' | 'currency' | 'expiresAt' | 'frequency' | 'donor' | 'createdAt'>,
  channel: PaymentChannel,
  clientIp?: string,
): Promise<ProviderPayment> {
  const notify = notifyUrl(deps.config.PUBLIC_URL, provider.name, campaign.orgId);
  // A monthly gift's first order signs the agreement its later months are charged on; the sandbox's pay
  // page signs its own, so only vendors are asked to.
  const agreement =
    order.frequency === 'monthly' && (provider.name === 'wechat' || provider.name === 'alipay')
      ? {
          contractCode: order.orderNo,
          displayName: order.donor.name,
          notifyUrl: notify,
          firstChargeAt: chargeInMonthAfter(periodOf(order.createdAt), chargeDayFor(order.createdAt)).at,
          clientIp,
        }
      : undefined;
  const created = await provider.createPayment({
    orderNo: order.orderNo,
    amount: { amount: order.amount, currency: order.currency },
    description: campaign.copy.title.slice(0, 100),
    returnUrl: `${deps.config.PUBLIC_URL}${orderPath(order.orderNo)}`,
    notifyUrl: notify,
    channel,
    expiresAt: order.expiresAt,
    ...(agreement ? { agreement } : {}),
  });
  // Kept as the payment id: a transfer's reference (附言), which its statement line will carry, and a
  // Native payment's code_url, which the order page draws again as a QR code.
  const { action } = created;
  const id =
    created.providerPaymentId ??
    (action.kind === 'bank-transfer' ? action.reference : action.kind === 'qr-code' ? action.content : undefined);
  return { id: id ?? null, action };
}

/** The channel for this donor's browser, or where they go first (WeChat's sign-in, another browser). */
async function chooseChannel(
  deps: GivingDeps,
  orgId: string,
  provider: PaymentProvider,
  client: PayingClient,
): Promise<{ channel: PaymentChannel } | { wait: string; next: (orderNo: string) => string }> {
  const signIn = provider.name === 'wechat' ? await wechatSignIn(deps, orgId) : undefined;
  const choice = channelFor(provider.name, client, { canSignIn: Boolean(signIn) });
  if ('channel' in choice) return choice;
  if (choice.wait === 'wechat-sign-in')
    return { wait: choice.wait, next: (orderNo) => wechatSignInUrl(deps.config, signIn!.appid, orderNo) };
  return { wait: choice.wait, next: (orderNo) => `${deps.config.PUBLIC_URL}${orderPath(orderNo)}` };
}

/**
 * An order already written, paid for (again): a second submit of its form, the donor back from WeChat's
 * sign-in, or continuing in another browser.
 */
export async function payOrder(
  deps: GivingDeps,
  campaign: repo.CampaignRow,
  order: repo.OrderRow,
  client: PayingClient,
): Promise<StartedGift> {
  const provider = await paymentProviderOf(deps, order.orgId, order.provider);
  if (!provider) throw problem('body.provider', 'this way of paying is not offered here');
  const choice = await chooseChannel(deps, order.orgId, provider, client);
  if ('wait' in choice) return { order, action: { kind: 'redirect', url: choice.next(order.orderNo) } };
  let payment: ProviderPayment;
  try {
    payment = await askProvider(deps, provider, campaign, order, choice.channel, client.ip);
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    await repo.updateOrder(deps.db, order.orgId, order.id, { status: 'failed' });
    throw paymentUnavailable(error);
  }
  const saved =
    payment.id && payment.id !== order.providerPaymentId
      ? await repo.updateOrder(deps.db, order.orgId, order.id, { providerPaymentId: payment.id })
      : order;
  return { order: saved, action: payment.action };
}

/** A second submit of the same form: back to the payment if it is still payable, else to its status. */
async function resume(
  deps: GivingDeps,
  campaign: repo.CampaignRow,
  order: repo.OrderRow,
  client: PayingClient,
): Promise<StartedGift> {
  if (order.status !== 'pending') return { order };
  if (order.expiresAt <= deps.now()) {
    throw new AppError('ORDER_EXPIRED', 'This gift was not paid in time. Please start again.', [
      { path: 'body.submitToken', message: 'expired' },
    ]);
  }
  return payOrder(deps, campaign, order, client);
}

/** A fresh one-time token for a giving form. */
export const newSubmitToken = () => randomBytes(18).toString('base64url');
