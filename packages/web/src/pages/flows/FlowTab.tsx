import { useState, type ReactNode } from 'react';
import { App, Button, Empty, Form, Modal, Popconfirm, Select, Space, Table, Tag, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Project, Tracked } from '../../api/flows';
import { useT, type MessageKey } from '../../i18n';
import { useOrg } from '../../lib/org';
import type { Permission } from '../../lib/permissions';
import { TrackingCell } from '../../components/TrackingCell';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

export interface FlowTabProps<Row extends Tracked & { id: number }, Values> {
  /** API path under the organization: '/allocations'. */
  path: string;
  projects: Project[];
  permission: Permission;
  recordLabel: MessageKey;
  emptyLabel: MessageKey;
  columns: ColumnsType<Row>;
  /** The form's fields; the form is passed for fields that depend on each other. */
  fields: (form: FormInstance<Values>) => ReactNode;
  initialValues?: Partial<Values>;
  /** Builds the request body; may upload files first. */
  toBody: (values: Values) => Promise<unknown>;
  extra?: ReactNode;
}

/** One kind of movement: its list (with each row's tracking code), a project filter and a form to record one. */
export function FlowTab<Row extends Tracked & { id: number }, Values extends object>(props: FlowTabProps<Row, Values>) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [projectId, setProjectId] = useState<number | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const key = ['flows', scope.org.slug, props.path, projectId];
  const rows = useQuery({ queryKey: key, queryFn: () => api.get<Row[]>(scope.path(props.path), { projectId }) });
  const canWrite = scope.can(props.permission);
  const record = useMutation({
    mutationFn: async (values: Values) => api.post<Row>(scope.path(props.path), await props.toBody(values)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['flows', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['project-summary', scope.org.slug] });
      message.success(t('flows.saved'));
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const voidRow = useMutation({
    mutationFn: (id: number) => api.post(scope.path(`${props.path}/${id}/void`), {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['flows', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['project-summary', scope.org.slug] });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const tracking: ColumnsType<Row>[number] = {
    title: t('tracking.code'),
    key: 'tracking',
    render: (_: unknown, row: Row) => (
      <Space size={4} wrap>
        <TrackingCell code={row.trackingCode} leafIndex={row.leafIndex} />
        {row.voidedAt && <Tag color="red">{t('flows.voided')}</Tag>}
        {canWrite && !row.voidedAt && (
          <Popconfirm title={t('flows.voidConfirm')} onConfirm={() => voidRow.mutate(row.id)}>
            <Button size="small" danger type="link">
              {t('flows.void')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ),
  };
  return (
    <>
      {rows.isError && <QueryError error={rows.error} retry={() => void rows.refetch()} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t(props.recordLabel)}
          </Button>
        )}
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('flows.allProjects')}
          value={projectId}
          onChange={setProjectId}
          options={props.projects.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Space>
      {props.extra}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t(props.emptyLabel)} /> }}
        columns={[...props.columns, tracking]}
      />
      <Modal
        open={open}
        title={t(props.recordLabel)}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        okText={t('common.save')}
        destroyOnClose
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(v) => record.mutate(v)}
        >
          {props.fields(form)}
        </Form>
      </Modal>
    </>
  );
}

/** The project column: its name. */
export const projectColumn = <Row extends { projectId: number | null }>(
  label: string,
  projects: Project[],
): ColumnsType<Row>[number] => ({
  title: label,
  dataIndex: 'projectId',
  render: (id: number | null) => projects.find((p) => p.id === id)?.name ?? '—',
});
