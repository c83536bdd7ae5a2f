import { useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Space, Statistic, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Project, ProjectSummary } from '../api/flows';
import { useProjects } from '../api/projects';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatMoney, yuanToFen } from '../lib/money';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { amountRule } from '../components/amountRule';

interface ProjectForm {
  slug: string;
  name: string;
  description?: string;
  budgetLines?: { name: string; amountYuan: string }[];
}

/** Allocated, spent and balance of one project, and planned against spent per budget line. */
function ProjectMoney({ project }: { project: Project }) {
  const t = useT();
  const scope = useOrg();
  const summary = useQuery({
    queryKey: ['project-summary', scope.org.slug, project.id],
    queryFn: () => api.get<ProjectSummary>(scope.path(`/projects/${project.id}/summary`)),
  });
  if (summary.isError) return <QueryError error={summary.error} retry={() => void summary.refetch()} />;
  const s = summary.data;
  const m = (n: number | undefined) => (n === undefined ? '—' : formatMoney(n, project.currency));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Statistic title={t('projects.allocated')} value={m(s?.allocated)} loading={summary.isPending} />
        <Statistic title={t('projects.spent')} value={m(s?.spent)} loading={summary.isPending} />
        <Statistic title={t('projects.balance')} value={m(s?.balance)} loading={summary.isPending} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={s?.budgetLines ?? []}
        columns={[
          { title: t('projects.budgetLine'), dataIndex: 'name' },
          { title: t('projects.planned'), dataIndex: 'amount', align: 'right', render: (v: number) => m(v) },
          { title: t('projects.spentOnLine'), dataIndex: 'spent', align: 'right', render: (v: number) => m(v) },
        ]}
      />
    </Space>
  );
}

/** Projects (funds) with their budget lines, money and public accounts page. */
export default function Projects() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ProjectForm>();
  const projects = useProjects();
  const canWrite = scope.can('funds:write');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['projects', scope.org.slug] });
  const create = useMutation({
    mutationFn: (v: ProjectForm) =>
      api.post<Project>(scope.path('/projects'), {
        slug: v.slug,
        name: v.name,
        description: v.description || undefined,
        budgetLines: (v.budgetLines ?? []).map((l) => ({ name: l.name, amount: yuanToFen(l.amountYuan) })),
      }),
    onSuccess: () => {
      refresh();
      message.success(t('projects.created'));
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const setStatus = useMutation({
    mutationFn: (p: Project) =>
      api.patch(scope.path(`/projects/${p.id}`), { status: p.status === 'active' ? 'closed' : 'active' }),
    onSuccess: refresh,
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <>
      <PageTitle title={t('projects.title')} />
      {projects.isError && <QueryError error={projects.error} retry={() => void projects.refetch()} />}
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('projects.create')}
        </Button>
      )}
      <Table<Project>
        rowKey="id"
        loading={projects.isPending}
        dataSource={projects.data ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        expandable={{ expandedRowRender: (p) => <ProjectMoney project={p} /> }}
        locale={{ emptyText: <Empty description={canWrite ? t('projects.empty') : t('projects.emptyReadOnly')} /> }}
        columns={[
          { title: t('projects.name'), dataIndex: 'name' },
          {
            title: t('projects.publicPage'),
            dataIndex: 'slug',
            render: (slug: string) => (
              <a href={`/p/${scope.org.slug}/${slug}`} target="_blank" rel="noreferrer">
                /p/{scope.org.slug}/{slug}
              </a>
            ),
          },
          { title: t('projects.currency'), dataIndex: 'currency' },
          {
            title: t('projects.status'),
            dataIndex: 'status',
            render: (s: Project['status']) => (
              <Tag color={s === 'active' ? 'blue' : 'default'}>{t(`projects.status.${s}`)}</Tag>
            ),
          },
          {
            key: 'actions',
            render: (_: unknown, p) =>
              canWrite && (
                <Button size="small" onClick={() => setStatus.mutate(p)} loading={setStatus.isPending}>
                  {p.status === 'active' ? t('projects.close') : t('projects.reopen')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('projects.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('common.save')}
        destroyOnClose
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ budgetLines: [] }}>
          <Form.Item name="name" label={t('projects.name')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="slug"
            label={t('projects.slug')}
            extra={t('projects.slugHelp')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,62}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('projects.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.List name="budgetLines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('projects.budgetLine')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amountYuan']} rules={[{ required: true }, amountRule(t)]}>
                      <Input placeholder={t('projects.planned')} inputMode="decimal" />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('projects.addBudgetLine')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
