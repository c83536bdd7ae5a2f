import { Col, Row, Statistic, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useContactVolunteering, type ContactVolunteering } from '../../api/volunteers';
import type { Contact } from '../../api/contacts';
import { useI18n } from '../../i18n';
import { useOrg } from '../../lib/org';
import { hoursText, shiftTimeText } from '../../lib/volunteering';
import { QueryError } from '../../components/QueryError';
import { SignupStatusTag } from '../volunteers/StatusTags';

type Row = ContactVolunteering['signups'][number];

/** 志愿服务: the hours the contact served, the shifts they came to, and each sign-up. */
export function VolunteeringTab({ contact }: { contact: Contact }) {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const history = useContactVolunteering(contact.id);
  const tz = scope.org.timezone;
  const h = history.data;
  return (
    <>
      {history.isError && <QueryError error={history.error} retry={() => void history.refetch()} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8}>
          <Statistic
            title={t('volunteers.contact.totalHours')}
            value={h ? hoursText(t, h.totalMinutes) : '—'}
            loading={history.isPending}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('volunteers.contact.attended')}
            value={h?.counts.attended ?? 0}
            loading={history.isPending}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('volunteers.contact.signups')}
            value={h?.counts.signups ?? 0}
            loading={history.isPending}
          />
        </Col>
      </Row>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={history.isPending}
        dataSource={h?.signups ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('volunteers.contact.empty') }}
        columns={[
          {
            title: t('volunteers.contact.opportunity'),
            render: (_: unknown, s) => (
              <Link to={`/o/${scope.org.slug}/volunteers/${s.opportunityId}`}>{s.opportunityTitle}</Link>
            ),
          },
          {
            title: t('volunteers.roster.shift'),
            render: (_: unknown, s) =>
              [s.shiftTitle, shiftTimeText(s.startsAt, s.endsAt, tz, locale)].filter(Boolean).join(' · '),
          },
          { title: t('volunteers.statusLabel'), render: (_: unknown, s) => <SignupStatusTag status={s.status} /> },
          {
            title: t('volunteers.roster.hours'),
            align: 'right',
            render: (_: unknown, s) => (s.minutes === null ? '—' : hoursText(t, s.minutes)),
          },
        ]}
      />
    </>
  );
}
