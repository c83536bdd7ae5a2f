import { Alert, Form, Input, Switch, Typography } from 'antd';
import { useT } from '../../i18n';
import type { WechatPayShown } from './types';

/** Read from a card's form: the switch and its fields, to the API's withholding part (null turns it off). */
export const withholdingOf = (values: Record<string, unknown>) => {
  const { withholdingOn, withholding, ...rest } = values;
  const fields = Object.fromEntries(
    Object.entries((withholding ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v != null),
  );
  return { rest, withholding: withholdingOn ? fields : null };
};

function NotifyAddress({ label, url }: { label: string; url: string }) {
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      message={label}
      description={<Typography.Text copyable>{url}</Typography.Text>}
    />
  );
}

/** The switch that offers monthly gifts through a provider; its fields show while it is on. */
function useWithholdingSwitch(card: 'wechatPay' | 'alipay', label: string, help: string) {
  const on = Form.useWatch([card, 'withholdingOn']) as boolean | undefined;
  const item = (
    <Form.Item name={[card, 'withholdingOn']} valuePropName="checked" label={label} extra={help}>
      <Switch />
    </Form.Item>
  );
  return { on, item };
}

/** 委托代扣 of a WeChat Pay merchant: monthly gifts (月捐) through WeChat Pay. */
export function WechatWithholding({ saved, notifyUrl }: { saved: WechatPayShown | null; notifyUrl: string }) {
  const t = useT();
  const { on, item } = useWithholdingSwitch(
    'wechatPay',
    t('paymentSettings.wechatWithholding'),
    t('paymentSettings.wechatWithholdingHelp'),
  );
  const keySaved = Boolean(saved?.withholding?.hasApiV2Key && saved.readable);
  return (
    <>
      {item}
      {on && (
        <>
          <Form.Item
            name={['wechatPay', 'withholding', 'planId']}
            label={t('paymentSettings.planId')}
            extra={t('paymentSettings.planIdHelp')}
            rules={[{ required: true, pattern: /^\d{1,20}$/, message: t('paymentSettings.rule.planId') }]}
          >
            <Input inputMode="numeric" placeholder="12535" />
          </Form.Item>
          <Form.Item
            name={['wechatPay', 'withholding', 'apiV2Key']}
            label={t('paymentSettings.apiV2Key')}
            extra={keySaved ? t('paymentSettings.keepSecret') : t('paymentSettings.apiV2KeyHelp')}
            rules={[
              { required: !keySaved, message: t('paymentSettings.rule.apiV2Key') },
              { pattern: /^[0-9A-Za-z]{32}$/, message: t('paymentSettings.rule.apiV2Key') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <NotifyAddress label={t('paymentSettings.wechatNotifyUrl')} url={notifyUrl} />
        </>
      )}
    </>
  );
}

/** 周期扣款 of an Alipay application: monthly gifts (月捐) through Alipay. */
export function AlipayWithholding({ notifyUrl }: { notifyUrl: string }) {
  const t = useT();
  const { on, item } = useWithholdingSwitch(
    'alipay',
    t('paymentSettings.alipayWithholding'),
    t('paymentSettings.alipayWithholdingHelp'),
  );
  return (
    <>
      {item}
      {on && (
        <>
          <Form.Item
            name={['alipay', 'withholding', 'signScene']}
            label={t('paymentSettings.signScene')}
            extra={t('paymentSettings.signSceneHelp')}
            rules={[{ required: true, pattern: /^[A-Z_]+\|[A-Z_]+$/, message: t('paymentSettings.rule.signScene') }]}
          >
            <Input placeholder="INDUSTRY|…" />
          </Form.Item>
          <NotifyAddress label={t('paymentSettings.alipayNotifyUrl')} url={notifyUrl} />
        </>
      )}
    </>
  );
}
