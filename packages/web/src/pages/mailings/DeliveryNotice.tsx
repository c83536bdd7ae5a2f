import { Alert } from 'antd';
import { useEmailDelivery } from '../../api/mailings';
import { useT } from '../../i18n';

/** Says so when emails will not really leave this server: no SMTP_URL, or the development outbox. */
export function DeliveryNotice() {
  const t = useT();
  const delivery = useEmailDelivery().data;
  if (!delivery || delivery.mode === 'smtp') return null;
  return delivery.mode === 'outbox' ? (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('mailings.delivery.outbox')}
      description={t('mailings.delivery.outboxHelp', { dir: delivery.outbox ?? '' })}
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('mailings.delivery.none')}
      description={t('mailings.delivery.noneHelp')}
    />
  );
}
