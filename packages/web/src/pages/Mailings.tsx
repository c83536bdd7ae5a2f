import { useState, type ReactNode } from 'react';
import { Button, Empty, Progress, Space, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { started, useMailings, type Mailing } from '../api/mailings';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate, formatDateTime } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { DeliveryNotice } from './mailings/DeliveryNotice';
import { MailingStatusTag } from './mailings/MailingStatusTag';
import { NewMailingModal } from './mailings/NewMailingModal';
import { Suppressions } from './mailings/Suppressions';
import { TrackingSettings } from './mailings/TrackingSettings';

/** Email to supporters who agreed to it: the mailings, newest first, and the addresses never to write to. */
export default function Mailings() {
  const t = useT();
  const scope = useOrg();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = ['suppressions', 'settings'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'mailings';
  const canWrite = scope.can('email:write');
  const create = canWrite && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('mailings.create')}
    </Button>
  );

  return (
    <>
      <PageTitle title={t('mailings.title')} extra={tab === 'mailings' && create} />
      <DeliveryNotice />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'mailings' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'mailings', label: t('mailings.tab.mailings'), children: <MailingTable create={create} /> },
          { key: 'suppressions', label: t('mailings.tab.suppressions'), children: <Suppressions /> },
          { key: 'settings', label: t('mailings.tab.settings'), children: <TrackingSettings /> },
        ]}
      />
      <NewMailingModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function MailingTable({ create }: { create: ReactNode }) {
  const t = useT();
  const scope = useOrg();
  const mailings = useMailings();
  const tz = scope.org.timezone;
  return (
    <>
      {mailings.isError && <QueryError error={mailings.error} retry={() => void mailings.refetch()} />}
      <Table<Mailing>
        rowKey="id"
        loading={mailings.isPending}
        dataSource={mailings.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        locale={{
          emptyText: (
            <Empty
              description={
                <Typography.Paragraph style={{ maxWidth: 520, margin: '0 auto' }}>
                  {create ? t('mailings.empty') : t('mailings.emptyReadOnly')}
                </Typography.Paragraph>
              }
            >
              {create}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('mailings.name'),
            render: (_: unknown, m) => <Link to={String(m.id)}>{m.name}</Link>,
          },
          {
            title: t('mailings.subject'),
            render: (_: unknown, m) => (
              <Typography.Text ellipsis={{ tooltip: m.subject }} style={{ maxWidth: 260 }}>
                {m.subject || '—'}
              </Typography.Text>
            ),
          },
          { title: t('mailings.statusLabel'), render: (_: unknown, m) => <MailingStatusTag status={m.status} /> },
          {
            title: t('mailings.progress'),
            render: (_: unknown, m) =>
              started(m) ? (
                <Space direction="vertical" size={0} style={{ minWidth: 120 }}>
                  <span>{t('mailings.sentOf', { sent: m.stats.sent, total: m.stats.recipients })}</span>
                  <Progress
                    size="small"
                    showInfo={false}
                    percent={m.stats.recipients ? (100 * m.stats.sent) / m.stats.recipients : 0}
                  />
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('mailings.sendTime'),
            render: (_: unknown, m) =>
              m.startedAt
                ? formatDateTime(m.startedAt, tz)
                : m.status === 'scheduled' && m.scheduledAt
                  ? t('mailings.scheduledFor', { time: formatDateTime(m.scheduledAt, tz) })
                  : '—',
          },
          { title: t('mailings.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, tz) },
        ]}
      />
    </>
  );
}
