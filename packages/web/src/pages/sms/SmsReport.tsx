import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  CloseCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import {
  settledOf,
  smsRecipientStatuses,
  smsSendKey,
  useSmsRecipients,
  wentOut,
  type SmsRecipient,
  type SmsRecipientStatus,
  type SmsSend,
  type SmsSendStats,
} from '../../api/sms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

const shown: { key: keyof SmsSendStats; color?: string }[] = [
  { key: 'recipients' },
  { key: 'sent' },
  { key: 'delivered', color: '#389e0d' },
  { key: 'undelivered', color: '#d46b08' },
  { key: 'pending' },
  { key: 'failed', color: '#cf1322' },
  { key: 'skipped' },
  { key: 'uncertain', color: '#d46b08' },
];

const colors: Record<SmsRecipientStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  undelivered: 'orange',
  failed: 'red',
  skipped: 'default',
  uncertain: 'gold',
};

/** How far a send has got, what happened to each copy, and pausing, resuming or cancelling it. */
export function SmsReport({ send }: { send: SmsSend }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const s = send.stats;
  const tz = scope.org.timezone;
  const percent = (n: number) => (s.recipients ? Math.round((1000 * n) / s.recipients) / 10 : 0);
  const act = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'cancel') =>
      api.post<SmsSend>(scope.path(`/sms-sends/${send.id}/${action}`)),
    onSuccess: (saved, action) => {
      queryClient.setQueryData(smsSendKey(scope.org.slug, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['sms-sends', scope.org.slug] });
      message.success(t(`mailings.done.${action}`));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const cancel = () =>
    modal.confirm({
      title: t('mailings.cancelConfirm'),
      content: t('sms.cancelHelp', { pending: s.pending }),
      okText: t('mailings.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('mailings.keepGoing'),
      onOk: () => act.mutateAsync('cancel'),
    });
  const state =
    send.status === 'sending' && send.waitUntil
      ? { type: 'warning' as const, text: t('sms.report.waiting', { time: formatDateTime(send.waitUntil, tz) }) }
      : {
          sending: {
            type: 'info' as const,
            text: t('sms.report.sending', { time: formatDateTime(send.startedAt, tz) }),
          },
          paused: { type: 'warning' as const, text: t('sms.report.paused', { pending: s.pending }) },
          sent: {
            type: 'success' as const,
            text: t('mailings.report.sent', { time: formatDateTime(send.finishedAt, tz) }),
          },
          cancelled: { type: 'warning' as const, text: t('sms.report.cancelled') },
        }[send.status as string];

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      {state && <Alert type={state.type} showIcon message={state.text} style={{ marginBottom: 16 }} />}
      <Progress
        className="cw-send-progress"
        percent={percent(settledOf(s))}
        success={{ percent: percent(wentOut(s)) }}
        status={send.status === 'sending' ? 'active' : send.status === 'cancelled' ? 'exception' : 'normal'}
        format={() => t('mailings.sentOf', { sent: wentOut(s), total: s.recipients })}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {shown.map(({ key, color }) => (
          <Col key={key} xs={12} sm={8} md={6}>
            <Statistic
              title={
                <Space size={4}>
                  {t(`sms.stat.${key}`)}
                  <Tooltip title={t(`sms.stat.${key}Help`)}>
                    <QuestionCircleOutlined />
                  </Tooltip>
                </Space>
              }
              value={s[key]}
              valueStyle={color && s[key] > 0 ? { color } : undefined}
            />
          </Col>
        ))}
      </Row>
      {scope.can('sms:send') && (send.status === 'sending' || send.status === 'paused') && (
        <Space wrap style={{ marginTop: 16 }}>
          {send.status === 'sending' ? (
            <Button icon={<PauseCircleOutlined />} loading={act.isPending} onClick={() => act.mutate('pause')}>
              {t('mailings.pause')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={act.isPending}
              onClick={() => act.mutate('resume')}
            >
              {t('mailings.resume')}
            </Button>
          )}
          <Button danger icon={<CloseCircleOutlined />} onClick={cancel}>
            {t('mailings.cancel')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** Each copy: who, where it stands, the carrier's code, and why it failed or was skipped. */
export function SmsRecipientsTable({ sendId, version }: { sendId: number; version: string }) {
  const t = useT();
  const scope = useOrg();
  const [status, setStatus] = useState<SmsRecipientStatus | undefined>();
  const pages = useSmsRecipients(sendId, status, version);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('mailings.recipients.filter')}</Typography.Text>
        <Select<SmsRecipientStatus | 'all'>
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          style={{ width: 160 }}
          aria-label={t('mailings.recipients.filter')}
          options={[
            { value: 'all', label: t('mailings.recipients.all') },
            ...smsRecipientStatuses.map((x) => ({ value: x, label: t(`sms.recipient.${x}`) })),
          ]}
        />
      </Space>
      {pages.isError && <QueryError error={pages.error} retry={() => void pages.refetch()} />}
      <Table<SmsRecipient>
        rowKey="contactId"
        size="small"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('mailings.recipients.none') }}
        columns={[
          {
            title: t('mailings.recipients.contact'),
            render: (_: unknown, r) => (
              <Link to={`/o/${scope.org.slug}/contacts/${r.contactId}`}>{r.name || `#${r.contactId}`}</Link>
            ),
          },
          { title: t('sms.recipients.phone'), dataIndex: 'phone' },
          {
            title: t('mailings.recipients.status'),
            dataIndex: 'status',
            render: (x: SmsRecipientStatus) => <Tag color={colors[x]}>{t(`sms.recipient.${x}`)}</Tag>,
          },
          { title: t('mailings.recipients.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('mailings.recipients.sentAt'),
            dataIndex: 'sentAt',
            render: (v: string | null) => formatDateTime(v, scope.org.timezone),
          },
          { title: t('sms.recipients.carrierCode'), dataIndex: 'carrierCode', render: (v: string | null) => v ?? '—' },
          {
            title: t('mailings.recipients.reason'),
            dataIndex: 'reason',
            render: (v: string | null) =>
              v ? (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {pages.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
