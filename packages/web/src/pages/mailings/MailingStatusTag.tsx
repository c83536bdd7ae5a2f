import { Tag } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import type { MailingStatus } from '../../api/mailings';
import { useT } from '../../i18n';

const colors: Record<MailingStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  sending: 'processing',
  paused: 'orange',
  sent: 'green',
  cancelled: 'red',
};

/** Where a mailing is between its draft and its report. */
export function MailingStatusTag({ status }: { status: MailingStatus }) {
  const t = useT();
  return (
    <Tag color={colors[status]} icon={status === 'sending' ? <SyncOutlined spin /> : undefined}>
      {t(`mailings.status.${status}`)}
    </Tag>
  );
}
