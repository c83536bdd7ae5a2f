import { Button, Empty, Timeline, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Activity, Contact, Page } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { QueryError } from '../../components/QueryError';
import { activityText } from './activityText';

const colors: Record<string, string> = {
  gift: 'green',
  gift_updated: 'green',
  gift_deleted: 'green',
  consent: 'blue',
  contact: 'orange',
  erased: 'red',
  note: 'gray',
};

/** Everything that happened to the contact, newest first, a page at a time. */
export function TimelineTab({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const timeline = useInfiniteQuery({
    queryKey: ['timeline', scope.org.slug, contact.id],
    queryFn: ({ pageParam }) =>
      api.get<Page<Activity>>(scope.path(`/contacts/${contact.id}/timeline`), { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  if (timeline.isError) return <QueryError error={timeline.error} retry={() => void timeline.refetch()} />;
  if (!timeline.isPending && items.length === 0) return <Empty description={t('timeline.empty')} />;
  return (
    <>
      <Timeline
        pending={timeline.isPending ? t('common.loading') : undefined}
        items={items.map((a) => ({
          key: a.id,
          color: colors[a.type.split('.')[0] ?? ''] ?? 'blue',
          children: (
            <>
              <div>{activityText(t, a)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(a.at, scope.org.timezone)}
                {a.actorName ? ` · ${a.actorName}` : ''}
              </Typography.Text>
            </>
          ),
        }))}
      />
      {timeline.hasNextPage && (
        <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
