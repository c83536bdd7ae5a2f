import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { aliyunCallbackResponse, parseAliyunInbound, parseAliyunReports } from './aliyun-callbacks.ts';
import { aliyunResult } from './aliyun-codes.ts';
import { canonicalizedQuery, percentEncode, signRpc } from './aliyun-sign.ts';
import { permanent } from './failures.ts';
import { postToVendor } from './http.ts';
import { isSmsCapableE164 } from './phone.ts';
import type { Fetch, SmsMessage, SmsProvider } from './provider.ts';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** Default https://dysmsapi.aliyuncs.com/ */
  endpoint?: string;
}

export interface AliyunSmsDeps {
  fetch: Fetch;
  clock: Clock;
  /** SignatureNonce; injectable so tests know the answer. */
  nonce?: () => string;
}

/** Aliyun wants mainland numbers as 11 digits and others as country code + number, without +. */
const aliyunPhoneNumber = (e164: string) => (e164.startsWith('+86') ? e164.slice(3) : e164.slice(1));

/** 2017-07-12T02:42:19Z: UTC, no milliseconds. */
const rpcTimestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The signed form body of one dysmsapi SendSms call (RPC style, POST). */
export function aliyunSendSmsBody(
  config: AliyunSmsConfig,
  message: SmsMessage,
  at: { timestamp: Date; nonce: string },
): string {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: aliyunPhoneNumber(message.phone),
    RegionId: 'cn-hangzhou',
    SignName: message.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: at.nonce,
    SignatureVersion: '1.0',
    TemplateCode: message.templateCode,
    Timestamp: rpcTimestamp(at.timestamp),
    Version: '2017-05-25',
  };
  if (Object.keys(message.templateParams).length > 0) params.TemplateParam = JSON.stringify(message.templateParams);
  if (message.reference) params.OutId = message.reference;
  const signature = signRpc('POST', params, config.accessKeySecret);
  return `${canonicalizedQuery(params)}&Signature=${percentEncode(signature)}`;
}

/** 阿里云短信服务 (dysmsapi 2017-05-25), signed with the RPC HMAC-SHA1 signature. */
export function aliyunSmsProvider(config: AliyunSmsConfig, deps: AliyunSmsDeps): SmsProvider {
  const endpoint = config.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  const nonce = deps.nonce ?? randomUUID;
  return {
    name: 'aliyun',
    async send(message) {
      if (!isSmsCapableE164(message.phone)) {
        return permanent('invalid-number', 'LOCAL_INVALID_NUMBER', `${message.phone} 不是可以接收短信的手机号码`);
      }
      const now = deps.clock.now();
      const body = aliyunSendSmsBody(config, message, { timestamp: now, nonce: nonce() });
      const response = await postToVendor(deps.fetch, endpoint, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      });
      if (!response.ok) return response;
      return aliyunResult(response.status, response.json, now);
    },
    parseDeliveryReceipts: (request) => parseAliyunReports(request.rawBody),
    parseInboundMessages: (request) => parseAliyunInbound(request.rawBody),
    callbackResponse: aliyunCallbackResponse,
  };
}
