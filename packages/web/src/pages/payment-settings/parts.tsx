import { Alert, Button, Space } from 'antd';
import { useT } from '../../i18n';

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
