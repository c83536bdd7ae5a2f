import { Tag } from 'antd';
import type { CampaignStatus } from '../../api/fundraising';
import { useT } from '../../i18n';

const colors: Record<CampaignStatus, string> = { draft: 'default', review: 'orange', live: 'green', closed: 'blue' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const t = useT();
  return <Tag color={colors[status]}>{t(`campaigns.status.${status}`)}</Tag>;
}
