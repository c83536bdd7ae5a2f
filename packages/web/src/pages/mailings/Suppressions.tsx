import { useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSuppressions, type Suppression, type SuppressionOrigin, type SuppressionReason } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

const reasonColors: Record<SuppressionReason, string> = { bounce: 'orange', complaint: 'red', manual: 'default' };

/** Addresses no mailing goes to: bounces and complaints land here by themselves, staff add the rest. */
export function Suppressions() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string; note?: string }>();
  const [search, setSearch] = useState('');
  const list = useSuppressions();
  const key = ['email-suppressions', scope.org.slug];
  const canWrite = scope.can('email:write');
  // Mailing an address again is a sending decision: the server asks for email:send.
  const canRemove = scope.can('email:send');

  const add = useMutation({
    mutationFn: (v: { email: string; note?: string }) =>
      api.post(scope.path('/email-suppressions'), { email: v.email.trim(), note: v.note?.trim() || undefined }),
    onSuccess: () => {
      message.success(t('mailings.suppression.added'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const remove = useMutation({
    mutationFn: (email: string) => api.delete(scope.path(`/email-suppressions/${encodeURIComponent(email)}`)),
    onSuccess: () => {
      message.success(t('mailings.suppression.removed'));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const needle = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter((s) => !needle || s.email.toLowerCase().includes(needle));

  return (
    <>
      <Typography.Paragraph type="secondary">{t('mailings.suppression.help')}</Typography.Paragraph>
      {canWrite && (
        <Card size="small" title={t('mailings.suppression.add')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ rowGap: 8 }}>
            <Form.Item
              name="email"
              label={t('mailings.suppression.email')}
              rules={[{ required: true, type: 'email', message: t('mailings.emailRule') }]}
            >
              <Input inputMode="email" style={{ width: 240 }} placeholder="name@example.com" />
            </Form.Item>
            <Form.Item name="note" label={t('mailings.suppression.note')} rules={[{ max: 500 }]}>
              <Input style={{ width: 240 }} placeholder={t('mailings.suppression.notePlaceholder')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                {t('mailings.suppression.addButton')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {list.isError && <QueryError error={list.error} retry={() => void list.refetch()} />}
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('mailings.suppression.search')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260, maxWidth: '100%' }}
        />
      </Space>
      <Table<Suppression>
        rowKey="email"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('mailings.suppression.empty') }}
        columns={[
          { title: t('mailings.suppression.email'), dataIndex: 'email' },
          {
            title: t('mailings.suppression.reason'),
            dataIndex: 'reason',
            render: (r: SuppressionReason) => (
              <Tag color={reasonColors[r]}>{t(`mailings.suppression.reason.${r}`)}</Tag>
            ),
          },
          {
            title: t('mailings.suppression.origin'),
            dataIndex: 'origin',
            render: (o: SuppressionOrigin) => t(`mailings.suppression.origin.${o}`),
          },
          { title: t('mailings.suppression.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
          {
            title: t('mailings.suppression.recordedAt'),
            dataIndex: 'recordedAt',
            render: (v: string) => formatDateTime(v, scope.org.timezone),
          },
          ...(canRemove
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, s: Suppression) => (
                    <Popconfirm
                      title={t('mailings.suppression.removeConfirm')}
                      description={t('mailings.suppression.removeHelp')}
                      okText={t('common.remove')}
                      onConfirm={() => remove.mutate(s.email)}
                    >
                      <Button size="small" danger>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
