import { Space, Tag, Typography } from 'antd';
import { useT } from '../i18n';

/** A row's log entry: its tracking code (copyable) and whether the log has taken it in yet. */
export function TrackingCell({ code, leafIndex }: { code: string | null; leafIndex: number | null }) {
  const t = useT();
  if (!code) return <Typography.Text type="secondary">{t('tracking.none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Typography.Text code copyable={{ text: code }}>
        {code}
      </Typography.Text>
      {leafIndex === null ? (
        <Tag>{t('tracking.pending')}</Tag>
      ) : (
        <Tag color="green">{t('tracking.inLog', { leaf: leafIndex })}</Tag>
      )}
    </Space>
  );
}
