import { useState } from 'react';
import { Button, Empty, Segmented, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useOpportunities, type OpportunityListItem, type OpportunityStatus } from '../api/volunteers';
import { useI18n } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { shiftTimeText } from '../lib/volunteering';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { OpportunityStatusTag } from './volunteers/StatusTags';

type Filter = OpportunityStatus | 'all';

/** Volunteer opportunities (志愿活动): open calls with shifts, a sign-up form and a roster. */
export default function Volunteers() {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const navigate = useNavigate();
  const opportunities = useOpportunities();
  const [filter, setFilter] = useState<Filter>('all');
  const canWrite = scope.can('volunteers:write');
  const tz = scope.org.timezone;
  const list = (opportunities.data ?? []).filter((o) => filter === 'all' || o.status === filter);
  const create = canWrite && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
      {t('volunteers.create')}
    </Button>
  );

  return (
    <>
      <PageTitle title={t('volunteers.title')} extra={create} />
      {opportunities.isError && <QueryError error={opportunities.error} retry={() => void opportunities.refetch()} />}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 12 }}
        options={(['all', 'draft', 'open', 'closed'] as const).map((value) => ({
          value,
          label: t(value === 'all' ? 'volunteers.filter.all' : `volunteers.status.${value}`),
        }))}
      />
      <Table<OpportunityListItem>
        rowKey="id"
        loading={opportunities.isPending}
        dataSource={list}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        locale={{
          emptyText: (
            <Empty
              description={
                <Typography.Paragraph style={{ maxWidth: 520, margin: '0 auto' }}>
                  {filter !== 'all'
                    ? t('volunteers.emptyFiltered')
                    : canWrite
                      ? t('volunteers.empty')
                      : t('volunteers.emptyReadOnly')}
                </Typography.Paragraph>
              }
            >
              {filter === 'all' && create}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('volunteers.name'),
            render: (_: unknown, o) => <Link to={String(o.id)}>{o.title}</Link>,
          },
          { title: t('volunteers.statusLabel'), render: (_: unknown, o) => <OpportunityStatusTag status={o.status} /> },
          {
            title: t('volunteers.dates'),
            render: (_: unknown, o) => {
              if (!o.startsAt || !o.endsAt)
                return <Typography.Text type="secondary">{t('volunteers.noShifts')}</Typography.Text>;
              const [from, to] = [formatDate(o.startsAt, tz), formatDate(o.endsAt, tz)];
              return from === to ? from : `${from} – ${to}`;
            },
          },
          { title: t('volunteers.location'), render: (_: unknown, o) => o.location || '—' },
          {
            title: t('volunteers.places'),
            render: (_: unknown, o) => (
              <Space size={4} wrap>
                <span>
                  {o.signedUp} / {o.capacity ?? t('volunteers.unlimited')}
                </span>
                {o.waitlisted > 0 && (
                  <Typography.Text type="warning">
                    {t('volunteers.waitlistedCount', { count: o.waitlisted })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('volunteers.nextShift'),
            render: (_: unknown, o) =>
              o.nextShift ? (
                <Space direction="vertical" size={0}>
                  {o.nextShift.title && <span>{o.nextShift.title}</span>}
                  <Typography.Text type={o.nextShift.title ? 'secondary' : undefined}>
                    {shiftTimeText(o.nextShift.startsAt, o.nextShift.endsAt, tz, locale)}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
