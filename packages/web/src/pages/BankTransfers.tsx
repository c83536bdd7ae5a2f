import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Order } from '../api/fundraising';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate, formatDateTime } from '../lib/dates';
import { fenToYuan, formatMoney, yuanToFen } from '../lib/money';
import { amountRule } from '../components/amountRule';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { parseStatement } from '../lib/statement';

interface Awaited extends Order {
  reference: string | null;
  donorName: string;
}

interface LineResult {
  bankTransactionId: string;
  status: 'recorded' | 'already-recorded' | 'amount-mismatch' | 'ambiguous' | 'unmatched' | 'refused';
  orderNo?: string;
  orderNos?: string[];
  expected?: number;
  received?: number;
}

const resultColors: Record<LineResult['status'], string> = {
  recorded: 'green',
  'already-recorded': 'default',
  'amount-mismatch': 'red',
  ambiguous: 'orange',
  unmatched: 'default',
  refused: 'red',
};

/** Bank transfers donors promised, and the statement lines that confirm them (对账). */
export default function BankTransfers() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [pasted, setPasted] = useState('');
  const [results, setResults] = useState<LineResult[] | null>(null);
  const [confirming, setConfirming] = useState<Awaited | null>(null);
  const [form] = Form.useForm<{ bankTransactionId: string; amountYuan: string; receivedOn: Dayjs }>();
  const canWrite = scope.can('gifts:write');
  const key = ['bank-transfers', scope.org.slug];
  const awaited = useQuery({ queryKey: key, queryFn: () => api.get<Awaited[]>(scope.path('/bank-transfers')) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const parsed = parseStatement(pasted);
  const reconcile = useMutation({
    mutationFn: () =>
      api.post<{ results: LineResult[] }>(scope.path('/bank-transfers/reconcile'), { lines: parsed.lines }),
    onSuccess: ({ results: r }) => {
      setResults(r);
      refresh();
      message.success(t('bankTransfers.reconciled', { count: r.filter((x) => x.status === 'recorded').length }));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const confirm = useMutation({
    mutationFn: (v: { bankTransactionId: string; amountYuan: string; receivedOn: Dayjs }) =>
      api.post(scope.path(`/bank-transfers/${confirming!.id}/confirm`), {
        bankTransactionId: v.bankTransactionId,
        amount: yuanToFen(v.amountYuan),
        currency: confirming!.currency,
        receivedAt: v.receivedOn.hour(12).toISOString(),
      }),
    onSuccess: () => {
      message.success(t('bankTransfers.confirmed'));
      setConfirming(null);
      refresh();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });

  return (
    <>
      <PageTitle title={t('bankTransfers.title')} />
      <Typography.Paragraph type="secondary">{t('bankTransfers.help')}</Typography.Paragraph>
      {awaited.isError && <QueryError error={awaited.error} retry={() => void awaited.refetch()} />}
      <Table<Awaited>
        rowKey="id"
        size="small"
        loading={awaited.isPending}
        dataSource={awaited.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        locale={{
          emptyText: (
            <Empty description={t('bankTransfers.empty')}>
              <Link to={`/o/${scope.org.slug}/payment-settings`}>{t('bankTransfers.toSettings')}</Link>
            </Empty>
          ),
        }}
        columns={[
          { title: t('orders.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('bankTransfers.donor'), dataIndex: 'donorName' },
          { title: t('orders.amount'), align: 'right', render: (_: unknown, o) => formatMoney(o.amount, o.currency) },
          {
            title: t('bankTransfers.reference'),
            dataIndex: 'reference',
            render: (v: string | null) => <code>{v}</code>,
          },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            render: (v: Order['status'], o) => (
              <Tag color={v === 'pending' ? 'orange' : 'default'}>
                {t(`orders.status.${v}`)} · {formatDate(o.expiresAt)}
              </Tag>
            ),
          },
          {
            key: 'confirm',
            render: (_: unknown, o) =>
              canWrite && (
                <Button
                  size="small"
                  onClick={() => {
                    setConfirming(o);
                    form.setFieldsValue({
                      amountYuan: fenToYuan(o.amount, false),
                      receivedOn: dayjs(),
                      bankTransactionId: '',
                    });
                  }}
                >
                  {t('bankTransfers.confirm')}
                </Button>
              ),
          },
        ]}
      />
      {canWrite && (
        <Card size="small" title={t('bankTransfers.statement')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('bankTransfers.statementHelp')}</Typography.Paragraph>
          <Input.TextArea
            rows={6}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={'2026-09-08\t1000.00\t捐款 CW8K2J9Q4M\t202609080001'}
            aria-label={t('bankTransfers.statement')}
          />
          {parsed.bad.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              message={t('bankTransfers.badRows', { rows: parsed.bad.join(', ') })}
            />
          )}
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={parsed.lines.length === 0}
            loading={reconcile.isPending}
            onClick={() => reconcile.mutate()}
          >
            {t('bankTransfers.reconcile', { count: parsed.lines.length })}
          </Button>
          {results && (
            <Table<LineResult>
              rowKey="bankTransactionId"
              size="small"
              style={{ marginTop: 12 }}
              pagination={false}
              dataSource={results}
              columns={[
                { title: t('bankTransfers.lineId'), dataIndex: 'bankTransactionId' },
                {
                  title: t('bankTransfers.result'),
                  dataIndex: 'status',
                  render: (v: LineResult['status']) => (
                    <Tag color={resultColors[v]}>{t(`bankTransfers.result.${v}`)}</Tag>
                  ),
                },
                {
                  title: t('bankTransfers.detail'),
                  render: (_: unknown, r) =>
                    r.status === 'amount-mismatch'
                      ? t('bankTransfers.mismatchDetail', {
                          expected: formatMoney(r.expected!),
                          received: formatMoney(r.received!),
                        })
                      : (r.orderNo ?? r.orderNos?.join(', ') ?? ''),
                },
              ]}
            />
          )}
        </Card>
      )}
      <Modal
        open={confirming !== null}
        title={t('bankTransfers.confirmTitle')}
        onCancel={() => setConfirming(null)}
        onOk={() => form.submit()}
        confirmLoading={confirm.isPending}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">{t('bankTransfers.confirmHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => confirm.mutate(v)}>
          <Form.Item name="bankTransactionId" label={t('bankTransfers.lineId')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={t('bankTransfers.amountYuan')}
            rules={[{ required: true }, amountRule(t)]}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('bankTransfers.receivedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
