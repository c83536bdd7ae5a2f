import { Tag, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Partnership } from '../../api/partnerships';
import { useT, type Translate } from '../../i18n';
import { useOrg } from '../../lib/org';

const statusColors: Record<Partnership['status'], string> = { invited: 'gold', active: 'green', ended: 'default' };

export function PartnershipStatus({ status }: { status: Partnership['status'] }) {
  const t = useT();
  return <Tag color={statusColors[status]}>{t(`partnerships.status.${status}`)}</Tag>;
}

/** After any change, both sides' lists and figures are read again. */
export function useRefreshPartnerships() {
  const queryClient = useQueryClient();
  const scope = useOrg();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['partnerships', scope.org.slug] }),
      queryClient.invalidateQueries({ queryKey: ['hosted-campaigns', scope.org.slug] }),
    ]);
}

/** What an agreement says, as both sides' tables show it: the host's project, the data shared, its state. */
export const agreementColumns = (t: Translate): TableColumnsType<Partnership> => [
  { title: t('partnerships.project'), key: 'project', render: (_: unknown, p) => p.project.name },
  {
    title: t('partnerships.donorData'),
    dataIndex: 'donorData',
    render: (v: Partnership['donorData']) => t(`partnerships.donorData.${v}`),
  },
  {
    title: t('partnerships.status'),
    dataIndex: 'status',
    render: (v: Partnership['status']) => <PartnershipStatus status={v} />,
  },
];
