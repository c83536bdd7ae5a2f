import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { monthlyStatuses } from '../api/enums';
import {
  useCampaigns,
  type MonthlyChange,
  type MonthlyGift,
  type MonthlyGiftDetail,
  type MonthlyList,
  type MonthlyStatus,
} from '../api/fundraising';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { fenToYuan, formatMoney, yuanToFen } from '../lib/money';
import { amountRule } from '../components/amountRule';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';

const statusColors: Record<MonthlyStatus, string> = {
  active: 'green',
  paused: 'gold',
  lapsed: 'red',
  cancelled: 'default',
};

type Dialog = { kind: 'amount' | 'pause' | 'cancel'; gift: MonthlyGift } | null;

/** Monthly donors (月捐): who gives each month, what is due, what failed, and acting for a donor who asks. */
export default function MonthlyGifts() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<MonthlyStatus | undefined>();
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<{ amountYuan?: string; months?: number | null; reason?: string }>();
  const canWrite = scope.can('gifts:write');
  const campaigns = useCampaigns();
  const titleOf = new Map((campaigns.data ?? []).map((c) => [c.id, c.copy.title]));
  const key = ['monthly-gifts', scope.org.slug];
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(campaignId ? { campaignId: String(campaignId) } : {}),
    limit: '500',
  });
  const list = useQuery({
    queryKey: [...key, status, campaignId],
    queryFn: () => api.get<MonthlyList>(scope.path(`/monthly-gifts?${query}`)),
  });
  const detail = useQuery({
    queryKey: [...key, 'detail', openId],
    queryFn: () => api.get<MonthlyGiftDetail>(scope.path(`/monthly-gifts/${openId}`)),
    enabled: openId !== null,
  });
  const change = useMutation({
    mutationFn: (v: { id: number; change: MonthlyChange }) =>
      api.post<MonthlyGift>(scope.path(`/monthly-gifts/${v.id}/changes`), v.change),
    onSuccess: (_, v) => {
      message.success(t(`monthly.done.${v.change.action}`));
      setDialog(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });

  const submitDialog = (v: { amountYuan?: string; months?: number | null; reason?: string }) => {
    if (!dialog) return;
    const id = dialog.gift.id;
    if (dialog.kind === 'amount')
      change.mutate({ id, change: { action: 'change-amount', amount: yuanToFen(v.amountYuan!)! } });
    else if (dialog.kind === 'pause') change.mutate({ id, change: { action: 'pause', months: v.months ?? null } });
    else change.mutate({ id, change: { action: 'cancel', reason: v.reason || null } });
  };

  const active = (list.data?.summary ?? []).filter((s) => s.status === 'active');
  const count = (s: MonthlyStatus) =>
    (list.data?.summary ?? []).filter((x) => x.status === s).reduce((n, x) => n + x.count, 0);

  return (
    <>
      <PageTitle title={t('monthly.title')} />
      <Typography.Paragraph type="secondary">{t('monthly.help')}</Typography.Paragraph>
      {list.isError && <QueryError error={list.error} retry={() => void list.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('monthly.activeDonors')} value={count('active')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('monthly.perMonth')}
              value={
                active.length
                  ? active.map((s) => formatMoney(s.amount, s.currency)).join(' + ')
                  : formatMoney(0, scope.org.currency)
              }
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('monthly.status.paused')} value={count('paused')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('monthly.status.lapsed')}
              value={count('lapsed')}
              valueStyle={count('lapsed') ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('monthly.allStatuses')}
          value={status}
          onChange={setStatus}
          options={monthlyStatuses.map((s) => ({ value: s, label: t(`monthly.status.${s}`) }))}
          aria-label={t('monthly.statusFilter')}
        />
        <Select
          style={{ width: 240 }}
          allowClear
          placeholder={t('monthly.allCampaigns')}
          value={campaignId}
          onChange={setCampaignId}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.copy.title }))}
          aria-label={t('monthly.campaignFilter')}
        />
      </Space>
      <Table<MonthlyGift>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('monthly.empty') }}
        columns={[
          {
            title: t('monthly.donor'),
            render: (_: unknown, g) => (
              <Link to={`/o/${scope.org.slug}/contacts/${g.contactId}`}>{g.contactName ?? `#${g.contactId}`}</Link>
            ),
          },
          { title: t('monthly.campaign'), render: (_: unknown, g) => titleOf.get(g.campaignId) ?? `#${g.campaignId}` },
          {
            title: t('monthly.amount'),
            align: 'right',
            render: (_: unknown, g) => formatMoney(g.amount, g.currency),
          },
          {
            title: t('monthly.status'),
            render: (_: unknown, g) => (
              <Space direction="vertical" size={0}>
                <Tag color={statusColors[g.status]}>{t(`monthly.status.${g.status}`)}</Tag>
                {g.lastFailure && g.status !== 'cancelled' && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('monthly.failures', { count: g.failures })}：{g.lastFailure}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('monthly.next'),
            render: (_: unknown, g) =>
              g.nextChargeAt ? (
                formatDate(g.nextChargeAt, scope.org.timezone)
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: t('monthly.day'), dataIndex: 'chargeDay', render: (d: number) => t('monthly.dayValue', { day: d }) },
          {
            title: t('monthly.started'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDate(v, scope.org.timezone),
          },
          {
            title: '',
            render: (_: unknown, g) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setOpenId(g.id)}>
                  {t('monthly.details')}
                </Button>
                {canWrite && g.status !== 'cancelled' && (
                  <>
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ amountYuan: fenToYuan(g.amount, false) });
                        setDialog({ kind: 'amount', gift: g });
                      }}
                    >
                      {t('monthly.changeAmount')}
                    </Button>
                    {g.status === 'active' ? (
                      <Button size="small" onClick={() => setDialog({ kind: 'pause', gift: g })}>
                        {t('monthly.pause')}
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        loading={change.isPending}
                        onClick={() => change.mutate({ id: g.id, change: { action: 'resume' } })}
                      >
                        {t('monthly.resume')}
                      </Button>
                    )}
                    <Button size="small" danger onClick={() => setDialog({ kind: 'cancel', gift: g })}>
                      {t('monthly.cancel')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog ? t(`monthly.dialog.${dialog.kind}`, { name: dialog.gift.contactName ?? '' }) : ''}
        okText={dialog?.kind === 'cancel' ? t('monthly.cancelConfirm') : t('common.save')}
        cancelText={dialog?.kind === 'cancel' ? t('monthly.keepGiving') : undefined}
        okButtonProps={{ danger: dialog?.kind === 'cancel', loading: change.isPending }}
        onOk={() => form.submit()}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
        }}
        destroyOnClose
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('monthly.actForDonor')} />
        <Form form={form} layout="vertical" onFinish={submitDialog} preserve={false}>
          {dialog?.kind === 'amount' && (
            <Form.Item
              name="amountYuan"
              label={t('monthly.amountYuan')}
              rules={[{ required: true, message: t('flows.amountInvalid') }, amountRule(t)]}
            >
              <Input inputMode="decimal" addonAfter="元" />
            </Form.Item>
          )}
          {dialog?.kind === 'pause' && (
            <Form.Item name="months" label={t('monthly.pauseFor')} initialValue={1}>
              <Select
                options={[
                  ...[1, 2, 3, 6].map((n) => ({ value: n, label: t('monthly.months', { count: n }) })),
                  { value: null, label: t('monthly.untilResumed') },
                ]}
              />
            </Form.Item>
          )}
          {dialog?.kind === 'cancel' && (
            <>
              <Typography.Paragraph>{t('monthly.cancelHelp')}</Typography.Paragraph>
              <Form.Item name="reason" label={t('monthly.reason')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        width={560}
        title={
          detail.data
            ? `${detail.data.contactName ?? ''} · ${formatMoney(detail.data.amount, detail.data.currency)}`
            : ''
        }
      >
        {detail.isError && <QueryError error={detail.error} retry={() => void detail.refetch()} />}
        {detail.data && (
          <>
            <Typography.Paragraph>
              {t('monthly.donorLink')}
              <Typography.Text copyable={{ text: detail.data.manageUrl }} code ellipsis style={{ maxWidth: 360 }}>
                {detail.data.manageUrl}
              </Typography.Text>
            </Typography.Paragraph>
            <Table
              rowKey="orderNo"
              size="small"
              pagination={false}
              dataSource={detail.data.view.charges}
              columns={[
                {
                  title: t('monthly.period'),
                  render: (_: unknown, c) => c.period ?? t('monthly.firstGift'),
                },
                {
                  title: t('monthly.amount'),
                  align: 'right',
                  render: (_: unknown, c) => formatMoney(c.amount, c.currency),
                },
                { title: t('orders.status'), render: (_: unknown, c) => t(`orders.status.${c.status}`) },
                {
                  title: t('monthly.receipt'),
                  render: (_: unknown, c) =>
                    c.receiptUrl ? (
                      <a href={c.receiptUrl} target="_blank" rel="noreferrer">
                        {t('monthly.view')}
                      </a>
                    ) : null,
                },
              ]}
            />
          </>
        )}
      </Drawer>
    </>
  );
}
