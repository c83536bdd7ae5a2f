import { Alert, Badge, Button, Empty, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useCampaigns, type Campaign } from '../api/fundraising';
import { useProjects } from '../api/projects';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatMoney } from '../lib/money';
import { formatDate } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { CampaignStatusTag } from './campaign/CampaignStatusTag';

/** Fundraising campaigns: each is a public giving page for one project. */
export default function Campaigns() {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const due = useQuery({
    queryKey: ['updates-due', scope.org.slug],
    queryFn: () => api.get<{ id: number }[]>(scope.path('/campaign-updates/due')),
  });
  const overdue = new Set((due.data ?? []).map((d) => d.id));
  const projects = useProjects();
  const canWrite = scope.can('campaigns:write');
  const noProjects = projects.data?.length === 0;
  const empty = noProjects
    ? t('campaigns.needProject')
    : canWrite
      ? t('campaigns.empty')
      : t('campaigns.emptyReadOnly');

  return (
    <>
      <PageTitle
        title={t('campaigns.title')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} disabled={noProjects} onClick={() => navigate('new')}>
              {t('campaigns.create')}
            </Button>
          )
        }
      />
      {campaigns.isError && <QueryError error={campaigns.error} retry={() => void campaigns.refetch()} />}
      {overdue.size > 0 && (
        <Alert type="warning" showIcon message={t('campaigns.updatesDueHelp')} style={{ marginBottom: 12 }} />
      )}
      <Table<Campaign>
        rowKey="id"
        loading={campaigns.isPending}
        dataSource={campaigns.data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{
          emptyText: (
            <Empty description={empty}>
              {noProjects && <Link to={`/o/${scope.org.slug}/projects`}>{t('campaigns.toProjects')}</Link>}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('campaigns.name'),
            render: (_: unknown, c) => (
              <Space size={4}>
                <Link to={String(c.id)}>{c.copy.title}</Link>
                {c.partnerOrgId && <Tag color="purple">{t('campaigns.partnerCampaign')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('campaigns.status'),
            render: (_: unknown, c) => (
              <>
                <CampaignStatusTag status={c.status} />
                {c.pending && <Badge status="warning" text={t('campaigns.pendingEdits')} />}
                {overdue.has(c.id) && <Badge status="error" text={t('campaigns.updatesDue')} />}
              </>
            ),
          },
          {
            title: t('campaigns.goal'),
            align: 'right',
            render: (_: unknown, c) => (c.goal ? formatMoney(c.goal, c.currency) : '—'),
          },
          {
            title: t('campaigns.publicPage'),
            render: (_: unknown, c) =>
              c.status === 'live' || c.status === 'closed' ? (
                <a href={c.publicUrl} target="_blank" rel="noreferrer">
                  {c.publicUrl}
                </a>
              ) : (
                <Tag>{t('campaigns.notPublic')}</Tag>
              ),
          },
          { title: t('campaigns.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDate(v) },
        ]}
      />
    </>
  );
}
