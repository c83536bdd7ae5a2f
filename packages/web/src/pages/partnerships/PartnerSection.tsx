import { useState } from 'react';
import { Alert, App, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { HostedCampaign, HostedDonor, Partnership } from '../../api/partnerships';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';
import { CampaignStatusTag } from '../campaign/CampaignStatusTag';
import { HostedCampaignDialog, HostedUpdateDialog } from './HostedCampaignDialogs';
import { LastUpdate } from './HostSection';
import { agreementColumns, useRefreshPartnerships } from './shared';

type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; campaign: HostedCampaign }
  | { kind: 'update'; campaign: HostedCampaign }
  | { kind: 'donors'; campaign: HostedCampaign }
  | null;

/** The partner's side: its hosts' invitations, and the campaigns it runs under them. */
export function PartnerSection({ partnerships }: { partnerships: Partnership[] }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const [dialog, setDialog] = useState<Dialog>(null);
  const campaigns = useQuery({
    queryKey: ['hosted-campaigns', scope.org.slug],
    queryFn: () => api.get<HostedCampaign[]>(scope.path('/hosted-campaigns')),
  });
  const act = useMutation({
    mutationFn: ({ path }: { path: string }) => api.post(scope.path(path)),
    onSuccess: () => {
      message.success(t('common.saved'));
      void refresh();
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const active = partnerships.filter((p) => p.status === 'active');
  const canManage = scope.can('org:manage');
  const canWrite = scope.can('campaigns:write');
  const m = (c: HostedCampaign, fen: number) => formatMoney(fen, c.currency);
  return (
    <>
      <Typography.Title level={5}>{t('partnerships.asPartner')}</Typography.Title>
      <Table<Partnership>
        rowKey="id"
        size="small"
        dataSource={partnerships}
        pagination={false}
        locale={{ emptyText: t('partnerships.noHosts') }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('partnerships.host'), key: 'host', render: (_: unknown, p) => p.host.name },
          ...agreementColumns(t),
          {
            title: '',
            key: 'actions',
            render: (_: unknown, p) =>
              canManage &&
              p.status === 'invited' && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => act.mutate({ path: `/partnerships/${p.id}/accept` })}
                >
                  {t('partnerships.accept')}
                </Button>
              ),
          },
        ]}
      />
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('partnerships.myCampaigns')}
        </Typography.Title>
        {canWrite && active.length > 0 && (
          <Button type="primary" onClick={() => setDialog({ kind: 'new' })}>
            {t('partnerships.newCampaign')}
          </Button>
        )}
      </Space>
      {campaigns.isError && <QueryError error={campaigns.error} retry={() => void campaigns.refetch()} />}
      <Table<HostedCampaign>
        rowKey="id"
        size="small"
        loading={campaigns.isPending}
        dataSource={campaigns.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('partnerships.noCampaigns') }}
        columns={[
          { title: t('partnerships.campaign'), key: 'title', render: (_: unknown, c) => c.copy.title },
          { title: t('partnerships.host'), key: 'host', render: (_: unknown, c) => c.host.name },
          {
            title: t('partnerships.status'),
            key: 'status',
            render: (_: unknown, c) => (
              <Space size={4}>
                <CampaignStatusTag status={c.status} />
                {c.pending && <Tag color="orange">{t('partnerships.editsWaiting')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('partnerships.raised'),
            key: 'raised',
            align: 'right',
            render: (_: unknown, c) => m(c, c.figures.raised),
          },
          {
            title: t('partnerships.donors'),
            key: 'donors',
            align: 'right',
            render: (_: unknown, c) => c.figures.donors,
          },
          {
            title: t('partnerships.lastUpdate'),
            key: 'last',
            render: (_: unknown, c) => <LastUpdate figures={c.figures} />,
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                {canWrite && c.status !== 'closed' && (
                  <Button size="small" onClick={() => setDialog({ kind: 'edit', campaign: c })}>
                    {t('partnerships.edit')}
                  </Button>
                )}
                {canWrite && c.status === 'draft' && (
                  <Button size="small" onClick={() => act.mutate({ path: `/hosted-campaigns/${c.id}/submit` })}>
                    {t('partnerships.submit')}
                  </Button>
                )}
                {canWrite && c.status === 'live' && (
                  <Button size="small" onClick={() => setDialog({ kind: 'update', campaign: c })}>
                    {t('partnerships.postUpdate')}
                  </Button>
                )}
                {c.donorData === 'donors' && (
                  <Button size="small" onClick={() => setDialog({ kind: 'donors', campaign: c })}>
                    {t('partnerships.viewDonors')}
                  </Button>
                )}
                {(c.status === 'live' || c.status === 'closed') && (
                  <Button size="small" href={c.publicUrl} target="_blank">
                    {t('campaigns.openPage')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {(dialog?.kind === 'new' || dialog?.kind === 'edit') && (
        <HostedCampaignDialog
          campaign={dialog.kind === 'edit' ? dialog.campaign : undefined}
          partnerships={active}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'update' && <HostedUpdateDialog campaign={dialog.campaign} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'donors' && <DonorsDrawer campaign={dialog.campaign} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The donors the agreement shares, for the partner to thank them; each opening is audited on both sides. */
function DonorsDrawer({ campaign, onClose }: { campaign: HostedCampaign; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const donors = useQuery({
    queryKey: ['hosted-campaigns', scope.org.slug, campaign.id, 'donors'],
    queryFn: () => api.get<HostedDonor[]>(scope.path(`/hosted-campaigns/${campaign.id}/donors`)),
  });
  return (
    <Drawer open width={640} title={t('partnerships.donorsOf', { title: campaign.copy.title })} onClose={onClose}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('partnerships.donorsAudited')} />
      {donors.isError && <QueryError error={donors.error} retry={() => void donors.refetch()} />}
      <Table<HostedDonor>
        rowKey="giftId"
        size="small"
        loading={donors.isPending}
        dataSource={donors.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('partnerships.donorName'), dataIndex: 'name' },
          { title: t('partnerships.donorPhone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('partnerships.donorEmail'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
          {
            title: t('partnerships.raised'),
            key: 'amount',
            align: 'right',
            render: (_: unknown, d) => formatMoney(d.amount, d.currency),
          },
          { title: t('partnerships.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Drawer>
  );
}
