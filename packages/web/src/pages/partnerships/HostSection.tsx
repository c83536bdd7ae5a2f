import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Partnership, PartnerOverviewItem } from '../../api/partnerships';
import { useProjects } from '../../api/projects';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { errorMessage } from '../../components/errors';
import { useFormMutation } from '../../components/useFormMutation';
import { QueryError } from '../../components/QueryError';
import { CampaignStatusTag } from '../campaign/CampaignStatusTag';
import { agreementColumns, useRefreshPartnerships } from './shared';

/** The host's side: the partners it hosts, inviting one, and every partner campaign's figures. */
export function HostSection({ partnerships, qualified }: { partnerships: Partnership[]; qualified: boolean }) {
  const t = useT();
  const scope = useOrg();
  const { modal, message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const [inviting, setInviting] = useState(false);
  const overview = useQuery({
    queryKey: ['partnerships', scope.org.slug, 'overview'],
    queryFn: () => api.get<PartnerOverviewItem[]>(scope.path('/partnerships/overview')),
  });
  const end = useMutation({
    mutationFn: (id: number) => api.post(scope.path(`/partnerships/${id}/end`)),
    onSuccess: () => {
      message.success(t('partnerships.ended'));
      void refresh();
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const canManage = scope.can('org:manage');
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('partnerships.asHost')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" disabled={!qualified} onClick={() => setInviting(true)}>
            {t('partnerships.invite')}
          </Button>
        )}
      </Space>
      {!qualified && <p className="ant-typography-secondary">{t('partnerships.needQualification')}</p>}
      <Table<Partnership>
        rowKey="id"
        size="small"
        dataSource={partnerships}
        pagination={false}
        locale={{ emptyText: t('partnerships.noPartners') }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('partnerships.partner'), key: 'partner', render: (_: unknown, p) => p.partner.name },
          ...agreementColumns(t),
          {
            title: '',
            key: 'actions',
            render: (_: unknown, p) =>
              canManage &&
              p.status !== 'ended' && (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('partnerships.endConfirm', { name: p.partner.name }),
                      content: t('partnerships.endHelp'),
                      onOk: () => end.mutateAsync(p.id),
                    })
                  }
                >
                  {t('partnerships.end')}
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('partnerships.overview')}</Typography.Title>
      {overview.isError && <QueryError error={overview.error} retry={() => void overview.refetch()} />}
      <Table<PartnerOverviewItem>
        rowKey={(i) => i.campaign.id}
        size="small"
        loading={overview.isPending}
        dataSource={overview.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('partnerships.noCampaigns') }}
        columns={[
          { title: t('partnerships.partner'), key: 'partner', render: (_: unknown, i) => i.partner.name },
          {
            title: t('partnerships.campaign'),
            key: 'campaign',
            render: (_: unknown, i) => (
              <Link to={`/o/${scope.org.slug}/campaigns/${i.campaign.id}`}>{i.campaign.copy.title}</Link>
            ),
          },
          {
            title: t('partnerships.status'),
            key: 'status',
            render: (_: unknown, i) => (
              <Space size={4}>
                <CampaignStatusTag status={i.campaign.status} />
                {i.campaign.pending && <Tag color="orange">{t('partnerships.editsWaiting')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('partnerships.raised'),
            key: 'raised',
            align: 'right',
            render: (_: unknown, i) => formatMoney(i.figures.raised, i.campaign.currency),
          },
          {
            title: t('partnerships.donors'),
            key: 'donors',
            align: 'right',
            render: (_: unknown, i) => i.figures.donors,
          },
          {
            title: t('partnerships.lastUpdate'),
            key: 'last',
            render: (_: unknown, i) => <LastUpdate figures={i.figures} />,
          },
        ]}
      />
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
    </>
  );
}

export function LastUpdate({ figures }: { figures: PartnerOverviewItem['figures'] }) {
  const t = useT();
  return (
    <Space size={4}>
      {figures.lastUpdateAt ? formatDate(figures.lastUpdateAt) : '—'}
      {figures.updateOverdue && <Tag color="red">{t('partnerships.updateOverdue')}</Tag>}
    </Space>
  );
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const projects = useProjects();
  const [form] = Form.useForm<{ partnerSlug: string; projectId: number; donorData: string; note?: string }>();
  const invite = useFormMutation(
    form,
    (v: { partnerSlug: string; projectId: number; donorData: string; note?: string }) =>
      api.post(scope.path('/partnerships'), { ...v, partnerSlug: v.partnerSlug.trim(), note: v.note || undefined }),
    () => {
      message.success(t('partnerships.invited'));
      void refresh();
      onClose();
    },
  );
  return (
    <Modal
      open
      title={t('partnerships.invite')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={invite.isPending}
    >
      <p className="ant-typography-secondary">{t('partnerships.inviteHelp')}</p>
      <Form form={form} layout="vertical" initialValues={{ donorData: 'totals' }} onFinish={(v) => invite.mutate(v)}>
        <Form.Item
          name="partnerSlug"
          label={t('partnerships.partnerSlug')}
          extra={t('partnerships.partnerSlugHelp')}
          rules={[{ required: true }]}
        >
          <Input placeholder="xiaoshumiao" />
        </Form.Item>
        <Form.Item
          name="projectId"
          label={t('partnerships.project')}
          extra={t('partnerships.projectHelp')}
          rules={[{ required: true }]}
        >
          <Select
            loading={projects.isPending}
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="donorData" label={t('partnerships.donorData')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="totals">{t('partnerships.donorData.totals')}</Radio>
              <Radio value="donors">{t('partnerships.donorData.donors')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('partnerships.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
