import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Row,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Segment } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { errorMessage } from '../components/errors';
import { blankCondition, ConditionRow, conditionFields, type Condition } from './segments/ConditionRow';

type Match = 'all' | 'any';
interface Draft {
  id: number | null;
  name: string;
  description: string;
  match: Match;
  conditions: Condition[];
  /** Set when the definition is more than one flat group: edit it as JSON. */
  json: string | null;
}

const emptyDraft = (): Draft => ({
  id: null,
  name: '',
  description: '',
  match: 'all',
  conditions: [blankCondition('gifts')],
  json: null,
});

function isCondition(node: unknown): node is Condition {
  return (
    typeof node === 'object' &&
    node !== null &&
    'field' in node &&
    (conditionFields as readonly string[]).includes(String((node as { field: unknown }).field))
  );
}

function draftOf(s: Segment): Draft {
  const d = s.definition as Record<string, unknown>;
  const list = (d?.all ?? d?.any) as unknown[] | undefined;
  const flat = Array.isArray(list) && list.every(isCondition);
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    match: d && 'any' in d ? 'any' : 'all',
    conditions: flat ? (list as Condition[]) : isCondition(d) ? [d] : [],
    json: flat || isCondition(d) ? null : JSON.stringify(s.definition, null, 2),
  };
}

function definitionOf(draft: Draft): unknown {
  if (draft.json !== null) return JSON.parse(draft.json);
  return { [draft.match]: draft.conditions };
}

