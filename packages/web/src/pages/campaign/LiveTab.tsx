import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Campaign } from '../../api/fundraising';
import { labelOr, useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { Chart } from '../../components/Chart';
import { QueryError } from '../../components/QueryError';

interface Live {
  asOf: string;
  today: { amount: number; gifts: number };
  total: { amount: number; gifts: number; donors: number; matched: number };
  byHour: { hour: number; amount: number; gifts: number }[];
  latest: { amount: number; at: string; channel: string; donor: string | null }[];
}

/** A campaign's day as it happens, refreshed every five seconds: for a screen on 99 Giving Day. */
export function LiveTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const live = useQuery({
    queryKey: ['campaign-live', scope.org.slug, campaign.id],
    queryFn: () => api.get<Live>(scope.path(`/campaigns/${campaign.id}/live`)),
    refetchInterval: 5_000,
  });
  const d = live.data;
  const m = (n: number) => formatMoney(n, campaign.currency);
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => m(v) },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: (d?.byHour ?? []).map((h) => `${h.hour}:00`) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${v / 100}` } },
    series: [{ type: 'bar', data: (d?.byHour ?? []).map((h) => h.amount), itemStyle: { color: '#1677ff' } }],
  };
  return (
    <>
      {live.isError && <QueryError error={live.error} retry={() => void live.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('live.today')} value={d ? m(d.today.amount) : '—'} loading={live.isPending} />
            <Typography.Text type="secondary">{t('live.gifts', { count: d?.today.gifts ?? 0 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('live.total')}
              value={d ? m(d.total.amount + d.total.matched) : '—'}
              loading={live.isPending}
            />
            {d && d.total.matched > 0 && (
              <Typography.Text type="secondary">
                {t('campaigns.includesMatched', { matched: m(d.total.matched) })}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('campaigns.donors')} value={d?.total.donors ?? '—'} loading={live.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('campaigns.gifts')} value={d?.total.gifts ?? '—'} loading={live.isPending} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('live.byHour')}>
            <Chart option={option} height={300} ariaLabel={t('live.byHour')} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('live.latest')} extra={d && formatDateTime(d.asOf, scope.org.timezone)}>
            <List
              size="small"
              dataSource={d?.latest ?? []}
              renderItem={(g) => (
                <List.Item extra={m(g.amount)}>
                  {g.donor ?? t('live.anonymous')}{' '}
                  <Typography.Text type="secondary">
                    {labelOr(t, 'gifts.channel.', g.channel)} · {formatDateTime(g.at, scope.org.timezone).slice(11)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
