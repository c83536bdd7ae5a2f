import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Row, Statistic, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { HomeNumbers } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { fenToYuan, formatMoney } from '../lib/money';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { Chart } from '../components/Chart';

/** Headline numbers and giving by month. */
export default function Home() {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const home = useQuery({ queryKey: ['reports', scope.org.slug, 'home'], queryFn: () => api.get<HomeNumbers>(scope.path('/reports/home')) });
  const d = home.data;
  const option = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${fenToYuan(Math.round(v * 100))}` },
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: d.byMonth.map((m) => m.month) },
        yAxis: { type: 'value', name: t('home.yuan') },
        // ECharts draws numbers; fen become yuan only for display.
        series: [{ type: 'bar', name: t('home.giving'), data: d.byMonth.map((m) => m.amount / 100), itemStyle: { color: '#1f7a5c' } }],
      },
    [d, t],
  );
  return (
    <>
      <PageTitle title={scope.org.name} />
      {home.isError && <QueryError error={home.error} retry={() => void home.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}><Card loading={home.isPending}><Statistic title={t('home.contacts')} value={d?.contacts ?? 0} /></Card></Col>
        <Col xs={12} lg={6}><Card loading={home.isPending}><Statistic title={t('home.donors')} value={d?.donors ?? 0} /></Card></Col>
        <Col xs={12} lg={6}>
          <Card loading={home.isPending}>
            <Statistic title={t('home.givingThisYear')} value={d ? formatMoney(d.giftsThisYear.amount, d.currency) : '—'} />
            {d && <div style={{ color: '#888', fontSize: 12 }}>{t('home.lastYear', { amount: formatMoney(d.giftsLastYear.amount, d.currency) })}</div>}
          </Card>
        </Col>
        <Col xs={12} lg={6}><Card loading={home.isPending}><Statistic title={t('home.newDonors')} value={d?.newDonorsThisYear ?? 0} /></Card></Col>
        <Col span={24}>
          <Card title={t('home.byMonth')} loading={home.isPending}>
            {d && d.contacts === 0 ? (
              <Empty description={t('contacts.empty')}>
                <Space>
                  {scope.can('contacts:import') && <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate(`/o/${scope.org.slug}/imports`)}>{t('contacts.importSheet')}</Button>}
                  {scope.can('contacts:write') && <Button icon={<PlusOutlined />} onClick={() => navigate(`/o/${scope.org.slug}/contacts`)}>{t('contact.new')}</Button>}
                </Space>
              </Empty>
            ) : d && d.byMonth.every((m) => m.amount === 0) ? (
              <Empty description={t('home.noGifts')} />
            ) : (
              option && <Chart option={option} ariaLabel={t('home.byMonth')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
