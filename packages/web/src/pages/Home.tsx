import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { GiftTotals, Overview } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { lastMonths, today } from '../lib/calendar';
import { formatDate } from '../lib/dates';
import { fenToYuan, formatMoney } from '../lib/money';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { Chart } from '../components/Chart';
import { moneyText } from '../components/MoneyList';

/** Headline numbers, giving by month for the last twelve months, and the latest gifts. */
export default function Home() {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const currency = scope.org.currency || 'CNY';
  const months = useMemo(() => lastMonths(12, today(scope.org.timezone)), [scope.org.timezone]);
  const overview = useQuery({
    queryKey: ['reports', scope.org.slug, 'overview'],
    queryFn: () => api.get<Overview>(scope.path('/reports/overview')),
  });
  const totals = useQuery({
    queryKey: ['reports', scope.org.slug, 'gift-totals', 'month', months[0]],
    queryFn: () =>
      api.get<GiftTotals>(scope.path('/reports/gift-totals'), { groupBy: 'month', from: `${months[0]}-01` }),
  });
  const o = overview.data;
  const byMonth = useMemo(() => {
    const amounts = new Map((totals.data?.rows ?? []).filter((r) => r.currency === currency).map((r) => [r.key, r]));
    return months.map((m) => ({ month: m, amount: amounts.get(m)?.amount ?? 0, gifts: amounts.get(m)?.gifts ?? 0 }));
  }, [totals.data, months, currency]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${fenToYuan(Math.round(v * 100))}` },
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: byMonth.map((m) => m.month) },
      yAxis: { type: 'value', name: t('home.yuan') },
      // Fen become yuan only for drawing; sums stay integer fen on the server.
      series: [
        {
          type: 'bar',
          name: t('home.giving'),
          data: byMonth.map((m) => m.amount / 100),
          itemStyle: { color: '#1f7a5c' },
          barMaxWidth: 40,
        },
      ],
    }),
    [byMonth, t],
  );
  const noGifts = totals.isSuccess && byMonth.every((m) => m.amount === 0);

  if (o && o.contacts === 0)
    return (
      <>
        <PageTitle title={scope.org.name} />
        <Card>
          <Empty description={t('contacts.empty')}>
            <Space>
              {scope.can('contacts:import') && (
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  onClick={() => navigate(`/o/${scope.org.slug}/imports`)}
                >
                  {t('contacts.importSheet')}
                </Button>
              )}
              {scope.can('contacts:write') && (
                <Button icon={<PlusOutlined />} onClick={() => navigate(`/o/${scope.org.slug}/contacts?new=1`)}>
                  {t('contact.new')}
                </Button>
              )}
            </Space>
          </Empty>
        </Card>
      </>
    );

  return (
    <>
      <PageTitle title={scope.org.name} />
      {overview.isError && <QueryError error={overview.error} retry={() => void overview.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card loading={overview.isPending}>
            <Statistic title={t('home.contacts')} value={o?.contacts ?? 0} />
            <Typography.Text type="secondary">
              {t('home.newThisMonth', { count: o?.newContactsThisMonth ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card loading={overview.isPending}>
            <Statistic title={t('home.donorsThisYear')} value={o?.donorsThisYear ?? 0} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card loading={overview.isPending}>
            <Statistic title={t('home.givingThisYear')} value={o ? moneyText(o.raisedThisYear, currency) : '—'} />
            {o && (
              <Typography.Text type="secondary">
                {t('home.lastYearToDate', {
                  amount: moneyText(o.raisedLastYearToDate, currency),
                  total: moneyText(o.raisedLastYear, currency),
                })}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('home.byMonth')} loading={totals.isPending}>
            {totals.isError && <QueryError error={totals.error} retry={() => void totals.refetch()} />}
            {noGifts ? (
              <Empty description={t('home.noGifts')} />
            ) : (
              <Chart option={option} ariaLabel={t('home.byMonth')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('home.recentGifts')} loading={overview.isPending}>
            <List
              size="small"
              dataSource={o?.recentGifts ?? []}
              locale={{ emptyText: t('home.noGifts') }}
              renderItem={(g) => (
                <List.Item extra={<strong>{formatMoney(g.amount, g.currency)}</strong>}>
                  <List.Item.Meta
                    title={<Link to={`/o/${scope.org.slug}/contacts/${g.contactId}`}>{g.contactName}</Link>}
                    description={[formatDate(g.receivedAt, scope.org.timezone), g.campaign].filter(Boolean).join(' · ')}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
