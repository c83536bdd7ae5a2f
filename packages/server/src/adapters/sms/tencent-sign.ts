import { createHash, createHmac } from 'node:crypto';

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

/** A JSON POST to a TencentCloud API 3.0 endpoint; only content-type and host are signed. */
export interface Tc3Request {
  host: string;
  service: string;
  contentType: string;
  payload: string;
  /** Unix seconds; the credential scope uses its UTC date. */
  timestamp: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export const SIGNED_HEADERS = 'content-type;host';

/** POST\n/\n(empty query)\ncanonical headers\nsigned headers\nhex SHA-256 of the payload. */
export const tc3CanonicalRequest = (request: Tc3Request) =>
  [
    'POST',
    '/',
    '',
    `content-type:${request.contentType}\nhost:${request.host}\n`,
    SIGNED_HEADERS,
    sha256Hex(request.payload),
  ].join('\n');

const utcDate = (timestamp: number) => new Date(timestamp * 1000).toISOString().slice(0, 10);

export const tc3CredentialScope = (request: Tc3Request) =>
  `${utcDate(request.timestamp)}/${request.service}/tc3_request`;

export const tc3StringToSign = (request: Tc3Request) =>
  [
    'TC3-HMAC-SHA256',
    String(request.timestamp),
    tc3CredentialScope(request),
    sha256Hex(tc3CanonicalRequest(request)),
  ].join('\n');

/** The derived key chain: HMAC("TC3" + SecretKey, date) → service → "tc3_request", then over StringToSign. */
export function tc3Signature(secretKey: string, request: Tc3Request): string {
  const secretDate = hmac(`TC3${secretKey}`, utcDate(request.timestamp));
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(tc3StringToSign(request), 'utf8').digest('hex');
}

export const tc3Authorization = (credentials: Tc3Credentials, request: Tc3Request) =>
  `TC3-HMAC-SHA256 Credential=${credentials.secretId}/${tc3CredentialScope(request)}, ` +
  `SignedHeaders=${SIGNED_HEADERS}, Signature=${tc3Signature(credentials.secretKey, request)}`;
