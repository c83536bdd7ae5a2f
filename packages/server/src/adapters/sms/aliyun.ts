import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { aliyunCallbackResponse, parseAliyunInbound, parseAliyunReports } from './aliyun-callbacks.ts';
import { aliyunResult } from './aliyun-codes.ts';
import { acs3SignedCall, rpcSignedCall, sendSmsParams, type AliyunCredentials } from './aliyun-request.ts';
import { permanent } from './failures.ts';
import { postToVendor } from './http.ts';
import { isSmsCapableE164 } from './phone.ts';
import type { Fetch, SmsProvider } from './provider.ts';

export interface AliyunSmsConfig extends AliyunCredentials {
  /** Default https://dysmsapi.aliyuncs.com/ */
  endpoint?: string;
  /** acs3 (V3, the default) or rpc (V2, SignatureVersion 1.0, which Aliyun now calls discontinued). */
  signature?: 'acs3' | 'rpc';
}

export interface AliyunSmsDeps {
  fetch: Fetch;
  clock: Clock;
  /** SignatureNonce / x-acs-signature-nonce; injectable so tests know the answer. */
  nonce?: () => string;
}

/** 阿里云短信服务 (dysmsapi 2017-05-25 SendSms). */
export function aliyunSmsProvider(config: AliyunSmsConfig, deps: AliyunSmsDeps): SmsProvider {
  const endpoint = new URL(config.endpoint ?? 'https://dysmsapi.aliyuncs.com/');
  const nonce = deps.nonce ?? randomUUID;
  const signedCall = config.signature === 'rpc' ? rpcSignedCall : acs3SignedCall;
  return {
    name: 'aliyun',
    async send(message) {
      if (!isSmsCapableE164(message.phone)) {
        return permanent('invalid-number', 'LOCAL_INVALID_NUMBER', `${message.phone} 不是可以接收短信的手机号码`);
      }
      const now = deps.clock.now();
      const call = signedCall(config, endpoint, sendSmsParams(message), { timestamp: now, nonce: nonce() });
      const response = await postToVendor(deps.fetch, call.url, { headers: call.headers, body: call.body });
      if (!response.ok) return response;
      return aliyunResult(response.status, response.json, now);
    },
    parseDeliveryReceipts: (request) => parseAliyunReports(request.rawBody),
    parseInboundMessages: (request) => parseAliyunInbound(request.rawBody),
    callbackResponse: aliyunCallbackResponse,
  };
}
