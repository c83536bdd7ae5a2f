import { Alert, Button, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';

/** Save, and remove once something is saved; nothing for those who may only look. */
export function CardActions(props: {
  canManage: boolean;
  saving: boolean;
  removeLabel: string;
  onRemove?: () => void;
}) {
  const t = useT();
  if (!props.canManage) return null;
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={props.saving}>
        {t('common.save')}
      </Button>
      {props.onRemove && (
        <Button danger onClick={props.onRemove}>
          {props.removeLabel}
        </Button>
      )}
    </Space>
  );
}

/** Keys sealed under another SECRET_KEY: the account must be entered again. */
export function UnreadableKeys({ saved }: { saved: { readable: boolean } | null }) {
  const t = useT();
  if (!saved || saved.readable) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('paymentSettings.unreadable')} />;
}

/** Empty secret boxes are left out of the request, so the saved secrets stay. */
export const withoutEmpty = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v != null));

/** Tries the saved keys against the vendor and says what it answered. */
export function CheckAccount({ provider }: { provider: 'wechat' | 'alipay' }) {
  const t = useT();
  const scope = useOrg();
  const check = useMutation({
    mutationFn: () =>
      api.post<{ ok: boolean; message: string | null }>(scope.path('/payment-settings/check'), { provider }),
  });
  return (
    <>
      <Button onClick={() => check.mutate()} loading={check.isPending}>
        {t('paymentSettings.check')}
      </Button>
      {check.data && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={check.data.ok ? 'success' : 'error'}
          message={check.data.ok ? t('paymentSettings.checkOk') : t('paymentSettings.checkFailed')}
          description={check.data.message ?? undefined}
        />
      )}
      {check.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorMessage(check.error)} />}
    </>
  );
}
