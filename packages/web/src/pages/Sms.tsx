import { useState, type ReactNode } from 'react';
import { App, Button, Empty, Form, Input, Modal, Progress, Select, Space, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { settledOf, useSmsSends, useSmsTemplates, wentOut, type SmsSend } from '../api/sms';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate, formatDateTime } from '../lib/dates';
import { errorMessage } from '../components/errors';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { MailingStatusTag } from './mailings/MailingStatusTag';
import { SmsSettingsForm } from './sms/SmsSettingsForm';
import { SmsTemplates } from './sms/SmsTemplates';

/** Text messages to supporters who agreed to them: sends (群发), approved templates (模板), and settings (设置). */
export default function Sms() {
  const t = useT();
  const scope = useOrg();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = ['templates', 'settings'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'sends';
  const create = scope.can('sms:write') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('sms.create')}
    </Button>
  );
  return (
    <>
      <PageTitle title={t('sms.title')} extra={tab === 'sends' && create} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'sends' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'sends', label: t('sms.tab.sends'), children: <SendTable create={create} /> },
          { key: 'templates', label: t('sms.tab.templates'), children: <SmsTemplates /> },
          ...(scope.can('sms:manage')
            ? [{ key: 'settings', label: t('sms.tab.settings'), children: <SmsSettingsForm /> }]
            : []),
        ]}
      />
      <NewSendModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function SendTable({ create }: { create: ReactNode }) {
  const t = useT();
  const scope = useOrg();
  const sends = useSmsSends();
  const tz = scope.org.timezone;
  return (
    <>
      {sends.isError && <QueryError error={sends.error} retry={() => void sends.refetch()} />}
      <Table<SmsSend>
        rowKey="id"
        loading={sends.isPending}
        dataSource={sends.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        locale={{
          emptyText: (
            <Empty description={<Typography.Paragraph>{t('sms.empty')}</Typography.Paragraph>}>{create}</Empty>
          ),
        }}
        columns={[
          { title: t('sms.name'), render: (_: unknown, s) => <Link to={String(s.id)}>{s.name}</Link> },
          { title: t('mailings.statusLabel'), render: (_: unknown, s) => <MailingStatusTag status={s.status} /> },
          {
            title: t('mailings.progress'),
            render: (_: unknown, s) =>
              s.startedAt ? (
                <Space direction="vertical" size={0} style={{ minWidth: 120 }}>
                  <span>{t('mailings.sentOf', { sent: wentOut(s.stats), total: s.stats.recipients })}</span>
                  <Progress
                    size="small"
                    showInfo={false}
                    percent={s.stats.recipients ? (100 * settledOf(s.stats)) / s.stats.recipients : 0}
                  />
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('mailings.sendTime'),
            render: (_: unknown, s) =>
              s.startedAt
                ? formatDateTime(s.startedAt, tz)
                : s.status === 'scheduled' && s.scheduledAt
                  ? t('mailings.scheduledFor', { time: formatDateTime(s.scheduledAt, tz) })
                  : '—',
          },
          { title: t('mailings.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, tz) },
        ]}
      />
    </>
  );
}

function NewSendModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const templates = useSmsTemplates();
  const [form] = Form.useForm<{ name: string; templateId: number | null }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await api.post<SmsSend>(scope.path('/sms-sends'), values);
      void queryClient.invalidateQueries({ queryKey: ['sms-sends', scope.org.slug] });
      onClose();
      navigate(`/o/${scope.org.slug}/sms/${created.id}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sms.create')}
      okText={t('sms.createOk')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnClose
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label={t('sms.name')} rules={[{ required: true, message: t('sms.nameRequired') }]}>
          <Input placeholder={t('sms.namePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="templateId" label={t('sms.template')} extra={t('sms.templateHelp')}>
          <Select
            allowClear
            loading={templates.isPending}
            options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
