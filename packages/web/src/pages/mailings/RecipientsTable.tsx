import { useState } from 'react';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { recipientStatuses, useRecipients, type MailingRecipient, type RecipientStatus } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../../components/QueryError';

const colors: Record<RecipientStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
  bounced: 'orange',
  skipped: 'default',
  uncertain: 'gold',
};

/** Each copy of the send: who, where it stands, and why it failed or was skipped. */
export function RecipientsTable({ mailingId, version }: { mailingId: number; version: string }) {
  const t = useT();
  const scope = useOrg();
  const [status, setStatus] = useState<RecipientStatus | undefined>();
  const pages = useRecipients(mailingId, status, version);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('mailings.recipients.filter')}</Typography.Text>
        <Select<RecipientStatus | 'all'>
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          style={{ width: 160 }}
          aria-label={t('mailings.recipients.filter')}
          options={[
            { value: 'all', label: t('mailings.recipients.all') },
            ...recipientStatuses.map((s) => ({ value: s, label: t(`mailings.recipient.${s}`) })),
          ]}
        />
      </Space>
      {pages.isError && <QueryError error={pages.error} retry={() => void pages.refetch()} />}
      <Table<MailingRecipient>
        rowKey="contactId"
        size="small"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('mailings.recipients.none') }}
        columns={[
          {
            title: t('mailings.recipients.contact'),
            render: (_: unknown, r) => (
              <Link to={`/o/${scope.org.slug}/contacts/${r.contactId}`}>{r.name || `#${r.contactId}`}</Link>
            ),
          },
          { title: t('mailings.recipients.email'), dataIndex: 'email' },
          {
            title: t('mailings.recipients.status'),
            dataIndex: 'status',
            render: (s: RecipientStatus) => <Tag color={colors[s]}>{t(`mailings.recipient.${s}`)}</Tag>,
          },
          { title: t('mailings.recipients.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('mailings.recipients.sentAt'),
            dataIndex: 'sentAt',
            render: (v: string | null) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: t('mailings.recipients.reason'),
            dataIndex: 'reason',
            render: (v: string | null) =>
              v ? (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
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
            {pages.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
