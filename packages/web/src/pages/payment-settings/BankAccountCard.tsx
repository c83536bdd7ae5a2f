import { useEffect } from 'react';
import { Card, Form, Input, Typography } from 'antd';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import type { BankAccount } from './types';
import { CardActions } from './parts';
import { useSaveSettings } from './useSaveSettings';

/** The account donors transfer to (对公账户); bank transfer is offered once it is entered. */
export function BankAccountCard({ saved, canManage }: { saved: BankAccount | null; canManage: boolean }) {
  const t = useT();
  const scope = useOrg();
  const [form] = Form.useForm<{ bankAccount: BankAccount }>();
  const save = useSaveSettings(form);
  useEffect(() => {
    if (saved) form.setFieldsValue({ bankAccount: saved });
  }, [form, saved]);
  return (
    <Card size="small" title={t('paymentSettings.bank')}>
      <Typography.Paragraph type="secondary">{t('paymentSettings.bankHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!canManage} onFinish={(values) => save.mutate(values)}>
        <Form.Item
          name={['bankAccount', 'accountName']}
          label={t('paymentSettings.accountName')}
          rules={[{ required: true }]}
        >
          <Input placeholder={scope.org.name} />
        </Form.Item>
        <Form.Item
          name={['bankAccount', 'bankName']}
          label={t('paymentSettings.bankName')}
          rules={[{ required: true }]}
        >
          <Input placeholder="中国工商银行" />
        </Form.Item>
        <Form.Item name={['bankAccount', 'branch']} label={t('paymentSettings.branch')}>
          <Input />
        </Form.Item>
        {/* Named as the API names them, so the server's field problems land beside their fields. */}
        <Form.Item
          name={['bankAccount', 'accountNumber']}
          label={t('paymentSettings.accountNumber')}
          rules={[{ required: true }]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <CardActions
          canManage={canManage}
          saving={save.isPending}
          removeLabel={t('paymentSettings.remove')}
          onRemove={saved ? () => save.mutate({ bankAccount: null }) : undefined}
        />
      </Form>
    </Card>
  );
}
