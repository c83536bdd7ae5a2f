// Shapes of modules/mailings. Keep in step with the server (schemas.ts there is the contract).
import { useEffect, useRef } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import type { blockTypes, mailingStatuses, recipientStatuses, suppressionReasons } from './enums';

export { blockTypes, mailingStatuses, recipientStatuses, suppressionReasons } from './enums';
export type BlockType = (typeof blockTypes)[number];
export type MailingStatus = (typeof mailingStatuses)[number];
export type RecipientStatus = (typeof recipientStatuses)[number];
export type SuppressionReason = (typeof suppressionReasons)[number];

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

export interface RecipientPage {
  items: MailingRecipient[];
  nextCursor: number | null;
}

export interface Suppression {
  email: string;
  reason: SuppressionReason;
  note: string | null;
  recordedAt: string;
}

/** Only these may still be edited; afterwards the copies are out. */
export const editable = (status: MailingStatus) => status === 'draft' || status === 'scheduled';
/** The send has begun: there is something to report. */
export const started = (m: Pick<Mailing, 'status' | 'startedAt'>) =>
  m.status === 'sending' || m.status === 'paused' || m.status === 'sent' || m.startedAt !== null;

export function useMailings() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['mailings', scope.org.slug],
    queryFn: () => api.get<Mailing[]>(scope.path('/mailings')),
    // A send in progress moves on the list too.
    refetchInterval: (q) => (q.state.data?.some((m) => m.status === 'sending') ? 5_000 : false),
  });
}

export const mailingKey = (org: string, id: number) => ['mailing', org, id];

/** One mailing; every 2 s while it is sending, and now and then while it waits for its time. */
export function useMailing(id: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: mailingKey(scope.org.slug, id),
    queryFn: () => api.get<Mailing>(scope.path(`/mailings/${id}`)),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'sending' ? 2_000 : status === 'scheduled' ? 15_000 : false;
    },
  });
}

/** How many contacts the audience holds and how many of them can receive this purpose's email. */
export function useAudienceCount(audience: MailingAudience, purpose: string, enabled = true) {
  const scope = useOrg();
  const empty = audience.segmentIds.length === 0 && audience.tags.length === 0;
  return useQuery({
    queryKey: ['mailing-audience', scope.org.slug, audience, purpose],
    queryFn: () => api.post<AudienceCount>(scope.path('/mailings/audience'), { audience, purpose }),
    enabled: enabled && !empty && purpose !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * The copies of a send, a page at a time, optionally only those in one state. `version` changes as
 * the send moves on (the mailing's counts), and the pages shown are read again then.
 */
export function useRecipients(id: number, status: RecipientStatus | undefined, version: string) {
  const scope = useOrg();
  const query = useInfiniteQuery({
    queryKey: ['mailing-recipients', scope.org.slug, id, status ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get<RecipientPage>(scope.path(`/mailings/${id}/recipients`), { status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { refetch } = query;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void refetch();
  }, [version, refetch]);
  return query;
}

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
