import { createHmac } from 'node:crypto';

/**
 * RFC 3986 encoding as the Aliyun RPC signature (V2, SignatureVersion 1.0) defines it: only
 * A–Z a–z 0–9 - _ . ~ stay as they are, a space is %20 (never +), and * is %2A.
 * encodeURIComponent also leaves ! ' ( ) * alone, so those are encoded here.
 */
export const percentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The parameters sorted by name (code unit order), each name and value percent-encoded, joined with &. */
export function canonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&');
}

/** HTTPMethod & percentEncode("/") & percentEncode(CanonicalizedQueryString). */
export const rpcStringToSign = (method: 'GET' | 'POST', params: Record<string, string>) =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;

/** Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). */
export const signRpc = (method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string) =>
  createHmac('sha1', `${accessKeySecret}&`).update(rpcStringToSign(method, params), 'utf8').digest('base64');
