// What mailings and SMS sends share in the console: reading a send, the list and its copies, and moving it.
import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '../i18n';
import type { Permission } from '../lib/permissions';
import { useOrg } from '../lib/org';
import { errorMessage } from '../components/errors';
import { api } from './client';
import type { sendStatuses } from './enums';
import type { AudienceCount, MailingAudience } from './mailings';

export type SendStatus = (typeof sendStatuses)[number];
export type SendMove = 'pause' | 'resume' | 'cancel' | 'unschedule';

/** Where one kind of send lives: its API path, its query keys, its permission to send, its messages. */
export interface SendKind {
  path: '/mailings' | '/sms-sends';
  listKey: string;
  oneKey: string;
  recipientsKey: string;
  audienceKey: string;
  sendPermission: Permission;
  messages: 'mailings' | 'sms';
}

export const mailingKind: SendKind = {
  path: '/mailings',
  listKey: 'mailings',
  oneKey: 'mailing',
  recipientsKey: 'mailing-recipients',
  audienceKey: 'mailing-audience',
  sendPermission: 'email:send',
  messages: 'mailings',
};

export const smsKind: SendKind = {
  path: '/sms-sends',
  listKey: 'sms-sends',
  oneKey: 'sms-send',
  recipientsKey: 'sms-recipients',
  audienceKey: 'sms-audience',
  sendPermission: 'sms:send',
  messages: 'sms',
};

interface Send {
  id: number;
  status: SendStatus;
}

/** Only these may still be edited; afterwards the copies are out. */
export const editable = (status: SendStatus) => status === 'draft' || status === 'scheduled';

export const sendKey = (kind: SendKind, org: string, id: number) => [kind.oneKey, org, id];

/** The sends of one kind, newest first; a send in progress moves on the list too. */
export function useSends<T extends Send>(kind: SendKind) {
  const scope = useOrg();
  return useQuery({
    queryKey: [kind.listKey, scope.org.slug],
    queryFn: () => api.get<T[]>(scope.path(kind.path)),
    refetchInterval: (q) => (q.state.data?.some((m) => m.status === 'sending') ? 5_000 : false),
  });
}

/** One send; every 2 s while it is sending, and now and then while it waits for its time. */
export function useSend<T extends Send>(kind: SendKind, id: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: sendKey(kind, scope.org.slug, id),
    queryFn: () => api.get<T>(scope.path(`${kind.path}/${id}`)),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'sending' ? 2_000 : status === 'scheduled' ? 15_000 : false;
    },
  });
}

/** How many contacts the audience holds, and how many of them this kind of send may reach for the purpose. */
export function useAudienceCount(kind: SendKind, audience: MailingAudience, purpose: string, enabled: boolean) {
  const scope = useOrg();
  const empty = audience.segmentIds.length === 0 && audience.tags.length === 0;
  return useQuery({
    queryKey: [kind.audienceKey, scope.org.slug, audience, purpose],
    queryFn: () => api.post<AudienceCount>(scope.path(`${kind.path}/audience`), { audience, purpose }),
    enabled: enabled && !empty && purpose !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** A send as the server now has it: on its own page and in the list. */
export function useSendSaved<T extends Send>(kind: SendKind) {
  const scope = useOrg();
  const queryClient = useQueryClient();
  return (saved: T) => {
    queryClient.setQueryData(sendKey(kind, scope.org.slug, saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [kind.listKey, scope.org.slug] });
  };
}

/** Pause, resume, cancel or unschedule a send, and say so. */
export function useMoveSend<T extends Send>(kind: SendKind, id: number) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const saved = useSendSaved<T>(kind);
  return useMutation({
    mutationFn: (action: SendMove) => api.post<T>(scope.path(`${kind.path}/${id}/${action}`)),
    onSuccess: (send, action) => {
      saved(send);
      message.success(t(action === 'unschedule' ? `${kind.messages}.done.unschedule` : `mailings.done.${action}`));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
}

/**
 * The copies of a send, a page at a time, optionally only those in one state. `version` changes as
 * the send moves on (its counts), and the pages shown are read again then.
 */
export function useSendRecipients<T>(kind: SendKind, id: number, status: string | undefined, version: string) {
  const scope = useOrg();
  const query = useInfiniteQuery({
    queryKey: [kind.recipientsKey, scope.org.slug, id, status ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get<{ items: T[]; nextCursor: number | null }>(scope.path(`${kind.path}/${id}/recipients`), {
        status,
        cursor: pageParam,
        limit: 50,
      }),
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
