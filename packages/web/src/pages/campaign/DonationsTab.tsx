import { Card, Col, Empty, Row, Segmented, Statistic, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useCampaignTotals, type Campaign, type Order } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatMoney } from '../../lib/money';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../../components/QueryError';

const statusColors: Record<Order['status'], string> = {
  paid: 'green',
  pending: 'orange',
  expired: 'default',
  failed: 'red',
};

/** What a campaign has raised, and its online gifts (orders) with their state. */
export function DonationsTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const totals = useCampaignTotals(campaign.id);
  const [status, setStatus] = useState<Order['status'] | 'all'>('all');
  const orders = useQuery({
    queryKey: ['campaign-orders', scope.org.slug, campaign.id, status],
    queryFn: () =>
      api.get<Order[]>(scope.path(`/campaigns/${campaign.id}/orders`), {
        status: status === 'all' ? undefined : status,
        limit: 200,
      }),
    refetchInterval: 15_000,
  });
  const m = (n: number) => formatMoney(n, campaign.currency);
  const s = totals.data;
  const percent = s && campaign.goal ? Math.floor(((s.raised + s.matched) / campaign.goal) * 100) : null;
  return (
    <>
      {totals.isError && <QueryError error={totals.error} retry={() => void totals.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('campaigns.raised')}
              value={s ? m(s.raised + s.matched) : '—'}
              loading={totals.isPending}
            />
            {s && s.matched > 0 && (
              <div className="ant-typography-secondary">
                {t('campaigns.includesMatched', { matched: m(s.matched) })}
              </div>
            )}
            {percent !== null && <span className="ant-typography-secondary">{t('campaigns.ofGoal', { percent })}</span>}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('campaigns.gifts')} value={s?.gifts ?? '—'} loading={totals.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('campaigns.donors')} value={s?.donors ?? '—'} loading={totals.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('campaigns.pendingOrders')}
              value={s?.onlineOrders.pending ?? '—'}
              loading={totals.isPending}
            />
          </Card>
        </Col>
      </Row>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={(['all', 'paid', 'pending', 'expired', 'failed'] as const).map((v) => ({
          value: v,
          label: t(`orders.status.${v}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      {orders.isError && <QueryError error={orders.error} retry={() => void orders.refetch()} />}
      <Table<Order>
        rowKey="id"
        size="small"
        loading={orders.isPending}
        dataSource={orders.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('orders.empty')} /> }}
        columns={[
          { title: t('orders.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('orders.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => m(v) },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            render: (v: Order['status']) => <Tag color={statusColors[v]}>{t(`orders.status.${v}`)}</Tag>,
          },
          {
            title: t('orders.frequency'),
            dataIndex: 'frequency',
            render: (v: Order['frequency']) => t(`orders.frequency.${v}`),
          },
          {
            title: t('orders.provider'),
            dataIndex: 'provider',
            render: (v: Order['provider']) => t(`orders.provider.${v}`),
          },
          {
            title: t('orders.donor'),
            render: (_: unknown, o) =>
              o.contactId ? (
                <Link to={`/o/${scope.org.slug}/contacts/${o.contactId}`}>
                  {o.anonymous ? t('orders.anonymousDonor') : t('orders.viewDonor')}
                </Link>
              ) : (
                '—'
              ),
          },
          { title: t('orders.orderNo'), dataIndex: 'orderNo', render: (v: string) => <code>{v}</code> },
        ]}
      />
    </>
  );
}
