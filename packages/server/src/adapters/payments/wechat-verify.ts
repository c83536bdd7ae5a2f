import { constants, createPublicKey, createVerify, publicDecrypt, X509Certificate, type KeyObject } from 'node:crypto';
import type { CallbackRejection } from './provider.ts';
import { responseSigningMessage } from './wechat-sign.ts';

/** The official SDKs refuse responses and callbacks more than five minutes off the local clock. */
export const wechatTimestampWindowSeconds = 300;

export interface SignedMessage {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface PlatformKeys {
  /** WeChat Pay platform certificate or public key, by the serial (or PUB_KEY_ID_…) WeChat sends. */
  bySerial: ReadonlyMap<string, KeyObject>;
}

/**
 * A platform certificate must carry the serial it is configured under, so a certificate pasted
 * under the wrong serial fails at start rather than on the first callback. A WeChat Pay public key
 * (PUB_KEY_ID_…) has no serial inside to check.
 */
export function platformKey(serial: string, pem: string): KeyObject {
  if (!pem.includes('BEGIN CERTIFICATE')) return createPublicKey(pem);
  const certificate = new X509Certificate(pem);
  if (certificate.serialNumber.toUpperCase() !== serial.toUpperCase()) {
    throw new Error(`WeChat Pay platform certificate ${certificate.serialNumber} is configured as ${serial}`);
  }
  return certificate.publicKey;
}

const header = (headers: SignedMessage['headers'], name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Checks Wechatpay-Serial, -Timestamp, -Nonce and -Signature of a response or callback. A failed
 * RSA check is told apart by whether the signature opens under the key at all: if it does, the
 * body changed; if not, someone else signed it (a wrong key configured, or a forgery).
 */
export function verifyWechatSignature(
  message: SignedMessage,
  platform: PlatformKeys,
  nowSeconds: number,
): { ok: true } | { ok: false; reason: CallbackRejection } {
  const serial = header(message.headers, 'wechatpay-serial');
  const timestamp = header(message.headers, 'wechatpay-timestamp');
  const nonce = header(message.headers, 'wechatpay-nonce');
  const signature = header(message.headers, 'wechatpay-signature');
  if (!serial || !timestamp || !nonce || !signature) return { ok: false, reason: 'missing-signature' };
  const key = platform.bySerial.get(serial);
  if (!key) return { ok: false, reason: 'unknown-serial' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > wechatTimestampWindowSeconds) {
    return { ok: false, reason: 'stale-timestamp' };
  }
  const signed = responseSigningMessage(timestamp, nonce, message.body);
  const signatureBytes = Buffer.from(signature, 'base64');
  if (createVerify('RSA-SHA256').update(signed, 'utf8').verify(key, signatureBytes)) return { ok: true };
  return { ok: false, reason: opensUnder(key, signatureBytes) ? 'bad-signature' : 'signed-by-another-key' };
}

function opensUnder(key: KeyObject, signature: Buffer): boolean {
  try {
    publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return true;
  } catch {
    return false;
  }
}
