import { useState } from 'react';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useSendRecipients, type SendKind } from '../../api/outreach';
import { useT, type MessageKey } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../../components/QueryError';

export interface Recipient<Status> {
  contactId: number;
  name: string | null;
  status: Status;
  attempts: number;
  sentAt: string | null;
  reason: string | null;
}

export interface RecipientsTableProps<Status extends string, Row extends Recipient<Status>> {
  kind: SendKind;
  sendId: number;
  /** Changes as the send moves on; the pages shown are read again then. */
  version: string;
  /** Each with its `${kind.messages}.recipient.${status}` label. */
  colors: Record<Status, string>;
  /** Where the copy went (the address or number), after the contact. */
  address: ColumnType<Row>;
  /** What else the kind knows of a copy, after when it went. */
  more?: ColumnType<Row>[];
  scrollX: number;
}

/** Each copy of a send: who, where it stands, and why it failed or was skipped. */
export function RecipientsTable<Status extends string, Row extends Recipient<Status>>({
  kind,
  sendId,
  version,
  colors,
  address,
  more = [],
  scrollX,
}: RecipientsTableProps<Status, Row>) {
  const t = useT();
  const scope = useOrg();
  const [status, setStatus] = useState<Status | undefined>();
  const pages = useSendRecipients<Row>(kind, sendId, status, version);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // Each kind has a label for each of its statuses (the dictionary's type lists them).
  const label = (s: Status) => t(`${kind.messages}.recipient.${s}` as MessageKey);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('mailings.recipients.filter')}</Typography.Text>
        <Select<Status | 'all'>
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          style={{ width: 160 }}
          aria-label={t('mailings.recipients.filter')}
          options={[
            { value: 'all', label: t('mailings.recipients.all') },
            ...(Object.keys(colors) as Status[]).map((s) => ({ value: s, label: label(s) })),
          ]}
        />
      </Space>
      {pages.isError && <QueryError error={pages.error} retry={() => void pages.refetch()} />}
      <Table<Row>
        rowKey="contactId"
        size="small"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: scrollX }}
        locale={{ emptyText: t('mailings.recipients.none') }}
        columns={[
          {
            title: t('mailings.recipients.contact'),
            render: (_: unknown, r) => (
              <Link to={`/o/${scope.org.slug}/contacts/${r.contactId}`}>{r.name || `#${r.contactId}`}</Link>
            ),
          },
          address,
          {
            title: t('mailings.recipients.status'),
            dataIndex: 'status',
            render: (s: Status) => <Tag color={colors[s]}>{label(s)}</Tag>,
          },
          { title: t('mailings.recipients.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('mailings.recipients.sentAt'),
            dataIndex: 'sentAt',
            render: (v: string | null) => formatDateTime(v, scope.org.timezone),
          },
          ...more,
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
