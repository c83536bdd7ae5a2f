import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Progress, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Pledge, PledgeDetail, PledgeStatus } from '../../api/pledges';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { fenToYuan, formatMoney, yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';
import { ContactPicker } from '../../components/ContactPicker';
import { CampaignFundFormItems, ReceivedFormItems } from '../../components/GiftFormItems';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { useFormMutation } from '../../components/useFormMutation';

export const pledgeColors: Record<PledgeStatus, string> = {
  open: 'blue',
  overdue: 'red',
  fulfilled: 'green',
  cancelled: 'default',
};

/** Whatever shows pledges refreshes after a change: the list, the contact's gifts and timeline. */
function useRefreshPledges() {
  const queryClient = useQueryClient();
  const scope = useOrg();
  return () =>
    Promise.all(
      [
        ['pledges', scope.org.slug],
        ['gifts', scope.org.slug],
        ['timeline', scope.org.slug],
        ['contact', scope.org.slug],
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

/** Pledges with their progress and the actions staff take on one: record a payment, write it off. */
export function PledgeTable({
  pledges,
  loading,
  showDonor,
}: {
  pledges: Pledge[];
  loading: boolean;
  showDonor: boolean;
}) {
  const t = useT();
  const scope = useOrg();
  const [paying, setPaying] = useState<Pledge | null>(null);
  const [cancelling, setCancelling] = useState<Pledge | null>(null);
  const canWrite = scope.can('gifts:write');
  const m = (p: Pledge, fen: number) => formatMoney(fen, p.currency);
  return (
    <>
      <Table<Pledge>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={pledges}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('pledges.empty') }}
        columns={[
          ...(showDonor
            ? [
                {
                  title: t('pledges.donor'),
                  key: 'donor',
                  render: (_: unknown, p: Pledge) => (
                    <Link to={`/o/${scope.org.slug}/contacts/${p.contactId}`}>
                      {p.contactName ?? `#${p.contactId}`}
                    </Link>
                  ),
                },
              ]
            : []),
          { title: t('pledges.amount'), dataIndex: 'amount', align: 'right', render: (v: number, p) => m(p, v) },
          {
            title: t('pledges.progress'),
            key: 'progress',
            width: 200,
            render: (_: unknown, p) => (
              <div>
                <Progress
                  percent={Math.min(100, Math.floor((p.paid / p.amount) * 100))}
                  size="small"
                  status={p.status === 'overdue' ? 'exception' : undefined}
                />
                <span className="ant-typography-secondary">{t('pledges.paidOf', { paid: m(p, p.paid) })}</span>
              </div>
            ),
          },
          { title: t('pledges.balance'), dataIndex: 'balance', align: 'right', render: (v: number, p) => m(p, v) },
          { title: t('pledges.dueOn'), dataIndex: 'dueOn' },
          {
            title: t('pledges.status'),
            dataIndex: 'status',
            render: (v: PledgeStatus, p) => (
              <Tag color={pledgeColors[v]} title={p.cancelReason ?? undefined}>
                {t(`pledges.status.${v}`)}
              </Tag>
            ),
          },
          { title: t('pledges.campaign'), dataIndex: 'campaign', render: (v: string | null) => v ?? '—' },
          ...(canWrite
            ? [
                {
                  title: t('pledges.actions'),
                  key: 'actions',
                  render: (_: unknown, p: Pledge) =>
                    (p.status === 'open' || p.status === 'overdue') && (
                      <Space size={4}>
                        <Button size="small" onClick={() => setPaying(p)}>
                          {t('pledges.recordPayment')}
                        </Button>
                        <Button size="small" danger onClick={() => setCancelling(p)}>
                          {t('pledges.cancel')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {paying && <PayPledgeDialog pledge={paying} onClose={() => setPaying(null)} />}
      {cancelling && <CancelPledgeDialog pledge={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
}

interface PaymentForm {
  amount: string;
  receivedOn: Dayjs;
  channel: string;
  paymentReference?: string;
}

/** A payment of the pledge arrived: recorded as the donor's gift and counted, in one step. */
function PayPledgeDialog({ pledge, onClose }: { pledge: Pledge; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPledges();
  const [form] = Form.useForm<PaymentForm>();
  const pay = useMutation({
    mutationFn: (v: PaymentForm) =>
      api.post<PledgeDetail>(scope.path(`/pledges/${pledge.id}/payments`), {
        gift: {
          amount: yuanToFen(v.amount)!,
          // The day the money arrived, at noon in Shanghai, so it stays on that day in every report.
          receivedAt: new Date(`${v.receivedOn.format('YYYY-MM-DD')}T12:00:00+08:00`).toISOString(),
          channel: v.channel,
          paymentReference: v.paymentReference || undefined,
        },
      }),
    onSuccess: (result) => {
      message.success(result.status === 'fulfilled' ? t('pledges.fulfilledNow') : t('pledges.paymentRecorded'));
      void refresh();
      onClose();
    },
    onError: (error) => {
      applyFieldErrors(form, error, ['gift']);
      message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      open
      title={t('pledges.recordPaymentOf', { amount: formatMoney(pledge.amount, pledge.currency) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pay.isPending}
      okText={t('common.save')}
    >
      <p className="ant-typography-secondary">{t('pledges.paymentHelp')}</p>
      <Form<PaymentForm>
        form={form}
        layout="vertical"
        initialValues={{
          amount: fenToYuan(pledge.balance, false),
          receivedOn: dayjs(),
          channel: 'bank_transfer',
        }}
        onFinish={(v) => pay.mutate(v)}
      >
        <Form.Item
          name="amount"
          label={t('gifts.amountYuan')}
          rules={[{ required: true, message: t('gifts.amountRequired') }, amountRule(t)]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <ReceivedFormItems />
        <Form.Item name="paymentReference" label={t('gifts.reference')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelPledgeDialog({ pledge, onClose }: { pledge: Pledge; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPledges();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useFormMutation(
    form,
    (v: { reason: string }) => api.post(scope.path(`/pledges/${pledge.id}/cancel`), v),
    () => {
      message.success(t('pledges.cancelled'));
      void refresh();
      onClose();
    },
  );
  return (
    <Modal
      open
      title={t('pledges.cancelTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      okText={t('pledges.cancel')}
      confirmLoading={cancel.isPending}
    >
      <p>{t('pledges.cancelHelp')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('pledges.cancelReason')}
          rules={[{ required: true, message: t('pledges.cancelReason') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface NewPledgeForm {
  contactId: number;
  amount: string;
  pledgedOn: Dayjs;
  dueOn: Dayjs;
  campaign?: string;
  fund?: string;
  note?: string;
}

/** 登记认捐: for a given donor (on their page) or one picked here (on the pledges page). */
export function NewPledgeButton({ contactId }: { contactId?: number }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPledges();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewPledgeForm>();
  const create = useFormMutation(
    form,
    (v: NewPledgeForm) =>
      api.post(scope.path('/pledges'), {
        contactId: contactId ?? v.contactId,
        amount: yuanToFen(v.amount)!,
        pledgedOn: v.pledgedOn.format('YYYY-MM-DD'),
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        campaign: v.campaign || undefined,
        fund: v.fund || undefined,
        note: v.note || undefined,
      }),
    () => {
      message.success(t('pledges.created'));
      void refresh();
      setOpen(false);
      form.resetFields();
    },
  );
  if (!scope.can('gifts:write')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('pledges.new')}</Button>
      <Modal
        open={open}
        title={t('pledges.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('common.save')}
        destroyOnClose
      >
        <p className="ant-typography-secondary">{t('pledges.newHelp')}</p>
        <Form<NewPledgeForm>
          form={form}
          layout="vertical"
          initialValues={{ pledgedOn: dayjs(), dueOn: dayjs().add(3, 'month') }}
          onFinish={(v) => create.mutate(v)}
        >
          {contactId === undefined && (
            <Form.Item name="contactId" label={t('pledges.donor')} rules={[{ required: true }]}>
              <ContactPicker />
            </Form.Item>
          )}
          <Form.Item
            name="amount"
            label={t('pledges.amountYuan')}
            rules={[{ required: true, message: t('gifts.amountRequired') }, amountRule(t)]}
          >
            <Input inputMode="decimal" prefix="¥" placeholder="10000.00" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="pledgedOn" label={t('pledges.pledgedOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('pledges.dueOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <CampaignFundFormItems />
          <Form.Item name="note" label={t('pledges.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
