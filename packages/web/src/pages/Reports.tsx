import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, InputNumber, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { FirstVsRepeat, RetentionReport } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { Chart } from '../components/Chart';

const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

function Retention({ kind, year }: { kind: 'lybunt' | 'sybunt'; year: number }) {
  const t = useT();
  const scope = useOrg();
  const report = useQuery({ queryKey: ['reports', scope.org.slug, kind, year], queryFn: () => api.get<RetentionReport>(scope.path(`/reports/${kind}`), { year }) });
  const r = report.data;
  return (
    <>
      <Typography.Paragraph type="secondary">{t(`reports.${kind}.explain`, { year, last: year - 1 })}</Typography.Paragraph>
      {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
      <Space size={48} style={{ marginBottom: 16 }}>
        <Statistic title={t('reports.donors')} value={r?.count ?? 0} loading={report.isPending} />
        <Statistic title={t('reports.atRisk')} value={r ? formatMoney(r.amountLastYear, r.currency) : '—'} loading={report.isPending} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={report.isPending}
        dataSource={r?.contacts ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('reports.noneLapsed') }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (n: string, c) => <Link to={`/o/${scope.org.slug}/contacts/${c.id}`}>{n}</Link> },
          { title: t('contact.lastGift'), dataIndex: 'lastGiftAt', render: (v: string | null) => formatDate(v, scope.org.timezone) },
          { title: t('contact.totalGiven'), dataIndex: 'totalGiven', align: 'right', render: (v: number) => formatMoney(v, r?.currency) },
        ]}
      />
    </>
  );
}

function FirstRepeat({ year }: { year: number }) {
  const t = useT();
  const scope = useOrg();
  const report = useQuery({ queryKey: ['reports', scope.org.slug, 'first-vs-repeat', year], queryFn: () => api.get<FirstVsRepeat>(scope.path('/reports/first-vs-repeat'), { year }) });
  const r = report.data;
  const option = useMemo(
    () =>
      r && {
        tooltip: { trigger: 'axis' },
        legend: { data: [t('reports.first'), t('reports.repeat')] },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: r.byMonth.map((m) => m.month) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', stack: 'donors', name: t('reports.first'), data: r.byMonth.map((m) => m.firstDonors), itemStyle: { color: '#52c41a' } },
          { type: 'bar', stack: 'donors', name: t('reports.repeat'), data: r.byMonth.map((m) => m.repeatDonors), itemStyle: { color: '#1f7a5c' } },
        ],
      },
    [r, t],
  );
  return (
    <>
      {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Statistic title={t('reports.firstDonors')} value={r?.first.donors ?? 0} loading={report.isPending} /></Col>
        <Col xs={12} md={6}><Statistic title={t('reports.firstAmount')} value={r ? formatMoney(r.first.amount, r.currency) : '—'} loading={report.isPending} /></Col>
        <Col xs={12} md={6}><Statistic title={t('reports.repeatDonors')} value={r?.repeat.donors ?? 0} loading={report.isPending} /></Col>
        <Col xs={12} md={6}><Statistic title={t('reports.repeatAmount')} value={r ? formatMoney(r.repeat.amount, r.currency) : '—'} loading={report.isPending} /></Col>
      </Row>
      {option && <Chart option={option} ariaLabel={t('reports.firstVsRepeat')} />}
    </>
  );
}

/** LYBUNT, SYBUNT and first-time versus repeat donors for a year. */
export default function Reports() {
  const t = useT();
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <PageTitle
        title={t('nav.reports')}
        extra={
          <Space>
            <span>{t('reports.year')}</span>
            <InputNumber min={2000} max={thisYear()} value={year} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      />
      <Card>
        <Tabs
          items={[
            { key: 'lybunt', label: 'LYBUNT', children: <Retention kind="lybunt" year={year} /> },
            { key: 'sybunt', label: 'SYBUNT', children: <Retention kind="sybunt" year={year} /> },
            { key: 'first', label: t('reports.firstVsRepeat'), children: <FirstRepeat year={year} /> },
          ]}
        />
      </Card>
    </>
  );
}
