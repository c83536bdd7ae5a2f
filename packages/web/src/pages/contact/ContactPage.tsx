import { Link, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Card, Col, Descriptions, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Contact, Tag as ContactTag, TagWithCount } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../components/errors';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { TotalGiven } from '../../components/TotalGiven';
import { ProfileForm } from './ProfileForm';
import { GiftsTab } from './GiftsTab';
import { ConsentsTab } from './ConsentsTab';
import { RelationshipsTab } from './RelationshipsTab';
import { NotesTab } from './NotesTab';
import { TimelineTab } from './TimelineTab';
import { VolunteeringTab } from './VolunteeringTab';
import { DataRights } from './DataRights';

function TagEditor({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const all = useQuery({
    queryKey: ['tags', scope.org.slug],
    queryFn: () => api.get<TagWithCount[]>(scope.path('/tags')),
  });
  const save = useMutation({
    mutationFn: (names: string[]) => api.put<ContactTag[]>(scope.path(`/contacts/${contact.id}/tags`), { tags: names }),
    onSuccess: (tags) => {
      queryClient.setQueryData<Contact>(['contact', scope.org.slug, contact.id], (c) => (c ? { ...c, tags } : c));
      void queryClient.invalidateQueries({ queryKey: ['tags', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  if (!scope.can('contacts:write') || contact.erasedAt)
    return (
      <>
        {contact.tags.length
          ? contact.tags.map((tag) => (
              <Tag key={tag.id} color={tag.color ?? undefined}>
                {tag.name}
              </Tag>
            ))
          : '—'}
      </>
    );
  return (
    <Select
      mode="tags"
      style={{ minWidth: 240, width: '100%' }}
      placeholder={t('contact.addTags')}
      value={contact.tags.map((tag) => tag.name)}
      loading={save.isPending}
      onChange={(names: string[]) => save.mutate(names.map((n) => n.trim()).filter(Boolean))}
      options={(all.data ?? []).map((tag) => ({ value: tag.name, label: tag.name }))}
      aria-label={t('contact.tags')}
    />
  );
}

/** One contact: summary, profile, gifts, consents, relationships, notes, timeline and data rights. */
export default function ContactPage() {
  const t = useT();
  const scope = useOrg();
  const id = Number(useParams().id);
  const contact = useQuery({
    queryKey: ['contact', scope.org.slug, id],
    queryFn: () => api.get<Contact>(scope.path(`/contacts/${id}`)),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
  const back = <Link to={`/o/${scope.org.slug}/contacts`}>{t('nav.contacts')}</Link>;
  if (contact.isPending) return <PageSpinner />;
  if (contact.isError) {
    const missing = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <>
        <Breadcrumb items={[{ title: back }]} style={{ marginBottom: 12 }} />
        {missing ? (
          <Alert type="warning" showIcon message={t('contact.notFound')} description={t('contact.notFoundHelp')} />
        ) : (
          <QueryError error={contact.error} retry={() => void contact.refetch()} />
        )}
      </>
    );
  }
  const c = contact.data;
  return (
    <>
      <Breadcrumb items={[{ title: back }, { title: c.name }]} style={{ marginBottom: 12 }} />
      {c.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <>
              {t('contact.mergedInto')}{' '}
              <Link to={`/o/${scope.org.slug}/contacts/${c.mergedIntoId}`}>#{c.mergedIntoId}</Link>
            </>
          }
        />
      )}
      {c.erasedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('contact.erasedAt', { date: formatDate(c.erasedAt, scope.org.timezone) })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Space align="baseline" wrap style={{ marginBottom: 8 }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {c.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {c.kind === 'organization' ? t('contact.kind.organization') : t('contact.kind.person')} · #{c.id}
              </Typography.Text>
            </Space>
            <div style={{ marginBottom: 16 }}>
              <TagEditor contact={c} />
            </div>
            <Tabs
              items={[
                { key: 'profile', label: t('contact.tab.profile'), children: <ProfileForm contact={c} /> },
                {
                  key: 'gifts',
                  label: `${t('contact.tab.gifts')} (${c.giftCount})`,
                  children: <GiftsTab contact={c} />,
                },
                { key: 'consents', label: t('contact.tab.consents'), children: <ConsentsTab contact={c} /> },
                {
                  key: 'relationships',
                  label: t('contact.tab.relationships'),
                  children: <RelationshipsTab contact={c} />,
                },
                { key: 'notes', label: t('contact.tab.notes'), children: <NotesTab contact={c} /> },
                ...(scope.can('volunteers:read')
                  ? [
                      {
                        key: 'volunteering',
                        label: t('contact.tab.volunteering'),
                        children: <VolunteeringTab contact={c} />,
                      },
                    ]
                  : []),
                { key: 'timeline', label: t('contact.tab.timeline'), children: <TimelineTab contact={c} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title={t('contact.summary')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('contact.totalGiven')}>
                  <TotalGiven totals={c.totalGiven} />
                </Descriptions.Item>
                <Descriptions.Item label={t('contact.giftCount')}>{c.giftCount}</Descriptions.Item>
                <Descriptions.Item label={t('contact.firstGift')}>
                  {formatDate(c.firstGiftAt, scope.org.timezone)}
                </Descriptions.Item>
                <Descriptions.Item label={t('contact.lastGift')}>
                  {formatDate(c.lastGiftAt, scope.org.timezone)}
                </Descriptions.Item>
                <Descriptions.Item label={t('contact.place')}>{c.placeLabel || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('contact.createdAt')}>
                  {formatDate(c.createdAt, scope.org.timezone)}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <DataRights contact={c} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
