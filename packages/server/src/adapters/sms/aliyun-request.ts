import { acs3Authorization, acs3SignedHeaders } from './aliyun-acs3.ts';
import { canonicalizedQuery, percentEncode, signRpc } from './aliyun-sign.ts';
import type { SmsMessage } from './provider.ts';

export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface SignedCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Aliyun wants mainland numbers as 11 digits and others as country code + number, without +. */
const aliyunPhoneNumber = (e164: string) => (e164.startsWith('+86') ? e164.slice(3) : e164.slice(1));

/** 2017-07-12T02:42:19Z: UTC, no milliseconds. */
const utcSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The parameters of SendSms itself, the same under either signature. */
export function sendSmsParams(message: SmsMessage): Record<string, string> {
  return {
    PhoneNumbers: aliyunPhoneNumber(message.phone),
    SignName: message.signName,
    TemplateCode: message.templateCode,
    ...(Object.keys(message.templateParams).length > 0
      ? { TemplateParam: JSON.stringify(message.templateParams) }
      : {}),
    ...(message.reference ? { OutId: message.reference } : {}),
  };
}

/** V2 (RPC, SignatureVersion 1.0): every parameter, the common ones too, in a signed form body. */
export function rpcSignedCall(
  credentials: AliyunCredentials,
  endpoint: URL,
  params: Record<string, string>,
  at: { timestamp: Date; nonce: string },
): SignedCall {
  const all: Record<string, string> = {
    ...params,
    AccessKeyId: credentials.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: at.nonce,
    SignatureVersion: '1.0',
    Timestamp: utcSeconds(at.timestamp),
    Version: '2017-05-25',
  };
  const signature = signRpc('POST', all, credentials.accessKeySecret);
  return {
    url: endpoint.href,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: `${canonicalizedQuery(all)}&Signature=${percentEncode(signature)}`,
  };
}

/** V3 (ACS3-HMAC-SHA256): the parameters in the query, the call described and signed in x-acs-* headers. */
export function acs3SignedCall(
  credentials: AliyunCredentials,
  endpoint: URL,
  params: Record<string, string>,
  at: { timestamp: Date; nonce: string },
): SignedCall {
  const request = {
    method: 'POST' as const,
    host: endpoint.host,
    action: 'SendSms',
    version: '2017-05-25',
    query: params,
    body: '',
    date: utcSeconds(at.timestamp),
    nonce: at.nonce,
  };
  // fetch sets Host from the URL, which is the host that was signed.
  const { host: _host, ...headers } = acs3SignedHeaders(request);
  return {
    url: `${endpoint.origin}/?${canonicalizedQuery(params)}`,
    headers: {
      ...headers,
      Authorization: acs3Authorization(credentials.accessKeyId, credentials.accessKeySecret, request),
    },
    body: '',
  };
}
