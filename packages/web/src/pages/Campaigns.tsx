import { Badge, Button, Empty, Table, Tag } from 'antd';
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
            render: (_: unknown, c) => <Link to={String(c.id)}>{c.copy.title}</Link>,
          },
          {
            title: t('campaigns.status'),
            render: (_: unknown, c) => (
              <>
                <CampaignStatusTag status={c.status} />
                {c.pending && <Badge status="warning" text={t('campaigns.pendingEdits')} />}
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
