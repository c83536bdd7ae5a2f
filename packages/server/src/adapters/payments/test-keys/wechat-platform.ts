import { createSign } from 'node:crypto';
import { testKeys } from './test-keys.ts';

export const platformSerial = 'TEST0000PLATFORM0000SERIAL';

/** TEST ONLY: signs a response or callback the way WeChat Pay's platform key does. */
export function wechatPlatformHeaders(
  body: string,
  timestamp: number,
  nonce = 'c5ac7061fccab6bf3e254dcf98995b8c',
  key = testKeys.platformPrivate,
) {
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
  return {
    'wechatpay-serial': platformSerial,
    'wechatpay-timestamp': String(timestamp),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
  };
}
