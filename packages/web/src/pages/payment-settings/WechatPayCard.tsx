import { useEffect } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import type { PaymentSettingsShown, WechatPayShown } from './types';
import { CardActions, CheckAccount, UnreadableKeys, withoutEmpty } from './parts';
import { useSaveSettings } from './useSaveSettings';
import { WechatWithholding, withholdingOf } from './Withholding';

/** Secrets are never shown again: an empty box keeps the saved one. */
const keepHint = (saved: boolean, t: ReturnType<typeof useT>) => (saved ? t('paymentSettings.keepSecret') : undefined);

/** The organization's own WeChat Pay merchant account (商户号): gifts go straight to it. */
export function WechatPayCard({
  saved,
  setup,
  canManage,
}: {
  saved: WechatPayShown | null;
  setup: PaymentSettingsShown['setup'];
  canManage: boolean;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const save = useSaveSettings(form);
  useEffect(() => {
    if (saved) {
      const { mchid, appid, merchantSerialNo, platformKeys, withholding } = saved;
      form.setFieldsValue({
        wechatPay: {
          mchid,
          appid,
          merchantSerialNo,
          platformKeys,
          withholdingOn: Boolean(withholding),
          withholding: { planId: withholding?.planId },
        },
      });
    } else form.setFieldsValue({ wechatPay: { platformKeys: [{ serial: '', pem: '' }] } });
  }, [form, saved]);
  const submit = (values: { wechatPay: Record<string, unknown> }) => {
    const { rest, withholding } = withholdingOf(values.wechatPay);
    save.mutate({ wechatPay: { ...withoutEmpty(rest), withholding } });
  };
  const secretRequired = !saved?.readable;
  return (
    <Card size="small" title={t('paymentSettings.wechat')}>
      <Typography.Paragraph type="secondary">{t('paymentSettings.wechatHelp')}</Typography.Paragraph>
      <UnreadableKeys saved={saved} />
      <Form form={form} layout="vertical" disabled={!canManage} onFinish={submit}>
        <Form.Item
          name={['wechatPay', 'mchid']}
          label={t('paymentSettings.mchid')}
          rules={[{ required: true, pattern: /^\d{8,12}$/, message: t('paymentSettings.rule.mchid') }]}
        >
          <Input inputMode="numeric" placeholder="1900000000" />
        </Form.Item>
        <Form.Item
          name={['wechatPay', 'appid']}
          label={t('paymentSettings.appid')}
          rules={[{ required: true, pattern: /^wx[0-9a-zA-Z]{16}$/, message: t('paymentSettings.rule.appid') }]}
        >
          <Input placeholder="wx…" />
        </Form.Item>
        <Form.Item
          name={['wechatPay', 'merchantSerialNo']}
          label={t('paymentSettings.merchantSerialNo')}
          rules={[{ required: true, pattern: /^[0-9A-Fa-f]{8,64}$/, message: t('paymentSettings.rule.serial') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name={['wechatPay', 'merchantPrivateKey']}
          label={t('paymentSettings.merchantPrivateKey')}
          rules={[{ required: secretRequired }]}
          extra={keepHint(!secretRequired, t)}
        >
          <Input.TextArea rows={3} placeholder="-----BEGIN PRIVATE KEY-----" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['wechatPay', 'apiV3Key']}
          label={t('paymentSettings.apiV3Key')}
          rules={[{ required: secretRequired, len: 32, message: t('paymentSettings.rule.apiV3Key') }]}
          extra={keepHint(!secretRequired, t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name={['wechatPay', 'appSecret']}
          label={t('paymentSettings.appSecret')}
          extra={
            saved?.hasAppSecret && saved.readable ? t('paymentSettings.keepSecret') : t('paymentSettings.appSecretHelp')
          }
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Typography.Text strong>{t('paymentSettings.platformKeys')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('paymentSettings.platformKeysHelp')}</Typography.Paragraph>
        <Form.List name={['wechatPay', 'platformKeys']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'serial']}
                    rules={[{ required: true, message: t('paymentSettings.rule.platformSerial') }]}
                    style={{ width: 200 }}
                  >
                    <Input placeholder="PUB_KEY_ID_…" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'pem']}
                    rules={[{ required: true, message: t('paymentSettings.rule.platformPem') }]}
                    style={{ width: 320 }}
                  >
                    <Input.TextArea rows={2} placeholder="-----BEGIN PUBLIC KEY-----" />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {fields.length < 5 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ serial: '', pem: '' })}>
                  {t('paymentSettings.addPlatformKey')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <WechatWithholding saved={saved} notifyUrl={setup.wechatNotifyUrl} />
        <Alert
          type="info"
          style={{ margin: '12px 0' }}
          message={t('paymentSettings.wechatSetup')}
          description={
            <>
              <div>
                {t('paymentSettings.payDirectory')}:{' '}
                <Typography.Text copyable>{setup.wechatPayDirectory}</Typography.Text>
              </div>
              <div>
                {t('paymentSettings.oauthDomain')}:{' '}
                <Typography.Text copyable>{setup.wechatOAuthDomain}</Typography.Text>
              </div>
            </>
          }
        />
        <Space wrap>
          <CardActions
            canManage={canManage}
            saving={save.isPending}
            removeLabel={t('paymentSettings.removeWechat')}
            onRemove={saved ? () => save.mutate({ wechatPay: null }) : undefined}
          />
          {saved?.readable && <CheckAccount provider="wechat" />}
        </Space>
      </Form>
    </Card>
  );
}
