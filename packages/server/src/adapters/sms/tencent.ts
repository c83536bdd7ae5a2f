import type { Clock } from '../clock.ts';
import { permanent } from './failures.ts';
import { postToVendor } from './http.ts';
import { isSmsCapableE164 } from './phone.ts';
import type { Fetch, SmsMessage, SmsProvider } from './provider.ts';
import { parseTencentReplies, parseTencentReports, tencentCallbackResponse } from './tencent-callbacks.ts';
import { tencentResult } from './tencent-codes.ts';
import { tc3Authorization, type Tc3Credentials } from './tencent-sign.ts';

export interface TencentSmsConfig extends Tc3Credentials {
  /** 短信 SdkAppId, e.g. 1400006666. */
  smsSdkAppId: string;
  /** Default ap-guangzhou. */
  region?: string;
  /** Default sms.tencentcloudapi.com. */
  host?: string;
}

export interface TencentSmsDeps {
  fetch: Fetch;
  clock: Clock;
}

const contentType = 'application/json; charset=utf-8';

/** Tencent templates are filled by position ({1}, {2}…); the keys must be exactly "1"…"n". */
export function positionalParams(params: Record<string, string>): string[] | undefined {
  const keys = Object.keys(params);
  const positions = keys.map(Number).sort((a, b) => a - b);
  if (!positions.every((position, index) => position === index + 1 && keys.includes(String(position))))
    return undefined;
  return positions.map((position) => params[String(position)]!);
}

export const tencentSendSmsPayload = (config: TencentSmsConfig, message: SmsMessage, templateParamSet: string[]) =>
  JSON.stringify({
    PhoneNumberSet: [message.phone],
    SmsSdkAppId: config.smsSdkAppId,
    SignName: message.signName,
    TemplateId: message.templateCode,
    TemplateParamSet: templateParamSet,
    ...(message.reference ? { SessionContext: message.reference } : {}),
  });

/** 腾讯云短信 SendSms (API 3.0, version 2021-01-11), signed with TC3-HMAC-SHA256. */
export function tencentSmsProvider(config: TencentSmsConfig, deps: TencentSmsDeps): SmsProvider {
  const host = config.host ?? 'sms.tencentcloudapi.com';
  return {
    name: 'tencent',
    async send(message) {
      if (!isSmsCapableE164(message.phone)) {
        return permanent('invalid-number', 'LOCAL_INVALID_NUMBER', `${message.phone} 不是可以接收短信的手机号码`);
      }
      const templateParamSet = positionalParams(message.templateParams);
      if (!templateParamSet) {
        return permanent('template-rejected', 'LOCAL_TEMPLATE_PARAMS', '腾讯云短信的模板参数必须按 1、2、3… 编号');
      }
      const now = deps.clock.now();
      const payload = tencentSendSmsPayload(config, message, templateParamSet);
      const timestamp = Math.floor(now.getTime() / 1000);
      const authorization = tc3Authorization(config, { host, service: 'sms', contentType, payload, timestamp });
      const response = await postToVendor(deps.fetch, `https://${host}/`, {
        headers: {
          Authorization: authorization,
          'Content-Type': contentType,
          'X-TC-Action': 'SendSms',
          'X-TC-Version': '2021-01-11',
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': config.region ?? 'ap-guangzhou',
        },
        body: payload,
      });
      if (!response.ok) return response;
      return tencentResult(response.status, response.json, now);
    },
    parseDeliveryReceipts: (request) => parseTencentReports(request.rawBody),
    parseInboundMessages: (request) => parseTencentReplies(request.rawBody),
    callbackResponse: tencentCallbackResponse,
  };
}
