import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, InputNumber, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { DonorsByYear, GiftTotals, LapsedReport, Segment } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { today } from '../lib/calendar';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { Chart } from '../components/Chart';
import { moneyText } from '../components/MoneyList';
import { errorMessage } from '../components/errors';
import { FundraisingReport } from './FundraisingReport';

type Lapsed = 'lybunt' | 'sybunt';

/** The same people as a segment definition (see modules/segments/definition.ts), to list and export them. */
const lapsedDefinition = (kind: Lapsed, year: number) =>
  kind === 'lybunt'
    ? {
        all: [
          { field: 'gifts', op: 'gave', period: { year: year - 1 } },
          { field: 'gifts', op: 'didNotGive', period: { year } },
        ],
      }
    : {
        all: [
          { field: 'gifts', op: 'gave', period: { to: `${year - 2}-12-31` } },
          { field: 'gifts', op: 'didNotGive', period: { from: `${year - 1}-01-01` } },
        ],
      };

function LapsedTab({ kind, year }: { kind: Lapsed; year: number }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const currency = scope.org.currency || 'CNY';
  const years = [year - 4, year - 3, year - 2, year - 1, year];
  const results = useQueries({
    queries: years.map((y) => ({
      queryKey: ['reports', scope.org.slug, kind, y],
      queryFn: () => api.get<LapsedReport>(scope.path(`/reports/${kind}`), { year: y }),
    })),
  });
  const current = results[results.length - 1]!;
  const r = current.data;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', minInterval: 1, name: t('reports.donors') },
      series: [
        {
          type: 'bar',
          name: kind.toUpperCase(),
          data: results.map((q) => q.data?.donors ?? 0),
          itemStyle: { color: '#d4880f' },
          barMaxWidth: 48,
        },
      ],
    }),
    [results.map((q) => q.data?.donors).join(','), kind, t],
  );
  const save = useMutation({
    mutationFn: () =>
      api.post<Segment>(scope.path('/segments'), {
        name: `${kind.toUpperCase()} ${year}`,
        description: r?.definition ?? null,
        definition: lapsedDefinition(kind, year),
      }),
    onSuccess: (s) => navigate(`/o/${scope.org.slug}/contacts?segment=${s.id}`),
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(`reports.${kind}.explain`, { year, last: year - 1 })}
      </Typography.Paragraph>
      {current.isError && <QueryError error={current.error} retry={() => void current.refetch()} />}
      <Space size={48} wrap style={{ marginBottom: 16 }} align="end">
        <Statistic title={t('reports.donors')} value={r?.donors ?? 0} loading={current.isPending} />
        <Statistic
          title={t('reports.theyGave')}
          value={r ? moneyText(r.given, currency) : '—'}
          loading={current.isPending}
        />
        {scope.can('segments:write') && (
          <Button
            icon={<TeamOutlined />}
            disabled={!r || r.donors === 0}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('reports.listThem')}
          </Button>
        )}
      </Space>
      <Chart option={option} height={280} ariaLabel={`${kind.toUpperCase()} ${years[0]}–${year}`} />
    </>
  );
}

