import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  List,
  Progress,
  Radio,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import {
  mergeFieldNames,
  type Candidate,
  type DuplicateSide,
  type DuplicateStatus,
  type Merge,
  type MergeInput,
  type Queue,
  type Scan,
} from '../api/duplicates';
import { useT, type MessageKey } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { PlaceName } from '../components/PlaceName';
import { errorMessage } from '../components/errors';

type Which = 'a' | 'b';
const isBlank = (v: unknown) => v === null || v === undefined || v === '';

// The reviewer compares these; `custom` is not in the queue's side view, so it follows the survivor.
const comparable = mergeFieldNames.filter((f) => f !== 'custom');
type Comparable = (typeof comparable)[number];

function fieldValue(side: DuplicateSide, field: Comparable, t: (k: MessageKey) => string): ReactNode {
  switch (field) {
    case 'kind':
      return side.kind === 'organization' ? t('contact.kind.organization') : t('contact.kind.person');
    case 'address':
      return (
        <>
          <PlaceName codes={[side.provinceCode, side.cityCode, side.districtCode]} /> {side.address ?? ''}
        </>
      );
    default:
      return side[field] ?? null;
  }
}
const rawValue = (side: DuplicateSide, field: Comparable) =>
  field === 'address'
    ? [side.provinceCode, side.cityCode, side.districtCode, side.address].join('|').replace(/^\|+$/, '')
    : side[field];

/** Defaults: keep the older record (it usually has the history); per field, take whichever side has a value. */
function defaults(c: Candidate): { survivor: Which; fields: Record<Comparable, Which> } {
  const survivor: Which =
    c.a.giftCount > c.b.giftCount || (c.a.giftCount === c.b.giftCount && c.a.createdAt <= c.b.createdAt) ? 'a' : 'b';
  const other: Which = survivor === 'a' ? 'b' : 'a';
  const fields = Object.fromEntries(
    comparable.map((f) => [f, isBlank(rawValue(c[survivor], f)) && !isBlank(rawValue(c[other], f)) ? other : survivor]),
  ) as Record<Comparable, Which>;
  return { survivor, fields };
}

