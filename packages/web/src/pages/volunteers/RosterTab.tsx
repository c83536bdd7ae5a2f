import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Grid,
  List,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { CheckOutlined, DownloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, apiUrl } from '../../api/client';
import { useRoster, type Opportunity, type Shift, type Signup } from '../../api/volunteers';
import { useI18n } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { clockTime, fullPercent, hoursText, shiftTimeText, signupActions } from '../../lib/volunteering';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';
import { AddVolunteerModal } from './AddVolunteerModal';
import { HoursModal } from './HoursModal';
import { SignupActions, useRosterRefresh } from './SignupActions';
import { SignupStatusTag } from './StatusTags';

const canCheckIn = (s: Signup) => signupActions(s).includes('check-in');

/** Each shift's places taken against its limit, with the waiting list and who came. */
function ShiftProgress({ shifts }: { shifts: Shift[] }) {
  const { t, locale } = useI18n();
  const tz = useOrg().org.timezone;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {shifts.map((s) => (
        <Col key={s.id} xs={24} md={12} xl={8}>
          <Card size="small" className="cw-shift-progress">
            <Typography.Text strong>{s.title || shiftTimeText(s.startsAt, s.endsAt, tz, locale)}</Typography.Text>
            {s.title && (
              <div>
                <Typography.Text type="secondary">{shiftTimeText(s.startsAt, s.endsAt, tz, locale)}</Typography.Text>
              </div>
            )}
            <Progress
              percent={s.capacity === null ? 100 : fullPercent(s.confirmed, s.capacity)}
              status={s.capacity !== null && s.confirmed >= s.capacity ? 'success' : 'normal'}
              strokeColor={s.capacity === null ? '#d9d9d9' : undefined}
              showInfo={false}
              size="small"
            />
            <Typography.Text>
              {s.capacity === null
                ? t('volunteers.roster.signedUpUnlimited', { count: s.confirmed })
                : t('volunteers.roster.signedUpOf', { count: s.confirmed, capacity: s.capacity })}
              {s.waitlisted > 0 && ` · ${t('volunteers.waitlistedCount', { count: s.waitlisted })}`}
              {` · ${t('volunteers.roster.attended', { count: s.attended })}`}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The roster (报名名单): who holds a place on which shift, check-in and out, hours; cards on a phone. */
export function RosterTab({ opportunity }: { opportunity: Opportunity }) {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const roster = useRoster(opportunity.id);
  const refresh = useRosterRefresh(opportunity.id);
  const [shiftId, setShiftId] = useState<number | 'all'>(
    opportunity.shifts.length === 1 ? opportunity.shifts[0]!.id : 'all',
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [hoursFor, setHoursFor] = useState<Signup | null>(null);
  const [adding, setAdding] = useState(false);
  const canWrite = scope.can('volunteers:write');
  const tz = scope.org.timezone;

  const list = (roster.data ?? []).filter((s) => shiftId === 'all' || s.shiftId === shiftId);
  const shifts = opportunity.shifts.filter((s) => shiftId === 'all' || s.id === shiftId);
  const totalMinutes = list.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
  const chosen = selected.filter((id) => list.some((s) => s.id === id && canCheckIn(s)));
  const bulk = useMutation({
    mutationFn: (ids: number[]) => api.post<Signup[]>(scope.path('/volunteers/signups/check-in'), { signupIds: ids }),
    onSuccess: (saved) => {
      refresh(saved);
      setSelected([]);
      message.success(t('volunteers.done.bulkCheckIn', { count: saved.length }));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const shiftLabel = (s: Pick<Signup, 'shiftTitle' | 'shiftStartsAt' | 'shiftEndsAt'>) =>
    [s.shiftTitle, shiftTimeText(s.shiftStartsAt, s.shiftEndsAt, tz, locale)].filter(Boolean).join(' · ');
  const name = (s: Signup) => <Link to={`/o/${scope.org.slug}/contacts/${s.contactId}`}>{s.contactName}</Link>;
  const phoneLink = (s: Signup) => (s.phone ? <a href={`tel:${s.phone}`}>{s.phone}</a> : (s.email ?? '—'));
  const served = (s: Signup) => (s.minutes === null ? '—' : hoursText(t, s.minutes));

  const toolbar = (
    <Space wrap style={{ marginBottom: 12 }}>
      {opportunity.shifts.length > 1 && (
        <Select<number | 'all'>
          value={shiftId}
          onChange={(v) => {
            setShiftId(v);
            setSelected([]);
          }}
          style={{ minWidth: phone ? 300 : 320, maxWidth: '100%' }}
          aria-label={t('volunteers.roster.shift')}
          options={[
            { value: 'all', label: t('volunteers.roster.allShifts') },
            ...opportunity.shifts.map((s) => ({
              value: s.id,
              label: [s.title, shiftTimeText(s.startsAt, s.endsAt, tz, locale)].filter(Boolean).join(' · '),
            })),
          ]}
        />
      )}
      {canWrite && (
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={chosen.length === 0}
          loading={bulk.isPending}
          onClick={() => bulk.mutate(chosen)}
        >
          {t('volunteers.roster.bulkCheckIn', { count: chosen.length })}
        </Button>
      )}
      {canWrite && opportunity.shifts.length > 0 && (
        <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
          {t('volunteers.add')}
        </Button>
      )}
      {scope.can('contacts:export') && (
        <Button
          icon={<DownloadOutlined />}
          href={apiUrl(scope.path(`/volunteers/opportunities/${opportunity.id}/signups.csv`), {
            shiftId: shiftId === 'all' ? undefined : shiftId,
          })}
          download={`volunteers-${opportunity.slug}.csv`}
        >
          {t('volunteers.roster.export')}
        </Button>
      )}
    </Space>
  );
  const totals = (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={8} md={4}>
        <Statistic
          title={t('volunteers.roster.people')}
          value={list.filter((s) => s.status !== 'cancelled' && s.status !== 'waitlisted').length}
        />
      </Col>
      <Col xs={8} md={4}>
        <Statistic
          title={t('volunteers.roster.checkedIn')}
          value={list.filter((s) => s.status === 'attended').length}
        />
      </Col>
      <Col xs={8} md={6}>
        <Statistic title={t('volunteers.roster.totalHours')} value={hoursText(t, totalMinutes)} />
      </Col>
    </Row>
  );
  const empty = (
    <Empty
      description={
        opportunity.shifts.length === 0
          ? t('volunteers.roster.noShifts')
          : opportunity.status === 'draft'
            ? t('volunteers.roster.emptyDraft')
            : t('volunteers.roster.empty')
      }
    />
  );

  const cards = (
    <List<Signup>
      loading={roster.isPending}
      dataSource={list}
      locale={{ emptyText: empty }}
      className="cw-roster-cards"
      renderItem={(s) => (
        <Card size="small" style={{ marginBottom: 8 }}>
          <Space align="start" style={{ width: '100%' }}>
            {canWrite && (
              <Checkbox
                disabled={!canCheckIn(s)}
                checked={chosen.includes(s.id)}
                onChange={(e) =>
                  setSelected((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id)))
                }
                aria-label={t('volunteers.roster.select', { name: s.contactName })}
              />
            )}
            <div style={{ minWidth: 0 }}>
              <Space wrap size={6}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {name(s)}
                </Typography.Text>
                <SignupStatusTag status={s.status} />
              </Space>
              <div>{phoneLink(s)}</div>
              {shiftId === 'all' && <Typography.Text type="secondary">{shiftLabel(s)}</Typography.Text>}
              {(s.checkedInAt || s.minutes !== null) && (
                <div>
                  <Typography.Text type="secondary">
                    {[
                      s.checkedInAt && t('volunteers.roster.inAt', { time: clockTime(s.checkedInAt, tz) }),
                      s.checkedOutAt && t('volunteers.roster.outAt', { time: clockTime(s.checkedOutAt, tz) }),
                      s.minutes !== null && t('volunteers.roster.served', { hours: served(s) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </div>
              )}
            </div>
          </Space>
          {canWrite && (
            <div style={{ marginTop: 8 }}>
              <SignupActions signup={s} onHours={setHoursFor} block />
            </div>
          )}
        </Card>
      )}
    />
  );

  const table = (
    <Table<Signup>
      rowKey="id"
      size="small"
      loading={roster.isPending}
      dataSource={list}
      pagination={{ pageSize: 100, hideOnSinglePage: true }}
      scroll={{ x: 960 }}
      locale={{ emptyText: empty }}
      rowSelection={
        canWrite
          ? {
              selectedRowKeys: chosen,
              onChange: (keys) => setSelected(keys.map(Number)),
              getCheckboxProps: (s) => ({ disabled: !canCheckIn(s), 'aria-label': s.contactName }),
            }
          : undefined
      }
      columns={[
        { title: t('volunteers.roster.name'), render: (_: unknown, s) => name(s) },
        { title: t('volunteers.roster.phone'), render: (_: unknown, s) => phoneLink(s) },
        ...(shiftId === 'all'
          ? [{ title: t('volunteers.roster.shift'), render: (_: unknown, s: Signup) => shiftLabel(s) }]
          : []),
        { title: t('volunteers.statusLabel'), render: (_: unknown, s) => <SignupStatusTag status={s.status} /> },
        {
          title: t('volunteers.roster.checkInTime'),
          render: (_: unknown, s) =>
            s.checkedInAt ? (
              <Space direction="vertical" size={0}>
                <span>{formatDateTime(s.checkedInAt, tz)}</span>
                {s.checkedOutAt && (
                  <Typography.Text type="secondary">
                    {t('volunteers.roster.outAt', { time: clockTime(s.checkedOutAt, tz) })}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              '—'
            ),
        },
        { title: t('volunteers.roster.hours'), render: (_: unknown, s) => served(s) },
        ...(canWrite
          ? [
              {
                title: t('volunteers.actions'),
                width: 230,
                render: (_: unknown, s: Signup) => <SignupActions signup={s} onHours={setHoursFor} />,
              },
            ]
          : []),
      ]}
    />
  );

  return (
    <>
      {roster.isError && <QueryError error={roster.error} retry={() => void roster.refetch()} />}
      {toolbar}
      {shifts.length > 0 && <ShiftProgress shifts={shifts} />}
      {totals}
      {phone ? cards : table}
      <HoursModal signup={hoursFor} onClose={() => setHoursFor(null)} />
      {canWrite && (
        <AddVolunteerModal
          opportunity={opportunity}
          shiftId={shiftId === 'all' ? undefined : shiftId}
          open={adding}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
