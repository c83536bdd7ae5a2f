import { useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Radio, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Contact, Page } from '../../api/contacts';
import type { Gift, GiftInput, GiftKind } from '../../api/giving';
import { labelOr, useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney, yuanToFen } from '../../lib/money';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';
import { TrackingCell } from '../../components/TrackingCell';
import { CampaignFundFormItems, ReceivedFormItems } from '../../components/GiftFormItems';
import { ReceiptButton, StatementButtons } from './Receipts';
import { RefundGift } from './RefundGift';
import { ContactPledges } from '../pledges/ContactPledges';

interface GiftForm {
  kind: GiftKind;
  amountYuan: string;
  currency: string;
  receivedOn: Dayjs;
  channel: string;
  campaign?: string;
  fund?: string;
  paymentReference?: string;
  inKindDescription?: string;
}

/** ¥1,000,000 and above: confirmed before it is recorded. */
const LARGE_GIFT_FEN = 100_000_000;

/** The contact's gifts, newest first, and a form that takes yuan and records fen. */
export function GiftsTab({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<GiftForm>();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const key = ['gifts', scope.org.slug, contact.id];
  const gifts = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.get<Page<Gift>>(scope.path(`/contacts/${contact.id}/gifts`), { cursor: pageParam, limit: 100 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = gifts.data?.pages.flatMap((p) => p.items) ?? [];
  const add = useMutation({
    mutationFn: (values: GiftForm) => {
      const input: GiftInput = {
        contactId: contact.id,
        kind: values.kind,
        amount: yuanToFen(values.amountYuan)!,
        currency: values.currency,
        // The day the gift arrived, at noon in Shanghai, so it stays on that day in every report.
        receivedAt: new Date(`${values.receivedOn.format('YYYY-MM-DD')}T12:00:00+08:00`).toISOString(),
        channel: values.channel,
        campaign: values.campaign || undefined,
        fund: values.fund || undefined,
        paymentReference: values.paymentReference || undefined,
        inKindDescription: values.inKindDescription || undefined,
      };
      return api.post<Gift>(scope.path('/gifts'), input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['contact', scope.org.slug, contact.id] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
      message.success(t('gifts.added'));
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  // A gift goes to the public ledger for good: an amount with a slipped digit is asked about first.
  const confirmLarge = (values: GiftForm) => {
    const fen = yuanToFen(values.amountYuan) ?? 0;
    if (fen < LARGE_GIFT_FEN) return add.mutate(values);
    modal.confirm({
      title: t('gifts.largeTitle', { amount: formatMoney(fen, values.currency) }),
      content: t('gifts.largeHelp'),
      okText: t('gifts.largeOk'),
      onOk: () => add.mutate(values),
    });
  };
  const canAdd = scope.can('gifts:write') && !contact.erasedAt;
  const canRefund = scope.can('funds:write');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['contact', scope.org.slug, contact.id] }),
      queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] }),
    ]);

  return (
    <>
      <ContactPledges contact={contact} />
      {gifts.isError && <QueryError error={gifts.error} retry={() => void gifts.refetch()} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {canAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('gifts.add')}
          </Button>
        )}
        {rows.length > 0 && <StatementButtons contact={contact} />}
      </Space>
      <Table<Gift>
        rowKey="id"
        size="small"
        loading={gifts.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={canAdd ? t('gifts.emptyAdd') : t('gifts.empty')} /> }}
        columns={[
          { title: t('gifts.date'), dataIndex: 'receivedAt', render: (v: string) => formatDate(v, scope.org.timezone) },
          {
            title: t('gifts.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: number, g) =>
              g.kind === 'in_kind' ? `${t('gifts.inKind')} ${formatMoney(v, g.currency)}` : formatMoney(v, g.currency),
          },
          {
            title: t('gifts.channel'),
            dataIndex: 'channel',
            render: (v: string) => labelOr(t, 'gifts.channel.', v),
          },
          { title: t('gifts.campaign'), dataIndex: 'campaign', render: (v: string | null) => v ?? '—' },
          { title: t('gifts.fund'), dataIndex: 'fund', render: (v: string | null) => v ?? '—' },
          { title: t('gifts.reference'), dataIndex: 'paymentReference', render: (v: string | null) => v ?? '—' },
          {
            title: t('tracking.code'),
            dataIndex: 'trackingCode',
            render: (_: unknown, g) => <TrackingCell code={g.trackingCode} leafIndex={g.leafIndex} />,
          },
          { title: t('receipts.column'), key: 'receipt', render: (_: unknown, g) => <ReceiptButton gift={g} /> },
          ...(canRefund
            ? [
                {
                  title: t('refunds.action'),
                  key: 'refund',
                  render: (_: unknown, g: Gift) =>
                    g.kind === 'money' && <RefundGift gift={g} onDone={() => void refresh()} />,
                },
              ]
            : []),
        ]}
      />
      {gifts.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void gifts.fetchNextPage()} loading={gifts.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('gifts.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        okText={t('common.save')}
        destroyOnClose
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            kind: 'money',
            currency: scope.org.currency || 'CNY',
            receivedOn: dayjs(),
            channel: 'bank_transfer',
          }}
          onFinish={(v) => confirmLarge(v)}
        >
          <Form.Item name="kind" label={t('gifts.kind')}>
            <Radio.Group
              options={[
                { value: 'money', label: t('gifts.money') },
                { value: 'in_kind', label: t('gifts.inKind') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={t('gifts.amountYuan')}
            validateFirst
            rules={[
              { required: true, message: t('gifts.amountRequired') },
              {
                validator: async (_r, v: string) => {
                  const fen = yuanToFen(v ?? '');
                  if (fen === null || fen <= 0) throw new Error(t('gifts.amountRule'));
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" placeholder="100.00" />
          </Form.Item>
          <Form.Item name="currency" hidden>
            <Input />
          </Form.Item>
          <ReceivedFormItems />
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'in_kind' && (
                <Form.Item name="inKindDescription" label={t('gifts.inKindDescription')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              )
            }
          </Form.Item>
          <CampaignFundFormItems />
          <Form.Item name="paymentReference" label={t('gifts.reference')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
