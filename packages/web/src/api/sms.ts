// Shapes of modules/sms. Keep in step with the server (schemas.ts there is the contract).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import { sendKey, smsKind, useAudienceCount, useSend, useSends } from './outreach';
import type { smsMergeValues, smsProviderNames, smsRecipientStatuses, smsSendStatuses } from './enums';
import type { MailingAudience } from './mailings';

export { smsMergeValues, smsProviderNames, smsRecipientStatuses } from './enums';
export type SmsProviderName = (typeof smsProviderNames)[number];
export type SmsMergeValue = (typeof smsMergeValues)[number];
export type SmsSendStatus = (typeof smsSendStatuses)[number];
export type SmsRecipientStatus = (typeof smsRecipientStatuses)[number];

export interface SmsSettings {
  provider: SmsProviderName | null;
  keyId: string | null;
  sdkAppId: string | null;
  /** False: the secret was sealed under another SECRET_KEY; it must be entered again. */
  readable: boolean;
  outboxAvailable: boolean;
  quietHours: { start: string; end: string };
  timezone: string;
  callbacks: { receipts: string; replies: string };
}

export interface TemplateParam {
  key: string;
  value: SmsMergeValue;
  text?: string;
}

export interface TemplatePreview {
  text: string;
  segments: number;
  characters: number;
  placeholders: string[];
  problems: { path: string; message: string }[];
}

export interface SmsTemplateInput {
  name: string;
  signName: string;
  templateCode: string;
  text: string;
  params: TemplateParam[];
}

export interface SmsTemplate extends SmsTemplateInput {
  id: number;
  sample: TemplatePreview;
  createdAt: string;
  updatedAt: string;
}

export interface SmsSendStats {
  recipients: number;
  pending: number;
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  skipped: number;
  uncertain: number;
}

export interface SmsSend {
  id: number;
  name: string;
  templateId: number | null;
  purpose: string;
  audience: MailingAudience;
  status: SmsSendStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Quiet hours or retries: the next copy goes no earlier. */
  waitUntil: string | null;
  createdAt: string;
  updatedAt: string;
  stats: SmsSendStats;
}

export interface SmsRecipient {
  contactId: number;
  name: string | null;
  phone: string;
  status: SmsRecipientStatus;
  attempts: number;
  sentAt: string | null;
  deliveredAt: string | null;
  carrierCode: string | null;
  reason: string | null;
}

/** Copies that went out (accepted by the vendor), whatever the carrier reported since. */
export const wentOut = (s: SmsSendStats) => s.sent + s.delivered + s.undelivered;
/** Copies that reached an end. */
export const settledOf = (s: SmsSendStats) => wentOut(s) + s.failed + s.skipped + s.uncertain;

export const smsSendKey = (org: string, id: number) => sendKey(smsKind, org, id);
export const useSmsSends = () => useSends<SmsSend>(smsKind);
export const useSmsSend = (id: number) => useSend<SmsSend>(smsKind, id);

export function useSmsTemplates() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['sms-templates', scope.org.slug],
    queryFn: () => api.get<SmsTemplate[]>(scope.path('/sms-templates')),
  });
}

export function useSmsSettings(enabled = true) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['sms-settings', scope.org.slug],
    queryFn: () => api.get<SmsSettings>(scope.path('/sms-settings')),
    enabled,
  });
}

/** A template as a sample recipient would read it, with its segment count and problems. */
export function useTemplatePreview(input: Pick<SmsTemplateInput, 'signName' | 'text' | 'params'>) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['sms-template-preview', scope.org.slug, input],
    queryFn: () => api.post<TemplatePreview>(scope.path('/sms-templates/preview'), input),
    enabled: input.text.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export const useSmsAudienceCount = (audience: MailingAudience, purpose: string, enabled = true) =>
  useAudienceCount(smsKind, audience, purpose, enabled);
