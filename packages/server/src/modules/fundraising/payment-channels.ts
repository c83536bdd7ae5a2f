import type { PaymentChannel, PaymentProvider } from '../../adapters/payments/index.ts';

/** The ways WeChat Pay and Alipay are shown; an app may name one (a mini-program: wechat-jsapi with its openid). */
export const onlineChannels = ['wechat-jsapi', 'wechat-native', 'wechat-h5', 'alipay-page', 'alipay-wap'] as const;
export type OnlineChannel = (typeof onlineChannels)[number];

/** Who pays and from where, as the request that starts or resumes the payment shows it. */
export interface PayingClient {
  userAgent?: string;
  ip: string;
  /** Asked for by an app; otherwise chosen from the browser. */
  channel?: OnlineChannel;
  openid?: string;
}

/**
 * How the donor pays, or why that must wait:
 * - `wechat-sign-in`: JSAPI inside WeChat needs the donor's openid, got by WeChat's web sign-in first;
 * - `open-in-browser`: WeChat's browser does not open Alipay; the donor continues in another browser.
 */
export type ChannelChoice = { channel: PaymentChannel } | { wait: 'wechat-sign-in' | 'open-in-browser' };

export const inWechat = (userAgent = '') => /MicroMessenger/i.test(userAgent);
const onPhone = (userAgent = '') => /Mobile|Android|iPhone|iPad|HarmonyOS/i.test(userAgent);

/**
 * The channel for this provider and browser: inside WeChat, JSAPI (after signing the donor in, when the
 * organization gave its AppSecret; else the Native QR code, which WeChat recognizes with a long press);
 * on a phone, WeChat Pay H5 or Alipay WAP; on a desktop, a QR code to scan or Alipay's page.
 */
export function channelFor(
  provider: PaymentProvider['name'],
  client: PayingClient,
  options: { canSignIn: boolean },
): ChannelChoice {
  if (provider === 'sandbox') return { channel: { kind: 'sandbox' } };
  if (provider === 'bank-transfer') return { channel: { kind: 'bank-transfer' } };
  const wanted = client.channel ?? defaultChannel(provider, client.userAgent, options.canSignIn);
  switch (wanted) {
    case 'wechat-jsapi':
      if (client.openid) return { channel: { kind: 'wechat-jsapi', openid: client.openid } };
      return options.canSignIn ? { wait: 'wechat-sign-in' } : { channel: { kind: 'wechat-native' } };
    case 'wechat-h5':
      return { channel: { kind: 'wechat-h5', clientIp: client.ip } };
    case 'alipay-wap':
      if (!client.channel && inWechat(client.userAgent)) return { wait: 'open-in-browser' };
      return { channel: { kind: 'alipay-wap' } };
    default:
      return { channel: { kind: wanted } };
  }
}

function defaultChannel(provider: 'wechat' | 'alipay', userAgent: string | undefined, canSignIn: boolean) {
  if (provider === 'alipay') return onPhone(userAgent) || inWechat(userAgent) ? 'alipay-wap' : 'alipay-page';
  if (inWechat(userAgent)) return canSignIn ? 'wechat-jsapi' : 'wechat-native';
  return onPhone(userAgent) ? 'wechat-h5' : 'wechat-native';
}
