import { Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Contact } from '../../api/contacts';
import type { PledgeList } from '../../api/pledges';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { QueryError } from '../../components/QueryError';
import { NewPledgeButton, PledgeTable } from './PledgeTable';

/** A donor's pledges on their gifts tab; shown once they have one, or to staff who can add one. */
export function ContactPledges({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const pledges = useQuery({
    queryKey: ['pledges', scope.org.slug, 'contact', contact.id],
    queryFn: () => api.get<PledgeList>(scope.path('/pledges'), { contactId: contact.id }),
  });
  const items = pledges.data?.items ?? [];
  if (items.length === 0 && (!scope.can('gifts:write') || contact.erasedAt)) return null;
  return (
    <div style={{ marginBottom: 24 }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('pledges.title')}
        </Typography.Title>
        {!contact.erasedAt && <NewPledgeButton contactId={contact.id} />}
      </Space>
      {pledges.isError && <QueryError error={pledges.error} retry={() => void pledges.refetch()} />}
      {items.length > 0 && <PledgeTable pledges={items} loading={pledges.isPending} showDonor={false} />}
    </div>
  );
}