function FirstRepeatTab({ year }: { year: number }) {
  const t = useT();
  const scope = useOrg();
  const currency = scope.org.currency || 'CNY';
  const report = useQuery({
    queryKey: ['reports', scope.org.slug, 'donors-by-year', year],
    queryFn: () => api.get<DonorsByYear>(scope.path('/reports/donors-by-year'), { from: year - 4, to: year }),
  });
  const rows = report.data ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('reports.first'), t('reports.repeat')] },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          stack: 'donors',
          name: t('reports.first'),
          data: rows.map((r) => r.firstTime.donors),
          itemStyle: { color: '#73d13d' },
          barMaxWidth: 48,
        },
        {
          type: 'bar',
          stack: 'donors',
          name: t('reports.repeat'),
          data: rows.map((r) => r.repeat.donors),
          itemStyle: { color: '#1f7a5c' },
          barMaxWidth: 48,
        },
      ],
    }),
    [rows, t],
  );
  return (
    <>
      <Typography.Paragraph type="secondary">{t('reports.firstVsRepeat.explain')}</Typography.Paragraph>
      {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
      <Chart option={option} height={300} ariaLabel={t('reports.firstVsRepeat')} />
      <Table
        rowKey="year"
        size="small"
        loading={report.isPending}
        dataSource={[...rows].reverse()}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: t('reports.year'), dataIndex: 'year' },
          { title: t('reports.firstDonors'), key: 'fd', align: 'right', render: (_v, r) => r.firstTime.donors },
          {
            title: t('reports.firstAmount'),
            key: 'fa',
            align: 'right',
            render: (_v, r) => moneyText(r.firstTime.given, currency),
          },
          { title: t('reports.repeatDonors'), key: 'rd', align: 'right', render: (_v, r) => r.repeat.donors },
          {
            title: t('reports.repeatAmount'),
            key: 'ra',
            align: 'right',
            render: (_v, r) => moneyText(r.repeat.given, currency),
          },
        ]}
      />
    </>
  );
}

function TotalsTab({ year }: { year: number }) {
  const t = useT();
  const scope = useOrg();
  const currency = scope.org.currency || 'CNY';
  const report = useQuery({
    queryKey: ['reports', scope.org.slug, 'gift-totals', 'channel', year],
    queryFn: () =>
      api.get<GiftTotals>(scope.path('/reports/gift-totals'), {
        groupBy: 'channel',
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      }),
  });
  const rows = (report.data?.rows ?? []).filter((r) => r.currency === currency);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
      series: [
        { type: 'pie', radius: ['40%', '70%'], data: rows.map((r) => ({ name: r.key ?? '—', value: r.amount / 100 })) },
      ],
    }),
    [rows],
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        {rows.length > 0 && <Chart option={option} height={300} ariaLabel={t('reports.byChannel')} />}
      </Col>
      <Col xs={24} md={12}>
        {report.isError && <QueryError error={report.error} retry={() => void report.refetch()} />}
        <Table
          rowKey={(r) => `${r.key}-${r.currency}`}
          size="small"
          loading={report.isPending}
          dataSource={report.data?.rows ?? []}
          pagination={false}
          locale={{ emptyText: t('reports.noGiftsYear', { year }) }}
          columns={[
            { title: t('gifts.channel'), dataIndex: 'key', render: (k: string | null) => k ?? '—' },
            {
              title: t('gifts.amount'),
              key: 'amount',
              align: 'right',
              render: (_v, r) => moneyText([{ currency: r.currency, amount: r.amount }]),
            },
            { title: t('contact.giftCount'), dataIndex: 'gifts', align: 'right' },
            { title: t('reports.donors'), dataIndex: 'donors', align: 'right' },
          ]}
        />
      </Col>
    </Row>
  );
}

/** LYBUNT, SYBUNT, first-time versus repeat donors, and totals by channel. */
export default function Reports() {
  const t = useT();
  const scope = useOrg();
  const thisYear = today(scope.org.timezone).year;
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <PageTitle
        title={t('nav.reports')}
        extra={
          <Space>
            <span>{t('reports.year')}</span>
            <InputNumber
              min={2000}
              max={thisYear}
              value={year}
              onChange={(v) => v && setYear(v)}
              aria-label={t('reports.year')}
            />
          </Space>
        }
      />
      <Card>
        <Tabs
          items={[
            { key: 'lybunt', label: 'LYBUNT', children: <LapsedTab kind="lybunt" year={year} /> },
            { key: 'sybunt', label: 'SYBUNT', children: <LapsedTab kind="sybunt" year={year} /> },
            { key: 'first', label: t('reports.firstVsRepeat'), children: <FirstRepeatTab year={year} /> },
            { key: 'channels', label: t('reports.byChannel'), children: <TotalsTab year={year} /> },
            { key: 'fundraising', label: t('reports.fundraising'), children: <FundraisingReport /> },
          ]}
        />
      </Card>
    </>
  );
}
