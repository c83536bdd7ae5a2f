import { useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { customFieldTypes, type CustomField, type CustomFieldType } from '../api/contacts';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';

interface FieldValues {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
}

const withOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';
// Short cells stay on one line; the options column takes the rest of the width (760 px in all fits
// beside the sider at 1024 px; narrower screens scroll the table with the actions kept in view).
const nowrap = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

// The server's rule (customFieldKey in modules/contacts/schemas.ts), checked here before sending.
const keyPattern = /^[a-z][a-z0-9_]{0,49}$/;

/** Create (no field given) or edit one field: key and type are fixed once created. */
function FieldModal({ field, open, onClose }: { field: CustomField | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FieldValues>();
  const type = Form.useWatch('type', form) ?? field?.type;
  const save = useMutation({
    mutationFn: (v: FieldValues) => {
      const options = withOptions(v.type ?? field?.type) ? (v.options ?? []) : [];
      return field
        ? api.patch<CustomField>(scope.path(`/custom-fields/${field.id}`), {
            label: v.label,
            ...(withOptions(field.type) ? { options } : {}),
          })
        : api.post<CustomField>(scope.path('/custom-fields'), { key: v.key, label: v.label, type: v.type, options });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['custom-fields', scope.org.slug] });
      message.success(t('common.saved'));
      onClose();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      open={open}
      title={field ? t('fields.editTitle', { label: field.label }) : t('fields.create')}
      okText={field ? t('common.save') : t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnClose
    >
      <Form<FieldValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={field ? { ...field } : { type: 'text', options: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="label"
          label={t('fields.label')}
          extra={t('fields.labelHelp')}
          rules={[{ required: true, whitespace: true, message: t('fields.labelRequired') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('fields.key')}
          extra={field ? t('fields.keyFixed') : t('fields.keyHelp')}
          rules={[
            { required: true, message: t('fields.keyRequired') },
            { pattern: keyPattern, message: t('fields.keyRule') },
          ]}
        >
          <Input disabled={Boolean(field)} maxLength={50} className="cw-secret" placeholder="volunteer_hours" />
        </Form.Item>
        <Form.Item name="type" label={t('fields.type')} extra={field ? t('fields.typeFixed') : undefined}>
          <Select<CustomFieldType>
            disabled={Boolean(field)}
            options={customFieldTypes.map((v) => ({ value: v, label: t(`fields.type.${v}`) }))}
          />
        </Form.Item>
        {withOptions(type) && (
          <Form.Item
            name="options"
            label={t('fields.options')}
            extra={field ? t('fields.optionsEditHelp') : t('fields.optionsHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('fields.optionsRequired') }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The organization's own contact fields: define, rename, change options, delete. */
export default function CustomFields() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [open, setOpen] = useState(false);
  const key = ['custom-fields', scope.org.slug];
  const fields = useQuery({ queryKey: key, queryFn: () => api.get<CustomField[]>(scope.path('/custom-fields')) });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(scope.path(`/custom-fields/${id}`)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      message.success(t('fields.deleted'));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const canManage = scope.can('org:manage');
  const openEditor = (field: CustomField | null) => {
    setEditing(field);
    setOpen(true);
  };
  const confirmDelete = (field: CustomField) =>
    modal.confirm({
      title: t('fields.deleteTitle', { label: field.label }),
      content: t('fields.deleteWarning', { label: field.label }),
      okText: t('fields.deleteOk'),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(field.id),
    });
  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor(null)}>
      {t('fields.create')}
    </Button>
  );

  return (
    <>
      <PageTitle title={t('nav.customFields')} extra={fields.data?.length ? createButton : undefined} />
      <Typography.Paragraph type="secondary">{t('fields.intro')}</Typography.Paragraph>
      {fields.isError && <QueryError error={fields.error} retry={() => void fields.refetch()} />}
      {fields.data?.length === 0 ? (
        <Empty description={t(canManage ? 'fields.empty' : 'fields.emptyReadOnly')}>{createButton}</Empty>
      ) : (
        <Table<CustomField>
          rowKey="id"
          loading={fields.isPending}
          dataSource={fields.data ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            { title: t('fields.label'), dataIndex: 'label', width: 140 },
            {
              title: t('fields.key'),
              dataIndex: 'key',
              width: 160,
              ellipsis: true,
              render: (k: string) => <code>{k}</code>,
            },
            {
              title: t('fields.type'),
              dataIndex: 'type',
              width: 90,
              render: (v: CustomFieldType) => t(`fields.type.${v}`),
              ...nowrap,
            },
            {
              title: t('fields.options'),
              dataIndex: 'options',
              render: (options: string[]) => (
                <Space size={[0, 4]} wrap>
                  {options.map((o) => (
                    <Tag key={o}>{o}</Tag>
                  ))}
                </Space>
              ),
            },
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    fixed: 'right' as const,
                    width: 130,
                    ...nowrap,
                    render: (_v: unknown, f: CustomField) => (
                      <Space>
                        <Button size="small" type="link" onClick={() => openEditor(f)}>
                          {t('fields.edit')}
                        </Button>
                        <Button size="small" type="link" danger onClick={() => confirmDelete(f)}>
                          {t('common.delete')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <FieldModal key={editing?.id ?? 'new'} field={editing} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
