import { useEffect } from 'react';
import { Card, Form, Input, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import type { AlipayShown } from './types';
import { CardActions, CheckAccount, UnreadableKeys, withoutEmpty } from './parts';
import { useSaveSettings } from './useSaveSettings';

/** The organization's own Alipay application (RSA2 keys): gifts go straight to its account. */
export function AlipayCard({ saved, canManage }: { saved: AlipayShown | null; canManage: boolean }) {
  const t = useT();
  const [form] = Form.useForm();
  const save = useSaveSettings(form);
  useEffect(() => {
    if (saved) form.setFieldsValue({ alipay: { appId: saved.appId, alipayPublicKey: saved.alipayPublicKey } });
  }, [form, saved]);
  const secretRequired = !saved?.readable;
  const submit = (values: { alipay: Record<string, unknown> }) => {
    save.mutate({ alipay: withoutEmpty(values.alipay) });
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
