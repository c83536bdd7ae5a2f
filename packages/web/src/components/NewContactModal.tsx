import { Form, Input, Modal, Radio, App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Contact, ContactFields } from '../api/contacts';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { applyFieldErrors, errorMessage } from './errors';

/** A small form for a new contact; the full profile is edited on the contact page. */
export function NewContactModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const [form] = Form.useForm<ContactFields>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (values: ContactFields) =>
      api.post<Contact>(scope.path('/contacts'), {
        ...values,
        phone: values.phone || undefined,
        email: values.email || undefined,
      }),
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
      message.success(t('contact.created'));
      onClose();
      form.resetFields();
      navigate(`/o/${scope.org.slug}/contacts/${contact.id}`);
    },
    onError: (error) => {
      const rest = applyFieldErrors(form, error);
      if (rest.length || !(error instanceof Error)) message.error(errorMessage(error));
      else message.error(error.message);
    },
  });
  return (
    <Modal
      open={open}
      title={t('contact.new')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnClose
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'person' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="kind" label={t('contact.kind')}>
          <Radio.Group
            options={[
              { value: 'person', label: t('contact.kind.person') },
              { value: 'organization', label: t('contact.kind.organization') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, message: t('contact.nameRequired') }]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="phone" label={t('contact.phone')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ type: 'email' }]}>
          <Input inputMode="email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
