import { createHash, createHmac } from 'node:crypto';
import { canonicalizedQuery } from './aliyun-sign.ts';

/** One Aliyun OpenAPI call signed with the V3 scheme; RPC-style APIs use the path "/". */
export interface Acs3Request {
  method: 'GET' | 'POST';
  host: string;
  action: string;
  version: string;
  /** Parameters sent in the query string. */
  query: Record<string, string>;
  body: string;
  /** x-acs-date: UTC, 2023-10-26T10:22:32Z. */
  date: string;
  nonce: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The headers the request is sent with; every one of them is signed. */
export const acs3SignedHeaders = (request: Acs3Request): Record<string, string> => ({
  host: request.host,
  'x-acs-action': request.action,
  'x-acs-content-sha256': sha256Hex(request.body),
  'x-acs-date': request.date,
  'x-acs-signature-nonce': request.nonce,
  'x-acs-version': request.version,
});

/** Method, "/", sorted encoded query, "name:value\n" per header, the header names, the body hash. */
export function acs3CanonicalRequest(request: Acs3Request): string {
  const headers = acs3SignedHeaders(request);
  const names = Object.keys(headers).sort();
  return [
    request.method,
    '/',
    canonicalizedQuery(request.query),
    names.map((name) => `${name}:${headers[name]!.trim()}\n`).join(''),
    names.join(';'),
    headers['x-acs-content-sha256'],
  ].join('\n');
}

export const acs3StringToSign = (request: Acs3Request) =>
  `ACS3-HMAC-SHA256\n${sha256Hex(acs3CanonicalRequest(request))}`;

/** The Authorization header: hex HMAC-SHA256 with the AccessKey secret itself as the key. */
export function acs3Authorization(accessKeyId: string, accessKeySecret: string, request: Acs3Request): string {
  const signature = createHmac('sha256', accessKeySecret).update(acs3StringToSign(request), 'utf8').digest('hex');
  const signedHeaders = Object.keys(acs3SignedHeaders(request)).sort().join(';');
  return `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}
