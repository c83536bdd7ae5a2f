import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client';
import { labelOr, useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatMoney } from '../lib/money';
import { Chart } from '../components/Chart';
import { QueryError } from '../components/QueryError';

interface Sum {
  currency: string;
  amount: number;
  gifts: number;
}
interface Report {
  byCampaign: (Sum & { campaign: string | null; title: string | null; donors: number })[];
  byChannel: (Sum & { channel: string })[];
  byDay: (Sum & { day: string })[];
  refunds: { currency: string; amount: number; refunds: number }[];
}

/** Money raised in a period, by day, channel and campaign (online, offline and imported gifts). */
export function FundraisingReport() {
  const t = useT();
  const scope = useOrg();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [from, to] = range.map((d) => d.format('YYYY-MM-DD')) as [string, string];
  const report = useQuery({
    queryKey: ['fundraising-report', scope.org.slug, from, to],
    queryFn: () => api.get<Report>(scope.path('/reports/fundraising'), { from, to }),
  });
  const r = report.data;
  const currency = scope.org.currency || 'CNY';
  const total = (r?.byDay ?? []).filter((d) => d.currency === currency).reduce((n, d) => n + d.amount, 0);
  const gifts = (r?.byDay ?? []).reduce((n, d) => n + d.gifts, 0);
  const refunded = (r?.refunds ?? []).filter((x) => x.currency === currency).reduce((n, x) => n + x.amount, 0);
  const days = useMemo(() => {
    const out: string[] = [];
    for (let d = range[0]; !d.isAfter(range[1], 'day'); d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
    return out;
  }, [range]);
  const byDay = new Map((r?.byDay ?? []).filter((d) => d.currency === currency).map((d) => [d.day, d.amount]));
  const line = {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${v / 100}` } },
    series: [
      {
        type: 'bar',
        name: t('fundraisingReport.amount'),
        data: days.map((d) => byDay.get(d) ?? 0),
        itemStyle: { color: '#1a7f37' },
      },
    ],
  };
  const pie = {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatMoney(v, currency) },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: (r?.byChannel ?? [])
          .filter((c) => c.currency === currency)
          .map((c) => ({ name: labelOr(t, 'gifts.channel.', c.channel), value: c.amount })),
      },
    ],
  };
  return (
    <>
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        style={{ marginBottom: 16 }}
      />
      {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic
              title={t('fundraisingReport.raised')}
              value={formatMoney(total, currency)}
              loading={report.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title={t('fundraisingReport.gifts')} value={gifts} loading={report.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic
              title={t('fundraisingReport.refunded')}
              value={formatMoney(refunded, currency)}
              loading={report.isPending}
            />
          </Card>
        </Col>
      </Row>
      {r && r.byDay.length === 0 ? (
        <Empty description={t('fundraisingReport.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card size="small" title={t('fundraisingReport.byDay')}>
              <Chart option={line} height={280} ariaLabel={t('fundraisingReport.byDay')} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('fundraisingReport.byChannel')}>
              <Chart option={pie} height={280} ariaLabel={t('fundraisingReport.byChannel')} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('fundraisingReport.byCampaign')}>
              <Table
                rowKey={(c) => `${c.campaign}-${c.currency}`}
                size="small"
                pagination={false}
                dataSource={r?.byCampaign ?? []}
                columns={[
                  {
                    title: t('fundraisingReport.campaign'),
                    render: (_: unknown, c) => c.title ?? c.campaign ?? t('fundraisingReport.noCampaign'),
                  },
                  {
                    title: t('fundraisingReport.amount'),
                    align: 'right',
                    render: (_: unknown, c) => formatMoney(c.amount, c.currency),
                  },
                  { title: t('fundraisingReport.gifts'), dataIndex: 'gifts', align: 'right' },
                  { title: t('fundraisingReport.donors'), dataIndex: 'donors', align: 'right' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
