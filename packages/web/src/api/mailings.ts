// Shapes of modules/mailings. Keep in step with the server (schemas.ts there is the contract).
import { useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import { mailingKind, sendKey, useAudienceCount as useSendAudienceCount, useSend, useSends } from './outreach';
import type { blockTypes, mailingStatuses, recipientStatuses, suppressionOrigins, suppressionReasons } from './enums';

export { blockTypes, mailingStatuses, recipientStatuses, suppressionOrigins, suppressionReasons } from './enums';
export type BlockType = (typeof blockTypes)[number];
export type MailingStatus = (typeof mailingStatuses)[number];
export type RecipientStatus = (typeof recipientStatuses)[number];
export type SuppressionReason = (typeof suppressionReasons)[number];
export type SuppressionOrigin = (typeof suppressionOrigins)[number];

export type MailingBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'button'; text: string; url: string }
  | { type: 'image'; src: string; alt?: string }
  | { type: 'divider' };

/** Built with blocks, or written as HTML; merge fields such as {{ greeting }} work in both. */
export type MailingContent =
  { editor: 'blocks'; blocks: MailingBlock[] } | { editor: 'code'; html: string; text?: string };

/** Contacts in any of these segments or with any of these tags (tag names). */
export interface MailingAudience {
  segmentIds: number[];
  tags: string[];
}

export interface MailingInput {
  name: string;
  subject: string;
  purpose: string;
  fromName: string | null;
  replyTo: string | null;
  content: MailingContent;
  audience: MailingAudience;
}

export interface MailingStats {
  /** Copies to send, fixed when the send starts. */
  recipients: number;
  pending: number;
  sent: number;
  failed: number;
  bounced: number;
  /** Unsubscribed or suppressed after the send started. */
  skipped: number;
  /** In flight when a sender stopped; never sent again. */
  uncertain: number;
  /** Recipients who withdrew consent since the send started. */
  unsubscribed: number;
  /** Copies opened / with a link clicked, when the organization tracks them. */
  opened: number;
  clicked: number;
}

export interface Mailing extends MailingInput {
  id: number;
  status: MailingStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  stats: MailingStats;
}

export interface MailingPreview {
  subject: string;
  html: string;
  text: string;
}

export interface AudienceCount {
  contacts: number;
  /** With an email address, consent for the purpose, and not suppressed. */
  reachable: number;
}

export interface TestResult {
  results: { email: string; status: 'sent' | 'failed'; error?: string }[];
}

export interface MailingRecipient {
  contactId: number;
  name: string | null;
  email: string;
  status: RecipientStatus;
  attempts: number;
  sentAt: string | null;
  reason: string | null;
}

export interface Suppression {
  email: string;
  reason: SuppressionReason;
  origin: SuppressionOrigin;
  note: string | null;
  recordedAt: string;
}

export { editable } from './outreach';
/** The send has begun: there is something to report. */
export const started = (m: Pick<Mailing, 'status' | 'startedAt'>) =>
  m.status === 'sending' || m.status === 'paused' || m.status === 'sent' || m.startedAt !== null;

export const useMailings = () => useSends<Mailing>(mailingKind);
export const mailingKey = (org: string, id: number) => sendKey(mailingKind, org, id);
export const useMailing = (id: number) => useSend<Mailing>(mailingKind, id);

/** How many contacts the audience holds and how many of them can receive this purpose's email. */
export const useAudienceCount = (audience: MailingAudience, purpose: string, enabled = true) =>
  useSendAudienceCount(mailingKind, audience, purpose, enabled);

export function useSuppressions() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['email-suppressions', scope.org.slug],
    queryFn: () => api.get<Suppression[]>(scope.path('/email-suppressions')),
  });
}

/** How email leaves the server: SMTP, the development outbox folder, or not at all. */
export interface EmailDelivery {
  mode: 'smtp' | 'outbox' | 'none';
  messagesPerSecond: number | null;
  outbox: string | null;
}

export function useEmailDelivery() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['email-delivery', scope.org.slug],
    queryFn: () => api.get<EmailDelivery>(scope.path('/mailings/delivery')),
    staleTime: 60_000,
  });
}
