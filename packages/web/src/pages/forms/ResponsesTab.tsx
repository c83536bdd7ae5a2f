import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, apiUrl } from '../../api/client';
import {
  useFormResponses,
  type Answer,
  type FieldDef,
  type FormDef,
  type FormResponse,
  type ResponseStatus,
} from '../../api/forms';
import { useT, type Translate } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';
import { PlaceName } from '../../components/PlaceName';

/** The province, city and district codes a region answer (its deepest code) stands for. */
const regionCodes = (code: string) =>
  code.endsWith('0000')
    ? [code]
    : code.endsWith('00')
      ? [`${code.slice(0, 2)}0000`, code]
      : [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];

const statusColors: Record<ResponseStatus, string> = { synced: 'green', duplicate: 'orange', ignored: 'default' };

function answerText(t: Translate, field: FieldDef, answer: Answer | undefined): string {
  if (answer === undefined || answer === null || answer === '') return '';
  if (Array.isArray(answer)) return answer.join('、');
  if (typeof answer === 'object') return answer.name;
  if (typeof answer === 'boolean' || field.type === 'consent')
    return answer === true || answer === 'on' ? t('forms.answer.yes') : t('forms.answer.no');
  return String(answer);
}

/**
 * Questions the responses answered that the form no longer has (deleted, or their key changed): their
 * answers are kept, and shown under their key rather than hidden.
 */
function removedQuestions(form: FormDef, list: FormResponse[] | undefined): FieldDef[] {
  const current = new Set(form.fields.map((f) => f.key));
  const keys = new Set((list ?? []).flatMap((r) => Object.keys(r.answers)).filter((k) => !current.has(k)));
  return [...keys].map((key) => ({ key, type: 'text', label: key }));
}

/** What people sent: each answer by question, the contact it went to, and a choice for the likely duplicates. */
export function ResponsesTab({ form }: { form: FormDef }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const responses = useFormResponses(form.id);
  const key = ['form-responses', scope.org.slug, form.id];
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'sync' | 'ignore' }) =>
      api.post<FormResponse>(scope.path(`/forms/${form.id}/responses/${id}/${action}`)),
    onSuccess: (saved) => {
      queryClient.setQueryData<FormResponse[]>(key, (list) => list?.map((r) => (r.id === saved.id ? saved : r)));
      message.success(t(`forms.response.${saved.status}Done`));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const canWrite = scope.can('forms:write');
  // The export is a download of personal details, so the server asks for the contacts export permission.
  const canExport = scope.can('contacts:export');
  const contactLink = (id: number, name: string | null) => (
    <Link to={`/o/${scope.org.slug}/contacts/${id}`}>{name ?? `#${id}`}</Link>
  );
  const list = responses.data ?? [];
  const duplicates = list.filter((r) => r.status === 'duplicate').length;

  return (
    <>
      {responses.isError && <QueryError error={responses.error} retry={() => void responses.refetch()} />}
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('forms.responsesHelp')}</Typography.Text>
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            href={apiUrl(scope.path(`/forms/${form.id}/responses.csv`))}
            download={`${form.slug}.csv`}
          >
            {t('forms.exportCsv')}
          </Button>
        )}
      </Space>
      {duplicates > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('forms.duplicatesWaiting', { count: duplicates })}
          description={t('forms.duplicatesHelp')}
        />
      )}
      <Table<FormResponse>
        rowKey="id"
        size="small"
        loading={responses.isPending}
        dataSource={list}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: form.status === 'draft' ? t('forms.noResponsesDraft') : t('forms.noResponses') }}
        columns={[
          {
            title: t('forms.submittedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v, scope.org.timezone),
          },
          ...[...form.fields, ...removedQuestions(form, list)].map((field) => ({
            key: field.key,
            title: form.fields.includes(field) ? field.label : `${field.key} ${t('forms.response.removedQuestion')}`,
            render: (_: unknown, r: FormResponse) => {
              const answer = r.answers[field.key];
              if (answer && typeof answer === 'object' && !Array.isArray(answer))
                return (
                  <a href={apiUrl(scope.path(`/forms/${form.id}/responses/${r.id}/files/${field.key}`))} download>
                    {answer.name}
                  </a>
                );
              if (field.type === 'province' && typeof answer === 'string') return <PlaceName codes={[answer]} />;
              if (field.type === 'region' && typeof answer === 'string')
                return (
                  <Typography.Text title={answer}>
                    <PlaceName codes={regionCodes(answer)} />
                  </Typography.Text>
                );
              // A long answer stays one line, whole in its tooltip, so the row's buttons stay in reach.
              const text = answerText(t, field, answer);
              return (
                <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240 }}>
                  {text}
                </Typography.Text>
              );
            },
          })),
          {
            title: t('forms.response.status'),
            dataIndex: 'status',
            render: (s: ResponseStatus) => <Tag color={statusColors[s]}>{t(`forms.response.${s}`)}</Tag>,
          },
          {
            title: t('forms.response.contact'),
            render: (_: unknown, r: FormResponse) => {
              if (r.contactId) return contactLink(r.contactId, r.contactName);
              if (r.status !== 'duplicate') return '—';
              return (
                <Space direction="vertical" size={4}>
                  <Typography.Text type="secondary">
                    {t('forms.response.seemsToBe')}{' '}
                    {r.matchedContactId ? contactLink(r.matchedContactId, r.matchedContactName) : r.matchedContactName}
                  </Typography.Text>
                  {canWrite && (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="primary"
                        loading={decide.isPending && decide.variables.id === r.id}
                        onClick={() => decide.mutate({ id: r.id, action: 'sync' })}
                      >
                        {t('forms.response.sync')}
                      </Button>
                      <Button size="small" onClick={() => decide.mutate({ id: r.id, action: 'ignore' })}>
                        {t('forms.response.ignore')}
                      </Button>
                    </Space>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </>
  );
}
