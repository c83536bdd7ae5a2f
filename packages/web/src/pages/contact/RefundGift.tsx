import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Gift } from '../../api/giving';
import type { OrderRefund, RefundOptions } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { fenToYuan, formatMoney, yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

interface RefundForm {
  amount: string;
  reason?: string;
  refundedOn?: Dayjs;
}

const requestColors: Record<OrderRefund['status'], string> = {
  requested: 'blue',
  processing: 'orange',
  succeeded: 'green',
  failed: 'red',
};

/**
 * 退款 on a gift: an online gift goes back through the provider the donor paid with (原路退款); any other
 * gift is returned by hand and then recorded here. Either way, never more than is neither refunded nor
 * allocated to a project.
 */
export function RefundGift({ gift, onDone }: { gift: Gift; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('refunds.action')}
      </Button>
      {open && (
        <RefundDialog
          gift={gift}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}

function RefundDialog({ gift, onClose, onDone }: { gift: Gift; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RefundForm>();
  const key = ['refund-options', scope.org.slug, gift.id];
  const options = useQuery({
    queryKey: key,
    queryFn: () => api.get<RefundOptions>(scope.path(`/gifts/${gift.id}/refund-options`)),
  });
  const data = options.data;
  const throughProvider = Boolean(data?.online?.refundable);
  const m = (fen: number) => formatMoney(fen, gift.currency);
  const refund = useMutation({
    mutationFn: (values: RefundForm) => {
      const amount = yuanToFen(values.amount)!;
      return throughProvider
        ? api.post<OrderRefund>(scope.path(`/gifts/${gift.id}/online-refunds`), { amount, reason: values.reason })
        : api.post(scope.path(`/gifts/${gift.id}/refunds`), {
            amount,
            // The day the money went back, at noon in Shanghai, so it stays on that day in every report.
            refundedAt: new Date(`${values.refundedOn!.format('YYYY-MM-DD')}T12:00:00+08:00`).toISOString(),
            reason: values.reason || undefined,
          });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: key });
      const processing = throughProvider && (result as OrderRefund).status === 'processing';
      message.success(processing ? t('refunds.processing') : t('refunds.done'));
      onDone();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <Modal
      open
      title={t('refunds.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={throughProvider ? t('refunds.sendBack') : t('refunds.record')}
      okButtonProps={{ danger: true, disabled: !data || data.left === 0 }}
      confirmLoading={refund.isPending}
      destroyOnClose
    >
      {options.isError && <QueryError error={options.error} retry={() => void options.refetch()} />}
      {data && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('refunds.giftAmount')}>{m(data.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('refunds.left')}>{m(data.left)}</Descriptions.Item>
          </Descriptions>
          <Alert
            style={{ marginBottom: 16 }}
            type={throughProvider ? 'info' : 'warning'}
            showIcon
            message={
              throughProvider
                ? t('refunds.viaProvider', { provider: t(`orders.provider.${data.online!.provider}`) })
                : t('refunds.byHand')
            }
            description={data.left === 0 ? t('refunds.nothingLeft') : t('refunds.leftHelp')}
          />
          <Form<RefundForm>
            form={form}
            layout="vertical"
            initialValues={{ amount: fenToYuan(data.left), refundedOn: dayjs() }}
            onFinish={(values) => refund.mutate(values)}
          >
            <Form.Item
              name="amount"
              label={t('refunds.amount')}
              rules={[{ required: true, message: t('gifts.amountRequired') }, amountRule(t)]}
            >
              <Input inputMode="decimal" prefix="¥" />
            </Form.Item>
            {!throughProvider && (
              <Form.Item name="refundedOn" label={t('refunds.refundedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
              </Form.Item>
            )}
            <Form.Item
              name="reason"
              label={throughProvider ? t('refunds.reasonForDonor') : t('refunds.reasonPrivate')}
              rules={throughProvider ? [{ required: true, message: t('refunds.reasonRequired') }] : []}
            >
              <Input maxLength={throughProvider ? 80 : 2000} showCount={throughProvider} />
            </Form.Item>
          </Form>
          {data.requests.length > 0 && (
            <Table<OrderRefund>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.requests}
              columns={[
                { title: t('refunds.requestedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
                { title: t('refunds.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => m(v) },
                {
                  title: t('refunds.status'),
                  dataIndex: 'status',
                  render: (v: OrderRefund['status'], r) => (
                    <Tag color={requestColors[v]} title={r.error ?? undefined}>
                      {t(`refunds.status.${v}`)}
                    </Tag>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
