import { useState } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { pledgeStatuses } from '../api/enums';
import type { PledgeList, PledgeStatus } from '../api/pledges';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatMoney } from '../lib/money';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { NewPledgeButton, PledgeTable } from './pledges/PledgeTable';

/** 认捐: promises to give, what is still to come, and which are overdue. */
export default function Pledges() {
  const t = useT();
  const scope = useOrg();
  const [status, setStatus] = useState<PledgeStatus | 'all'>('all');
  const list = useQuery({
    queryKey: ['pledges', scope.org.slug, 'list', status],
    queryFn: () => api.get<PledgeList>(scope.path('/pledges'), { status: status === 'all' ? undefined : status }),
  });
  const summary = list.data?.summary ?? [];
  const count = (s: PledgeStatus) => summary.filter((r) => r.status === s).reduce((n, r) => n + r.count, 0);
  const outstanding = summary.filter((r) => r.outstanding > 0);
  return (
    <>
      <PageTitle title={t('pledges.title')} extra={<NewPledgeButton />} />
      <p className="ant-typography-secondary">{t('pledges.help')}</p>
      {list.isError && <QueryError error={list.error} retry={() => void list.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('pledges.outstanding')}
              value={
                outstanding.length
                  ? [...new Set(outstanding.map((r) => r.currency))]
                      .map((c) =>
                        formatMoney(
                          outstanding.filter((r) => r.currency === c).reduce((n, r) => n + r.outstanding, 0),
                          c,
                        ),
                      )
                      .join(' + ')
                  : formatMoney(0, scope.org.currency || 'CNY')
              }
              loading={list.isPending}
            />
          </Card>
        </Col>
        {(['open', 'overdue', 'fulfilled'] as const).map((s) => (
          <Col xs={12} md={6} key={s}>
            <Card size="small">
              <Statistic title={t(`pledges.count.${s}`)} value={count(s)} loading={list.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={(['all', ...pledgeStatuses] as const).map((v) => ({
            value: v,
            label: v === 'all' ? t('pledges.all') : t(`pledges.status.${v}`),
          }))}
        />
      </Space>
      <PledgeTable pledges={list.data?.items ?? []} loading={list.isPending} showDonor />
    </>
  );
}
