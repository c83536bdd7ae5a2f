import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Mailing } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { applyFieldErrors, errorMessage } from '../../components/errors';

/** A new mailing starts as a named draft, so everything after it (tests, preview) has a mailing to work on. */
export function NewMailingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useMutation({
    mutationFn: ({ name }: { name: string }) => api.post<Mailing>(scope.path('/mailings'), { name: name.trim() }),
    onSuccess: (mailing) => {
      void queryClient.invalidateQueries({ queryKey: ['mailings', scope.org.slug] });
      onClose();
      form.resetFields();
      navigate(`/o/${scope.org.slug}/mailings/${mailing.id}`);
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      open={open}
      title={t('mailings.create')}
      okText={t('mailings.createOk')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="name"
          label={t('mailings.name')}
          extra={t('mailings.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('mailings.nameRequired') }, { max: 200 }]}
        >
          <Input autoFocus placeholder={t('mailings.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
