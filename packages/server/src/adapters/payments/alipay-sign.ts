import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

export type AlipayParams = Record<string, string | undefined>;

/** Sorted key=value pairs joined with &, leaving out empty values and the named keys (待签名字符串). */
export function signContent(params: AlipayParams, leaveOut: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !leaveOut.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** RSA2: SHA256withRSA over the UTF-8 sign content, base64. Requests sign everything but `sign`. */
export const signRequest = (params: AlipayParams, appPrivateKey: KeyObject) =>
  createSign('RSA-SHA256')
    .update(signContent(params, ['sign']), 'utf8')
    .sign(appPrivateKey, 'base64');

/** Asynchronous notifications are signed over everything but `sign` and `sign_type` (rsaCheckV1). */
export const notifySignContent = (params: AlipayParams) => signContent(params, ['sign', 'sign_type']);

export const verifyRsa2 = (content: string, signature: string, alipayPublicKey: KeyObject) =>
  createVerify('RSA-SHA256').update(content, 'utf8').verify(alipayPublicKey, Buffer.from(signature, 'base64'));

/**
 * Alipay's console hands out keys as bare base64 (PKCS#8 or PKCS#1 for the private key, SPKI for
 * the public one); PEM works too.
 */
export function alipayKey(raw: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = raw.trim();
  if (trimmed.startsWith('-----BEGIN'))
    return kind === 'private' ? createPrivateKey(trimmed) : createPublicKey(trimmed);
  const der = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  if (kind === 'public') return createPublicKey({ key: der, format: 'der', type: 'spki' });
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/**
 * The exact text of `"<node>":{…}` in a synchronous answer, which is what Alipay signs; re-serializing
 * the parsed JSON would not give the same bytes.
 */
export function signedNodeText(body: string, node: string): string | undefined {
  const marker = `"${node}":`;
  const start = body.indexOf(marker);
  if (start < 0) return undefined;
  const open = body.indexOf('{', start + marker.length);
  if (open < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = open; i < body.length; i += 1) {
    const char = body[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}' && (depth -= 1) === 0) return body.slice(open, i + 1);
  }
  return undefined;
}
