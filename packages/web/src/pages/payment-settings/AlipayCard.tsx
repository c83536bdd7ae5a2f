import { useEffect } from 'react';
import { Card, Form, Input, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import type { AlipayShown, PaymentSettingsShown } from './types';
import { CardActions, CheckAccount, UnreadableKeys, withoutEmpty } from './parts';
import { useSaveSettings } from './useSaveSettings';
import { AlipayWithholding, withholdingOf } from './Withholding';

/** The organization's own Alipay application (RSA2 keys): gifts go straight to its account. */
export function AlipayCard({
  saved,
  setup,
  canManage,
}: {
  saved: AlipayShown | null;
  setup: PaymentSettingsShown['setup'];
  canManage: boolean;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const save = useSaveSettings(form);
  useEffect(() => {
    if (saved)
      form.setFieldsValue({
        alipay: {
          appId: saved.appId,
          alipayPublicKey: saved.alipayPublicKey,
          withholdingOn: Boolean(saved.withholding),
          withholding: { signScene: saved.withholding?.signScene },
        },
      });
  }, [form, saved]);
  const secretRequired = !saved?.readable;
  const submit = (values: { alipay: Record<string, unknown> }) => {
    const { rest, withholding } = withholdingOf(values.alipay);
    save.mutate({ alipay: { ...withoutEmpty(rest), withholding } });
  };
  return (
    <Card size="small" title={t('paymentSettings.alipay')}>
      <Typography.Paragraph type="secondary">{t('paymentSettings.alipayHelp')}</Typography.Paragraph>
      <UnreadableKeys saved={saved} />
      <Form form={form} layout="vertical" disabled={!canManage} onFinish={submit}>
        <Form.Item
          name={['alipay', 'appId']}
          label="APPID"
          rules={[{ required: true, pattern: /^\d{16}$/, message: t('paymentSettings.rule.alipayAppId') }]}
        >
          <Input inputMode="numeric" placeholder="2021000000000000" />
        </Form.Item>
        <Form.Item
          name={['alipay', 'appPrivateKey']}
          label={t('paymentSettings.appPrivateKey')}
          rules={[{ required: secretRequired }]}
          extra={secretRequired ? undefined : t('paymentSettings.keepSecret')}
        >
          <Input.TextArea rows={3} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['alipay', 'alipayPublicKey']}
          label={t('paymentSettings.alipayPublicKey')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <AlipayWithholding notifyUrl={setup.alipayNotifyUrl} />
        <Space wrap>
          <CardActions
            canManage={canManage}
            saving={save.isPending}
            removeLabel={t('paymentSettings.removeAlipay')}
            onRemove={saved ? () => save.mutate({ alipay: null }) : undefined}
          />
          {saved?.readable && <CheckAccount provider="alipay" />}
        </Space>
      </Form>
    </Card>
  );
}
