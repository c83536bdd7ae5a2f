import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Form, Input, List, Modal, Popconfirm, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { relationshipTypes, type Contact, type Relationship, type RelationshipType } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { ContactPicker } from '../../components/ContactPicker';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

interface RelationshipForm {
  relatedContactId: number;
  type: RelationshipType;
  note?: string;
}

/** Household, family and employer links between contacts. */
export function RelationshipsTab({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RelationshipForm>();
  const key = ['relationships', scope.org.slug, contact.id];
  const base = scope.path(`/contacts/${contact.id}/relationships`);
  const list = useQuery({ queryKey: key, queryFn: () => api.get<Relationship[]>(base) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['relationships', scope.org.slug] });
    void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
  };
  const add = useMutation({
    mutationFn: (v: RelationshipForm) => api.post<Relationship>(base, { ...v, note: v.note || undefined }),
    onSuccess: () => {
      refresh();
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`${base}/${id}`),
    onSuccess: refresh,
    onError: (error) => message.error(errorMessage(error)),
  });
  const canWrite = scope.can('contacts:write') && !contact.erasedAt;

  return (
    <>
      {list.isError && <QueryError error={list.error} retry={() => void list.refetch()} />}
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('relationships.add')}
        </Button>
      )}
      <List<Relationship>
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('relationships.empty') }}
        renderItem={(r) => (
          <List.Item
            actions={
              canWrite
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('relationships.removeConfirm')}
                      onConfirm={() => remove.mutate(r.id)}
                    >
                      <Button size="small" type="link" danger>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<Link to={`/o/${scope.org.slug}/contacts/${r.contact.id}`}>{r.contact.name}</Link>}
              description={[t(`relationships.type.${r.type}`), r.note].filter(Boolean).join(' · ')}
            />
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('relationships.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnClose
      >
        <Form form={form} layout="vertical" initialValues={{ type: 'household' }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="relatedContactId" label={t('relationships.other')} rules={[{ required: true }]}>
            <ContactPicker exclude={contact.id} />
          </Form.Item>
          <Form.Item name="type" label={t('relationships.typeLabel')} extra={t('relationships.typeHelp')}>
            <Select
              options={relationshipTypes.map((type) => ({ value: type, label: t(`relationships.type.${type}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('notes.title')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
