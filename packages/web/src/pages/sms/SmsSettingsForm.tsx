import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Space, Spin, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSmsSettings, type SmsProviderName, type SmsSettings } from '../../api/sms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

interface Values {
  provider: SmsProviderName | 'none';
  keyId?: string;
  secret?: string;
  sdkAppId?: string;
  quietStart: string;
  quietEnd: string;
}

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;

function bodyOf(v: Values) {
  const secret = v.secret?.trim() || undefined;
  const account =
    v.provider === 'none'
      ? null
      : v.provider === 'outbox'
        ? { provider: 'outbox' }
        : v.provider === 'aliyun'
          ? { provider: 'aliyun', accessKeyId: v.keyId, accessKeySecret: secret }
          : { provider: 'tencent', secretId: v.keyId, secretKey: secret, sdkAppId: v.sdkAppId };
  return { account, quietHours: { start: v.quietStart, end: v.quietEnd } };
}

/** 短信设置: the vendor account (its secret sealed, never shown), quiet hours, and the callback addresses. */
export function SmsSettingsForm() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const settings = useSmsSettings();
  const [form] = Form.useForm<Values>();
  const provider = Form.useWatch('provider', form);
  const data = settings.data;
  useEffect(() => {
    if (!data) return;
    form.setFieldsValue({
      provider: data.provider ?? 'none',
      keyId: data.keyId ?? undefined,
      sdkAppId: data.sdkAppId ?? undefined,
      secret: undefined,
      quietStart: data.quietHours.start,
      quietEnd: data.quietHours.end,
    });
  }, [data, form]);
  const save = useMutation({
    mutationFn: (values: Values) => api.put<SmsSettings>(scope.path('/sms-settings'), bodyOf(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['sms-settings', scope.org.slug], saved);
      message.success(t('common.saved'));
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  if (settings.isPending) return <Spin />;
  if (settings.isError) return <QueryError error={settings.error} retry={() => void settings.refetch()} />;
  const saved = settings.data;
  const hasSecret = saved.provider === provider && saved.keyId !== null && saved.readable;

  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 720 }}>
      {saved.provider && saved.provider !== 'outbox' && !saved.readable && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('sms.settings.unreadable')} />
      )}
      {saved.provider === 'outbox' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('sms.settings.outboxNotice')} />
      )}
      <Card size="small" title={t('sms.settings.provider')} style={{ marginBottom: 16 }}>
        <Form.Item name="provider">
          <Radio.Group>
            <Radio value="aliyun">{t('sms.provider.aliyun')}</Radio>
            <Radio value="tencent">{t('sms.provider.tencent')}</Radio>
            {saved.outboxAvailable && <Radio value="outbox">{t('sms.provider.outbox')}</Radio>}
            <Radio value="none">{t('sms.provider.none')}</Radio>
          </Radio.Group>
        </Form.Item>
        {(provider === 'aliyun' || provider === 'tencent') && (
          <>
            <Form.Item
              name="keyId"
              label={provider === 'aliyun' ? 'AccessKey ID' : 'SecretId'}
              rules={[{ required: true }]}
              extra={t(provider === 'aliyun' ? 'sms.settings.aliyunKeyHelp' : 'sms.settings.tencentKeyHelp')}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="secret"
              label={provider === 'aliyun' ? 'AccessKey Secret' : 'SecretKey'}
              rules={hasSecret ? [] : [{ required: true }]}
            >
              <Input.Password
                autoComplete="new-password"
                placeholder={hasSecret ? t('sms.settings.secretKept') : undefined}
              />
            </Form.Item>
            {provider === 'tencent' && (
              <Form.Item name="sdkAppId" label="SdkAppId" rules={[{ required: true, pattern: /^\d{6,12}$/ }]}>
                <Input placeholder="1400006666" />
              </Form.Item>
            )}
          </>
        )}
      </Card>
      <Card size="small" title={t('sms.settings.quietHours')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          {t('sms.settings.quietHoursHelp', { timezone: saved.timezone })}
        </Typography.Paragraph>
        <Space wrap>
          <Form.Item
            name="quietStart"
            label={t('sms.settings.quietStart')}
            rules={[{ required: true, pattern: clock }]}
          >
            <Input style={{ width: 100 }} placeholder="21:00" />
          </Form.Item>
          <Form.Item name="quietEnd" label={t('sms.settings.quietEnd')} rules={[{ required: true, pattern: clock }]}>
            <Input style={{ width: 100 }} placeholder="08:00" />
          </Form.Item>
        </Space>
      </Card>
      <Card size="small" title={t('sms.settings.callbacks')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sms.settings.callbacksHelp')}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('sms.settings.receipts')}：
          <Typography.Text copyable code>
            {saved.callbacks.receipts}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('sms.settings.replies')}：
          <Typography.Text copyable code>
            {saved.callbacks.replies}
          </Typography.Text>
        </Typography.Paragraph>
      </Card>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
