import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Dropdown, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../api/client';
import type { Category, TagWithCount } from '../api/contacts';
import type { ContactFilters, ContactListItem, ContactListPage, Segment } from '../api/lists';
import { useI18n } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { DivisionCascader } from '../components/DivisionCascader';
import { NewContactModal } from '../components/NewContactModal';
import { TotalGiven } from '../components/TotalGiven';

const PAGE_SIZE = 200;
const ROW_HEIGHT = 47;

/** Debounces a value, so typing in the search box sends one request per pause. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The height left for the table body in the window, so one screen holds the list. */
function useBodyHeight(offset: number): number {
  const [height, setHeight] = useState(() => Math.max(320, window.innerHeight - offset));
  useEffect(() => {
    const onResize = () => setHeight(Math.max(320, window.innerHeight - offset));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [offset]);
  return height;
}

export default function Contacts() {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(params.get('new') === '1');
  const q = useDebounced(search.trim(), 300);
  const filters: ContactFilters = {
    q: q || undefined,
    tag: params.getAll('tag').map(Number).filter(Number.isFinite),
    province: params.get('province') ?? undefined,
    category: params.get('category') ?? undefined,
    segment: Number(params.get('segment')) || undefined,
  };
  // A saved segment lists through its own route; the other filters narrow it further.
  const listPath = filters.segment ? scope.path(`/segments/${filters.segment}`) : scope.path('/contacts');
  const query = { q: filters.q, tag: filters.tag?.map(String), province: filters.province, category: filters.category };
  const setFilter = (key: string, value: string | string[] | undefined) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setFilter('q', q || undefined);
  }, [q]);

  const tags = useQuery({
    queryKey: ['tags', scope.org.slug],
    queryFn: () => api.get<TagWithCount[]>(scope.path('/tags')),
  });
  const categories = useQuery({
    queryKey: ['categories', scope.org.slug],
    queryFn: () => api.get<Category[]>(scope.path('/categories')),
  });
  const list = useInfiniteQuery({
    queryKey: ['contacts', scope.org.slug, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<ContactListPage>(
        filters.segment ? `${listPath}/contacts` : listPath,
        { ...query, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const count = useQuery({
    queryKey: ['contacts', scope.org.slug, 'count', filters],
    queryFn: ({ signal }) => api.get<{ count: number }>(`${listPath}/count`, query, signal),
    placeholderData: keepPreviousData,
  });
  const segment = useQuery({
    queryKey: ['segments', scope.org.slug, filters.segment],
    queryFn: () => api.get<Segment>(scope.path(`/segments/${filters.segment}`)),
    enabled: filters.segment !== undefined,
  });
  const total = count.data?.count ?? null;
  const bodyHeight = useBodyHeight(300);

  // Keep loading while the loaded rows do not fill the visible body.
  const fetching = useRef(false);
  fetching.current = list.isFetchingNextPage;
  const maybeLoadMore = (el: { scrollTop: number; scrollHeight: number; clientHeight: number }) => {
    if (list.hasNextPage && !fetching.current && el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 40) {
      fetching.current = true;
      void list.fetchNextPage();
    }
  };
  useEffect(() => {
    if (list.hasNextPage && !list.isFetching && rows.length * ROW_HEIGHT < bodyHeight) void list.fetchNextPage();
  }, [list, rows.length, bodyHeight]);

  const columns: ColumnsType<ContactListItem> = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      width: 200,
      fixed: 'left',
      ellipsis: true,
      render: (name: string, row) => <Link to={`/o/${scope.org.slug}/contacts/${row.id}`}>{name}</Link>,
    },
    { title: t('contact.phone'), dataIndex: 'phone', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('auth.email'), dataIndex: 'email', width: 220, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('contact.place'), dataIndex: 'placeLabel', width: 200, ellipsis: true, render: (v: string) => v || '—' },
    { title: t('contact.category'), dataIndex: 'category', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('contact.tags'),
      dataIndex: 'tags',
      width: 220,
      render: (tags: ContactListItem['tags']) => (
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {tags.map((tag) => (
            <Tag key={tag.id} color={tag.color ?? undefined}>
              {tag.name}
            </Tag>
          ))}
        </div>
      ),
    },
    {
      title: t('contact.totalGiven'),
      dataIndex: 'totalGiven',
      width: 140,
      align: 'right',
      render: (v: ContactListItem['totalGiven']) => <TotalGiven totals={v} />,
    },
    {
      title: t('contact.lastGift'),
      dataIndex: 'lastGiftAt',
      width: 120,
      render: (v: string | null) => formatDate(v, scope.org.timezone),
    },
  ];

  const filtered = Boolean(filters.q || filters.tag?.length || filters.province || filters.category || filters.segment);
  const empty = filtered ? (
    <Empty description={t('contacts.noMatch')}>
      <Button
        onClick={() => {
          setSearch('');
          setParams(new URLSearchParams(), { replace: true });
        }}
      >
        {t('contacts.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty description={t('contacts.empty')}>
      <Space>
        {scope.can('contacts:import') && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate(`/o/${scope.org.slug}/imports`)}>
            {t('contacts.importSheet')}
          </Button>
        )}
        {scope.can('contacts:write') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('contact.new')}
          </Button>
        )}
      </Space>
    </Empty>
  );

  return (
    <>
      <PageTitle
        title={t('nav.contacts')}
        extra={
          <>
            {scope.can('contacts:export') && (
              <Dropdown
                menu={{
                  items: (['csv', 'xlsx'] as const).map((format) => ({
                    key: format,
                    label: (
                      <a
                        href={apiUrl(`${listPath}/export`, { ...query, format, lang: locale === 'en' ? 'en' : 'zh' })}
                        download
                      >
                        {t('contacts.exportAs', { format: format.toUpperCase() })}
                      </a>
                    ),
                  })),
                }}
              >
                <Button icon={<DownloadOutlined />}>{t('contacts.export')}</Button>
              </Dropdown>
            )}
            {scope.can('contacts:import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate(`/o/${scope.org.slug}/imports`)}>
                {t('nav.import')}
              </Button>
            )}
            {scope.can('contacts:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('contact.new')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setSearch(v)}
            placeholder={t('contacts.searchPlaceholder')}
            style={{ width: 320 }}
            aria-label={t('contacts.search')}
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('contacts.filterTag')}
            style={{ minWidth: 180 }}
            value={filters.tag}
            loading={tags.isPending}
            onChange={(v: number[]) => setFilter('tag', v.map(String))}
            options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: `${tag.name} (${tag.contactCount})` }))}
            optionFilterProp="label"
          />
          <DivisionCascader
            depth={1}
            value={filters.province ? [filters.province] : []}
            onChange={(codes) => setFilter('province', codes[0])}
            placeholder={t('contacts.filterProvince')}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('contacts.filterCategory')}
            style={{ minWidth: 140 }}
            value={filters.category}
            onChange={(v?: string) => setFilter('category', v)}
            options={(categories.data ?? []).map((c) => ({
              value: c.category,
              label: `${c.category} (${c.contactCount})`,
            }))}
          />
          {filters.segment && (
            <Tag closable color="blue" onClose={() => setFilter('segment', undefined)}>
              {t('contacts.segment', { name: segment.data?.name ?? `#${filters.segment}` })}
            </Tag>
          )}
          <Typography.Text type="secondary" data-testid="contacts-total">
            {total === null
              ? list.isPending
                ? ''
                : t('contacts.loaded', { count: rows.length })
              : t('contacts.total', { count: total.toLocaleString() })}
          </Typography.Text>
        </Space>
        {list.isError && <QueryError error={list.error} retry={() => void list.refetch()} />}
        <Table<ContactListItem>
          virtual
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          scroll={{ x: 1330, y: bodyHeight }}
          onScroll={(e) => maybeLoadMore(e.currentTarget)}
          locale={{ emptyText: list.isPending ? ' ' : empty }}
          onRow={(row) => ({ onDoubleClick: () => navigate(`/o/${scope.org.slug}/contacts/${row.id}`) })}
          footer={list.isFetchingNextPage ? () => t('common.loadingMore') : undefined}
        />
      </Card>
      <NewContactModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
