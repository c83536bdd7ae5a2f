import { useState } from 'react';
import { Button, Card, Form, Input, Table, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { AuditEvent, AuditPage } from '../api/types';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDateTime } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';

interface AuditFilters {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actor?: string;
}

/** Every change and every read of personal details, newest first, with filters. */
export default function Audit() {
  const t = useT();
  const scope = useOrg();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [form] = Form.useForm<AuditFilters>();
  const log = useInfiniteQuery({
    queryKey: ['audit', scope.org.slug, filters],
    queryFn: ({ pageParam }) => api.get<AuditPage>(scope.path('/audit'), { ...filters, before: pageParam, limit: 100 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const clean = (v: AuditFilters): AuditFilters =>
    Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => typeof x === 'string' && x.trim())
        .map(([k, x]) => [k, (x as string).trim()]),
    );
  return (
    <>
      <PageTitle title={t('nav.audit')} />
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('audit.explain')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilters(clean(v))}
          style={{ rowGap: 8, marginBottom: 12 }}
        >
          <Form.Item name="action">
            <Input placeholder={t('audit.action') + ' (contact.read)'} allowClear />
          </Form.Item>
          <Form.Item name="subjectType">
            <Input placeholder={t('audit.subjectType') + ' (contact)'} allowClear />
          </Form.Item>
          <Form.Item name="subjectId">
            <Input placeholder={t('audit.subjectId')} allowClear />
          </Form.Item>
          <Form.Item name="actor">
            <Input placeholder={t('audit.actor')} allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.filter')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form>
        {log.isError && <QueryError error={log.error} retry={() => void log.refetch()} />}
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={log.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: Object.keys(filters).length ? t('audit.noMatch') : t('audit.empty') }}
          expandable={{
            expandedRowRender: (e) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.data, null, 2)}</pre>
            ),
            rowExpandable: (e) => Object.keys(e.data).length > 0,
          }}
          columns={[
            {
              title: t('audit.at'),
              dataIndex: 'at',
              width: 160,
              render: (v: string) => formatDateTime(v, scope.org.timezone),
            },
            { title: t('audit.actor'), dataIndex: 'actor', width: 220, ellipsis: true },
            { title: t('audit.action'), dataIndex: 'action', width: 200, render: (v: string) => <code>{v}</code> },
            {
              title: t('audit.subject'),
              key: 'subject',
              render: (_v, e) => `${e.subjectType}${e.subjectId ? ` #${e.subjectId}` : ''}`,
            },
            { title: 'IP', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
          ]}
        />
        {log.hasNextPage && (
          <Button style={{ marginTop: 12 }} onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Card>
    </>
  );
}
