import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client';
import type { Contact } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';

/** PIPL rights: a copy of the person's data, and erasure with a confirmation that says what happens. */
export function DataRights({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const erase = useMutation({
    mutationFn: () =>
      api.post<Contact>(scope.path(`/contacts/${contact.id}/erase`), { reason: reason.trim() || undefined }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contact', scope.org.slug, contact.id] });
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
      message.success(t('erase.done'));
      setOpen(false);
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const exportUrl = (format: 'json' | 'csv') => apiUrl(scope.path(`/contacts/${contact.id}/export`), { format });

  return (
    <Card size="small" title={t('rights.title')}>
      <Typography.Paragraph type="secondary">{t('rights.explain')}</Typography.Paragraph>
      <Space wrap>
        {scope.can('contacts:export') && (
          <>
            <Button icon={<DownloadOutlined />} href={exportUrl('json')} download>
              {t('rights.exportJson')}
            </Button>
            <Button icon={<DownloadOutlined />} href={exportUrl('csv')} download>
              {t('rights.exportCsv')}
            </Button>
          </>
        )}
        {scope.can('contacts:delete') && !contact.erasedAt && (
          <Button
            danger
            icon={<DeleteOutlined />}
            onClick={() => {
              setTyped('');
              setOpen(true);
            }}
          >
            {t('erase.button')}
          </Button>
        )}
      </Space>
      <Modal
        open={open}
        title={t('erase.title', { name: contact.name })}
        okText={t('erase.confirm')}
        okButtonProps={{ danger: true, disabled: typed.trim() !== contact.name.trim() }}
        confirmLoading={erase.isPending}
        onOk={() => erase.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Alert type="warning" showIcon message={t('erase.cannotUndo')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph>{t('erase.what')}</Typography.Paragraph>
        <ul>
          <li>{t('erase.removes')}</li>
          <li>{t('erase.keeps')}</li>
          <li>{t('erase.audit')}</li>
        </ul>
        <Typography.Paragraph>{t('erase.exportFirst')}</Typography.Paragraph>
        <Input.TextArea
          placeholder={t('erase.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={2}
          style={{ marginBottom: 12 }}
        />
        <Typography.Text>{t('erase.typeName', { name: contact.name })}</Typography.Text>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('erase.typeNameLabel')} />
      </Modal>
    </Card>
  );
}