/** Saved segments and a builder for their filter definition, with a live count. */
export default function Segments() {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const key = ['segments', scope.org.slug];
  const segments = useQuery({ queryKey: key, queryFn: () => api.get<Segment[]>(scope.path('/segments')) });

  let definition: unknown = null;
  try {
    definition = definitionOf(draft);
  } catch {
    definition = null;
  }
  const definitionKey = JSON.stringify(definition);
  const [debouncedKey, setDebouncedKey] = useState(definitionKey);
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedKey(definitionKey), 400);
    return () => clearTimeout(timer);
  }, [definitionKey]);
  const count = useQuery({
    queryKey: ['segments', scope.org.slug, 'count', debouncedKey],
    queryFn: () =>
      api.post<{ count: number }>(scope.path('/segments/preview'), { definition: JSON.parse(debouncedKey) as unknown }),
    enabled: debouncedKey !== 'null',
    retry: false,
  });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        description: draft.description.trim() || null,
        definition: definitionOf(draft),
      };
      return draft.id
        ? api.patch<Segment>(scope.path(`/segments/${draft.id}`), body)
        : api.post<Segment>(scope.path('/segments'), body);
    },
    onSuccess: (s) => {
      message.success(t('common.saved'));
      setDraft(draftOf(s));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(scope.path(`/segments/${id}`)),
    onSuccess: () => {
      setDraft(emptyDraft());
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const canWrite = scope.can('segments:write');
  const setConditions = (conditions: Condition[]) => setDraft((d) => ({ ...d, conditions }));

  return (
    <>
      <PageTitle
        title={t('nav.segments')}
        extra={
          canWrite && (
            <Button icon={<PlusOutlined />} onClick={() => setDraft(emptyDraft())}>
              {t('seg.new')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('seg.saved')}>
            {segments.isError && <QueryError error={segments.error} retry={() => void segments.refetch()} />}
            <List<Segment>
              loading={segments.isPending}
              dataSource={segments.data ?? []}
              locale={{ emptyText: <Empty description={t('seg.none')} /> }}
              renderItem={(s) => (
                <List.Item
                  onClick={() => setDraft(draftOf(s))}
                  style={{ cursor: 'pointer', background: draft.id === s.id ? '#e6f4ff' : undefined, paddingInline: 8 }}
                >
                  <List.Item.Meta title={s.name} description={s.description} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          <Card size="small" title={draft.id ? t('seg.edit') : t('seg.new')}>
            <Form layout="vertical" disabled={!canWrite}>
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Form.Item label={t('seg.name')} required>
                    <Input
                      value={draft.name}
                      onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
                      placeholder={t('seg.namePlaceholder')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item label={t('seg.description')}>
                    <Input
                      value={draft.description}
                      onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Tabs
                activeKey={draft.json === null ? 'builder' : 'json'}
                onChange={(k) =>
                  setDraft((d) =>
                    k === 'json'
                      ? { ...d, json: JSON.stringify(definitionOf(d), null, 2) }
                      : d.json === null
                        ? d
                        : (() => {
                            try {
                              const parsed = draftOf({
                                id: d.id ?? 0,
                                name: d.name,
                                description: d.description,
                                definition: JSON.parse(d.json),
                                createdAt: '',
                                updatedAt: '',
                              });
                              return { ...d, ...parsed, id: d.id, json: parsed.json };
                            } catch {
                              setJsonError(t('seg.badJson'));
                              return d;
                            }
                          })(),
                  )
                }
                items={[
                  {
                    key: 'builder',
                    label: t('seg.builder'),
                    children: (
                      <>
                        <Space style={{ marginBottom: 12 }}>
                          <span>{t('seg.matchPrefix')}</span>
                          <Radio.Group
                            value={draft.match}
                            onChange={(e) => setDraft((d) => ({ ...d, match: e.target.value as Match }))}
                            options={[
                              { value: 'all', label: t('seg.matchAll') },
                              { value: 'any', label: t('seg.matchAny') },
                            ]}
                            optionType="button"
                          />
                          <span>{t('seg.matchSuffix')}</span>
                        </Space>
                        {draft.conditions.map((c, i) => (
                          <ConditionRow
                            key={i}
                            value={c}
                            onChange={(next) => setConditions(draft.conditions.map((x, j) => (j === i ? next : x)))}
                            onRemove={() => setConditions(draft.conditions.filter((_x, j) => j !== i))}
                          />
                        ))}
                        <div>
                          <Button
                            icon={<PlusOutlined />}
                            onClick={() => setConditions([...draft.conditions, blankCondition('tag')])}
                          >
                            {t('seg.addCondition')}
                          </Button>
                        </div>
                      </>
                    ),
                  },
                  {
                    key: 'json',
                    label: t('seg.json'),
                    children: (
                      <>
                        <Typography.Paragraph type="secondary">{t('seg.jsonHelp')}</Typography.Paragraph>
                        <Input.TextArea
                          rows={12}
                          className="cw-secret"
                          value={draft.json ?? ''}
                          onChange={(e) => {
                            setJsonError(null);
                            setDraft((d) => ({ ...d, json: e.target.value }));
                          }}
                        />
                        {(jsonError || definition === null) && (
                          <Alert type="error" message={jsonError ?? t('seg.badJson')} style={{ marginTop: 8 }} />
                        )}
                      </>
                    ),
                  },
                ]}
              />
            </Form>
            <div style={{ marginTop: 16 }}>
              {count.isError ? (
                <Alert type="warning" showIcon message={errorMessage(count.error)} />
              ) : (
                <Typography.Text strong data-testid="segment-count">
                  {count.data ? t('seg.matches', { count: count.data.count.toLocaleString() }) : t('common.loading')}
                </Typography.Text>
              )}
            </div>
            <Space style={{ marginTop: 16 }} wrap>
              {canWrite && (
                <Button
                  type="primary"
                  disabled={!draft.name.trim() || definition === null}
                  loading={save.isPending}
                  onClick={() => save.mutate()}
                >
                  {t('common.save')}
                </Button>
              )}
              {draft.id && (
                <Button onClick={() => navigate(`/o/${scope.org.slug}/contacts?segment=${draft.id}`)}>
                  {t('seg.viewContacts')}
                </Button>
              )}
              {draft.id && canWrite && (
                <Popconfirm title={t('seg.deleteConfirm')} onConfirm={() => remove.mutate(draft.id!)}>
                  <Button danger>{t('common.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}
