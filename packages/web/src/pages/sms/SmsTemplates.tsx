import { useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  smsMergeValues,
  useSmsTemplates,
  useTemplatePreview,
  type SmsTemplate,
  type SmsTemplateInput,
} from '../../api/sms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

const blank: SmsTemplateInput = { name: '', signName: '', templateCode: '', text: '', params: [] };

/** The approved templates (短信模板): what each says, what fills its placeholders, and what it costs. */
export function SmsTemplates() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const templates = useSmsTemplates();
  const [editing, setEditing] = useState<SmsTemplate | 'new' | null>(null);
  const canWrite = scope.can('sms:write');
  const remove = (id: number) =>
    api
      .delete(scope.path(`/sms-templates/${id}`))
      .then(() => queryClient.invalidateQueries({ queryKey: ['sms-templates', scope.org.slug] }))
      .catch((error: unknown) => message.error(errorMessage(error)));
  const add = canWrite && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('sms.templates.add')}
    </Button>
  );

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sms.templates.help')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>{add}</div>
      {templates.isError && <QueryError error={templates.error} retry={() => void templates.refetch()} />}
      <Table<SmsTemplate>
        rowKey="id"
        loading={templates.isPending}
        dataSource={templates.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('sms.templates.empty')} /> }}
        columns={[
          {
            title: t('sms.templates.name'),
            render: (_: unknown, x) =>
              canWrite ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(x)}>
                  {x.name}
                </Button>
              ) : (
                x.name
              ),
          },
          { title: t('sms.templates.code'), dataIndex: 'templateCode' },
          {
            title: t('sms.templates.sample'),
            render: (_: unknown, x) => (
              <Typography.Text ellipsis={{ tooltip: x.sample.text }} style={{ maxWidth: 360 }}>
                {x.sample.text}
              </Typography.Text>
            ),
          },
          {
            title: t('sms.templates.segments'),
            render: (_: unknown, x) => (
              <Tag color={x.sample.segments > 1 ? 'orange' : 'green'}>
                {t('sms.templates.segmentCount', { segments: x.sample.segments, characters: x.sample.characters })}
              </Tag>
            ),
          },
          {
            title: '',
            width: 60,
            render: (_: unknown, x) =>
              canWrite && (
                <Popconfirm title={t('sms.templates.deleteConfirm')} onConfirm={() => void remove(x.id)}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
          },
        ]}
      />
      {editing && <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function TemplateModal({ template, onClose }: { template: SmsTemplate | null; onClose(): void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SmsTemplateInput>();
  const [saving, setSaving] = useState(false);
  const watched = (Form.useWatch([], form) as SmsTemplateInput | undefined) ?? template ?? blank;
  const current = JSON.stringify({
    signName: watched.signName ?? '',
    text: watched.text ?? '',
    params: (watched.params ?? []).filter((p) => p?.key && p.value),
  });
  const [settled, setSettled] = useState(current);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(current), 400);
    return () => clearTimeout(timer);
  }, [current]);
  const preview = useTemplatePreview(JSON.parse(settled) as Pick<SmsTemplateInput, 'signName' | 'text' | 'params'>);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (template) await api.patch(scope.path(`/sms-templates/${template.id}`), values);
      else await api.post(scope.path('/sms-templates'), values);
      void queryClient.invalidateQueries({ queryKey: ['sms-templates', scope.org.slug] });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={template ? template.name : t('sms.templates.add')}
      okText={t('common.save')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
    >
      <Form form={form} layout="vertical" initialValues={template ?? blank}>
        <Form.Item name="name" label={t('sms.templates.name')} rules={[{ required: true }]}>
          <Input maxLength={100} placeholder={t('sms.templates.namePlaceholder')} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item
            name="signName"
            label={t('sms.templates.signName')}
            extra={t('sms.templates.signNameHelp')}
            rules={[{ required: true, min: 2, max: 20 }]}
          >
            <Input style={{ width: 220 }} placeholder="绿洲治沙" />
          </Form.Item>
          <Form.Item
            name="templateCode"
            label={t('sms.templates.code')}
            extra={t('sms.templates.codeHelp')}
            rules={[{ required: true }]}
          >
            <Input style={{ width: 220 }} placeholder="SMS_123456789" />
          </Form.Item>
        </Space>
        <Form.Item
          name="text"
          label={t('sms.templates.text')}
          extra={t('sms.templates.textHelp')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={'${name}您好，感谢您对${org}的支持。回复TD退订'} />
        </Form.Item>
        <Typography.Text strong>{t('sms.templates.params')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('sms.templates.paramsHelp')}</Typography.Paragraph>
        <Form.List name="params">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'key']} rules={[{ required: true }]}>
                    <Input style={{ width: 120 }} placeholder={t('sms.templates.paramKey')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 160 }}
                      options={smsMergeValues.map((v) => ({ value: v, label: t(`sms.merge.${v}`) }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['params', field.name, 'value']) === 'fixed' && (
                        <Form.Item name={[field.name, 'text']} rules={[{ required: true }]}>
                          <Input style={{ width: 180 }} placeholder={t('sms.templates.fixedText')} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ key: preview.data?.placeholders[fields.length] ?? '', value: 'contact_name' })}
                style={{ display: 'block', marginBottom: 16 }}
              >
                {t('sms.templates.addParam')}
              </Button>
            </>
          )}
        </Form.List>
        {preview.data && (
          <Alert
            type={preview.data.problems.length ? 'warning' : 'info'}
            className="cw-sms-preview"
            message={t('sms.templates.previewTitle', {
              segments: preview.data.segments,
              characters: preview.data.characters,
            })}
            description={
              <>
                <div style={{ whiteSpace: 'pre-wrap' }}>{preview.data.text}</div>
                {preview.data.problems.map((p) => (
                  <div key={`${p.path}${p.message}`} style={{ color: '#cf1322' }}>
                    {p.message}
                  </div>
                ))}
              </>
            }
          />
        )}
      </Form>
    </Modal>
  );
}
