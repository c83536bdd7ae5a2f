import { Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { PageSpinner } from '../components/PageSpinner';
import { QueryError } from '../components/QueryError';
import { AlipayCard } from './payment-settings/AlipayCard';
import { BankAccountCard } from './payment-settings/BankAccountCard';
import type { PaymentSettingsShown } from './payment-settings/types';
import { settingsKey } from './payment-settings/useSaveSettings';
import { WechatPayCard } from './payment-settings/WechatPayCard';

/** How donors pay: the bank account for transfers, and the organization's own WeChat Pay and Alipay accounts. */
export default function PaymentSettings() {
  const t = useT();
  const scope = useOrg();
  const settings = useQuery({
    queryKey: settingsKey(scope.org.slug),
    queryFn: () => api.get<PaymentSettingsShown>(scope.path('/payment-settings')),
  });
  const canManage = scope.can('org:manage');
  const data = settings.data;
  return (
    <>
      <PageTitle title={t('paymentSettings.title')} />
      {settings.isError && <QueryError error={settings.error} retry={() => void settings.refetch()} />}
      {settings.isPending && <PageSpinner />}
      {data && (
        <Space direction="vertical" size="middle" style={{ maxWidth: 680, width: '100%' }}>
          <WechatPayCard saved={data.wechatPay} setup={data.setup} canManage={canManage} />
          <AlipayCard saved={data.alipay} setup={data.setup} canManage={canManage} />
          <BankAccountCard saved={data.bankAccount} canManage={canManage} />
        </Space>
      )}
    </>
  );
}
