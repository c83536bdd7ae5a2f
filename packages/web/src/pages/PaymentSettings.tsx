import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';

interface BankAccount {
  bankName: string;
  branch: string;
  accountName: string;
  accountNumber: string;
}

/** How donors pay: the bank account for transfers (online providers are configured by the instance). */
export default function PaymentSettings() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<BankAccount>();
  const key = ['payment-settings', scope.org.slug];
  const settings = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ bankAccount: BankAccount | null }>(scope.path('/payment-settings')),
  });
  useEffect(() => {
    if (settings.data?.bankAccount) form.setFieldsValue(settings.data.bankAccount);
  }, [form, settings.data]);
  const save = useMutation({
    mutationFn: (bankAccount: BankAccount | null) => api.put(scope.path('/payment-settings'), { bankAccount }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      message.success(t('common.saved'));
    },
    onError: (error) => {
      applyFieldErrors(form, error, []);
      message.error(errorMessage(error));
    },
  });
  const canManage = scope.can('org:manage');
  return (
    <>
      <PageTitle title={t('paymentSettings.title')} />
      {settings.isError && <QueryError error={settings.error} retry={() => void settings.refetch()} />}
      <Card size="small" title={t('paymentSettings.bank')} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('paymentSettings.bankHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" disabled={!canManage} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="accountName" label={t('paymentSettings.accountName')} rules={[{ required: true }]}>
            <Input placeholder={scope.org.name} />
          </Form.Item>
          <Form.Item name="bankName" label={t('paymentSettings.bankName')} rules={[{ required: true }]}>
            <Input placeholder="中国工商银行" />
          </Form.Item>
          <Form.Item name="branch" label={t('paymentSettings.branch')}>
            <Input />
          </Form.Item>
          {/* The server answers a bad account number at body.bankAccount.accountNumber. */}
          <Form.Item name="accountNumber" label={t('paymentSettings.accountNumber')} rules={[{ required: true }]}>
            <Input inputMode="numeric" />
          </Form.Item>
          {canManage && (
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
              {settings.data?.bankAccount && (
                <Button danger onClick={() => save.mutate(null)}>
                  {t('paymentSettings.remove')}
                </Button>
              )}
            </Space>
          )}
        </Form>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, maxWidth: 640 }}>
        {t('paymentSettings.online')}
      </Typography.Paragraph>
    </>
  );
}