function Compare({ candidate, onMerged }: { candidate: Candidate; onMerged: (merge: Merge) => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [choice, setChoice] = useState(() => defaults(candidate));
  useEffect(() => setChoice(defaults(candidate)), [candidate]);
  const merge = useMutation({
    mutationFn: () => {
      const survivor = candidate[choice.survivor];
      const merged = candidate[choice.survivor === 'a' ? 'b' : 'a'];
      const input: MergeInput = {
        survivorId: survivor.id,
        mergedId: merged.id,
        fields: Object.fromEntries(
          comparable.map((f) => [f, choice.fields[f] === choice.survivor ? 'survivor' : 'merged']),
        ) as MergeInput['fields'],
      };
      return api.post<Merge>(scope.path('/contacts/merge'), input);
    },
    onSuccess: (m) => {
      void queryClient.invalidateQueries({ queryKey: ['duplicates', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
      onMerged(m);
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const dismiss = useMutation({
    mutationFn: () => api.post(scope.path(`/duplicates/${candidate.id}/dismiss`)),
    onSuccess: () => {
      message.success(t('dup.dismissed'));
      void queryClient.invalidateQueries({ queryKey: ['duplicates', scope.org.slug] });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const pending = candidate.status === 'pending';
  const sideHeader = (which: Which) => {
    const s = candidate[which];
    return (
      <Space direction="vertical" size={0}>
        <Radio
          checked={choice.survivor === which}
          disabled={!pending}
          onChange={() => setChoice((c) => ({ ...c, survivor: which }))}
        >
          {t('dup.keepThis')}
        </Radio>
        <Link to={`/o/${scope.org.slug}/contacts/${s.id}`} target="_blank">
          #{s.id}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dup.sideMeta', { date: formatDate(s.createdAt, scope.org.timezone), gifts: s.giftCount })}
        </Typography.Text>
      </Space>
    );
  };
  const rows = comparable.map((field) => ({
    field,
    a: fieldValue(candidate.a, field, t),
    b: fieldValue(candidate.b, field, t),
    differs: String(rawValue(candidate.a, field) ?? '') !== String(rawValue(candidate.b, field) ?? ''),
  }));
  const cell = (which: Which) => (_v: unknown, row: (typeof rows)[number]) =>
    !row.differs ? (
      <span style={{ paddingInlineStart: 24 }}>
        {isBlank(row[which]) ? <Typography.Text type="secondary">{t('dup.empty')}</Typography.Text> : row[which]}
      </span>
    ) : (
      <Radio
        checked={choice.fields[row.field] === which}
        disabled={!pending}
        onChange={() => setChoice((c) => ({ ...c, fields: { ...c.fields, [row.field]: which } }))}
      >
        {isBlank(row[which]) ? <Typography.Text type="secondary">{t('dup.empty')}</Typography.Text> : row[which]}
      </Radio>
    );

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{t('dup.confidence')}</span>
          <Progress type="circle" size={36} percent={candidate.confidence} format={(p) => `${p}`} />
          {candidate.reasons.map((r) => (
            <Tag key={r} color={r.startsWith('different') ? 'red' : 'green'}>
              {t(`dup.reason.${r}`)}
            </Tag>
          ))}
        </Space>
      }
    >
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.differs ? 'cw-diff-row-differs' : '')}
        scroll={{ x: 560 }}
        columns={[
          { title: t('dup.field'), dataIndex: 'field', width: 110, render: (f: Comparable) => t(`dup.field.${f}`) },
          { title: sideHeader('a'), key: 'a', render: cell('a') },
          { title: sideHeader('b'), key: 'b', render: cell('b') },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('dup.mergeExplain')}
      </Typography.Paragraph>
      {pending && (
        <Space wrap>
          <Button type="primary" icon={<CheckOutlined />} loading={merge.isPending} onClick={() => merge.mutate()}>
            {t('dup.merge')}
          </Button>
          <Button loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
            {t('dup.notDuplicate')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function ScanButton() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [scanId, setScanId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<Scan>(scope.path('/duplicates/scan')),
    onSuccess: (s) => setScanId(s.id),
    onError: (error) => message.error(errorMessage(error)),
  });
  const scan = useQuery({
    queryKey: ['duplicates', scope.org.slug, 'scan', scanId],
    queryFn: () => api.get<Scan>(scope.path(`/duplicates/scans/${scanId}`)),
    enabled: scanId !== null,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 1000,
  });
  const status = scan.data?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      message.success(t('dup.scanDone', { count: scan.data?.pairsFound ?? 0 }));
      void queryClient.invalidateQueries({ queryKey: ['duplicates', scope.org.slug, 'queue'] });
      setScanId(null);
    } else if (status === 'failed') {
      message.error(t('dup.scanFailed', { error: scan.data?.error ?? '' }));
      setScanId(null);
    }
  }, [status, scan.data, message, queryClient, scope.org.slug, t]);
  return (
    <Button icon={<ReloadOutlined />} loading={start.isPending || scanId !== null} onClick={() => start.mutate()}>
      {scanId ? t('dup.scanning') : t('dup.scan')}
    </Button>
  );
}

/** Review likely duplicates side by side, choose each field, merge; undo a merge. */
export default function Duplicates() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<DuplicateStatus>('pending');
  const [page, setPage] = useState(1);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [lastMerge, setLastMerge] = useState<Merge | null>(null);
  const queue = useQuery({
    queryKey: ['duplicates', scope.org.slug, 'queue', status, page],
    queryFn: () => api.get<Queue>(scope.path('/duplicates'), { status, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const selected = items.find((c) => c.id === selectedId) ?? items[0] ?? null;
  const undo = useMutation({
    mutationFn: (mergeId: number) => api.post<Merge>(scope.path(`/merges/${mergeId}/undo`)),
    onSuccess: (m) => {
      setLastMerge(null);
      message.success(
        m.keptFields?.length ? t('dup.undoneKept', { fields: m.keptFields.join(', ') }) : t('dup.undone'),
      );
      void queryClient.invalidateQueries({ queryKey: ['duplicates', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <>
      <PageTitle title={t('nav.duplicates')} extra={scope.can('contacts:merge') && <ScanButton />} />
      {lastMerge && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setLastMerge(null)}
          style={{ marginBottom: 16 }}
          message={t('dup.merged', { moved: lastMerge.moved.gifts })}
          description={
            <Link to={`/o/${scope.org.slug}/contacts/${lastMerge.survivorId}`}>{t('dup.openSurvivor')}</Link>
          }
          action={
            <Button icon={<UndoOutlined />} loading={undo.isPending} onClick={() => undo.mutate(lastMerge.id)}>
              {t('dup.undo')}
            </Button>
          }
        />
      )}
      <Segmented<DuplicateStatus>
        value={status}
        onChange={(s) => {
          setStatus(s);
          setPage(1);
          setSelectedId(null);
        }}
        options={[
          { value: 'pending', label: t('dup.status.pending') },
          { value: 'merged', label: t('dup.status.merged') },
          { value: 'dismissed', label: t('dup.status.dismissed') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {queue.isError && <QueryError error={queue.error} retry={() => void queue.refetch()} />}
      {!queue.isPending && items.length === 0 ? (
        <Card>
          <Empty description={status === 'pending' ? t('dup.emptyPending') : t('dup.emptyOther')}>
            {status === 'pending' && scope.can('contacts:merge') && <ScanButton />}
          </Empty>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('dup.queue', { count: queue.data?.total ?? 0 })}>
              <List<Candidate>
                loading={queue.isPending}
                dataSource={items}
                pagination={
                  (queue.data?.total ?? 0) > 50
                    ? { current: page, pageSize: 50, total: queue.data?.total, onChange: setPage, size: 'small' }
                    : false
                }
                renderItem={(c) => (
                  <List.Item
                    onClick={() => setSelectedId(c.id)}
                    style={{
                      cursor: 'pointer',
                      background: selected?.id === c.id ? '#e6f4ff' : undefined,
                      paddingInline: 8,
                    }}
                    actions={
                      c.status === 'merged' && c.mergeId !== null && scope.can('contacts:merge')
                        ? [
                            <Button
                              key="undo"
                              size="small"
                              icon={<UndoOutlined />}
                              onClick={() => undo.mutate(c.mergeId!)}
                            >
                              {t('dup.undo')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={`${c.a.name} ↔ ${c.b.name}`}
                      description={[c.a.phone ?? c.a.email, c.b.phone ?? c.b.email].filter(Boolean).join(' · ')}
                    />
                    <Tag color={c.confidence >= 80 ? 'green' : c.confidence >= 50 ? 'gold' : 'default'}>
                      {c.confidence}%
                    </Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            {selected && (
              <Compare
                candidate={selected}
                onMerged={(m) => {
                  setLastMerge(m);
                  setSelectedId(null);
                }}
              />
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
