import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { InboxOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, ApiError } from '../api/client';
import type { CustomField } from '../api/contacts';
import { duplicatePolicies } from '../api/enums';
import {
  standardFields,
  type DuplicatePolicy,
  type ImportJob,
  type ImportReport,
  type ImportWithPreview,
  type Mapping,
  type PreviewRow,
  type SavedMapping,
} from '../api/imports';
import { useT, type MessageKey } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { errorMessage } from '../components/errors';
import { PlaceName } from '../components/PlaceName';
import { formatMoney } from '../lib/money';

const IGNORE = '';
const finished = (s: ImportJob['status']) => s === 'completed' || s === 'failed';

function stepOf(job: ImportJob | undefined, reviewed: boolean): number {
  if (!job) return 0;
  if (job.status === 'completed' || job.status === 'failed') return 4;
  if (job.status !== 'uploaded' && job.status !== 'checking') return 3;
  return reviewed && job.dryRunReport ? 2 : 1;
}

/** upload → mapping and duplicate policy → dry run → run with progress → result. */
export default function ImportWizard() {
  const t = useT();
  const scope = useOrg();
  const [params, setParams] = useSearchParams();
  const importId = Number(params.get('id')) || null;
  const [reviewed, setReviewed] = useState(false);
  const [normalized, setNormalized] = useState<PreviewRow[]>([]);
  const job = useQuery({
    queryKey: ['import', scope.org.slug, importId],
    queryFn: () => api.get<ImportJob>(scope.path(`/imports/${importId}`)),
    enabled: importId !== null,
    refetchInterval: (q) =>
      q.state.data && q.state.data.status !== 'uploaded' && !finished(q.state.data.status) ? 700 : false,
  });
  const step = stepOf(job.data, reviewed);
  const restart = () => {
    setReviewed(false);
    setParams(new URLSearchParams());
  };
  return (
    <>
      <PageTitle
        title={t('import.title')}
        extra={importId && <Button onClick={restart}>{t('import.startOver')}</Button>}
      />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          responsive
          items={[
            { title: t('import.step.upload') },
            { title: t('import.step.mapping') },
            { title: t('import.step.preview') },
            { title: t('import.step.run') },
            { title: t('import.step.result') },
          ]}
        />
        {job.isError && <QueryError error={job.error} retry={() => void job.refetch()} />}
        {step === 0 && <UploadStep onUploaded={(id) => setParams({ id: String(id) })} />}
        {step === 1 && job.data && (
          <MappingStep
            job={job.data}
            onDryRun={(rows) => {
              setNormalized(rows);
              setReviewed(true);
            }}
          />
        )}
        {step === 2 && job.data && <PreviewStep job={job.data} rows={normalized} onBack={() => setReviewed(false)} />}
        {step === 3 && job.data && <RunStep job={job.data} />}
        {step === 4 && job.data && <ResultStep job={job.data} onAnother={restart} />}
      </Card>
    </>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (id: number) => void }) {
  const t = useT();
  const scope = useOrg();
  const [error, setError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ImportWithPreview>(scope.path('/imports'), form);
    },
    onSuccess: (result) => {
      queryClient.setQueryData(['import', scope.org.slug, result.import.id], result.import);
      queryClient.setQueryData(['import', scope.org.slug, result.import.id, 'preview'], result);
      onUploaded(result.import.id);
    },
    onError: setError,
  });
  return (
    <>
      <Typography.Paragraph>{t('import.uploadIntro')}</Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          setError(null);
          upload.mutate(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? t('import.uploading') : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
    </>
  );
}

const fieldLabelKey = (field: string): MessageKey | null =>
  (standardFields as readonly string[]).includes(field) ? (`import.field.${field}` as MessageKey) : null;

const defaultMapping: Mapping = {
  columns: [],
  policy: 'skip',
  amountUnit: 'yuan',
  currency: 'CNY',
  defaultChannel: 'import',
  consentPurpose: 'communications',
};

/** Server problems such as `body.columns.2.field` belong to the header of that mapping column. */
function problemsByHeader(error: unknown, mapping: Mapping): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of error.fields) {
    const at = /columns\.(\d+)/.exec(f.path);
    const header = at ? mapping.columns[Number(at[1])]?.header : undefined;
    if (header) out[header] = f.message;
  }
  return out;
}

function MappingStep({ job, onDryRun }: { job: ImportJob; onDryRun: (rows: PreviewRow[]) => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const initial: Mapping = job.mapping ?? defaultMapping;
  const [byHeader, setByHeader] = useState<Record<string, string>>(() =>
    Object.fromEntries(job.headers.map((h) => [h, initial.columns.find((c) => c.header === h)?.field ?? IGNORE])),
  );
  const [options, setOptions] = useState({
    policy: initial.policy,
    amountUnit: initial.amountUnit,
    consentPurpose: initial.consentPurpose,
  });
  const [saveName, setSaveName] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const preview = useQuery({
    queryKey: ['import', scope.org.slug, job.id, 'preview'],
    queryFn: () => api.get<ImportWithPreview>(scope.path(`/imports/${job.id}/preview`), { limit: 20 }),
    staleTime: Infinity,
  });
  const custom = useQuery({
    queryKey: ['custom-fields', scope.org.slug],
    queryFn: () => api.get<CustomField[]>(scope.path('/custom-fields')),
  });
  const saved = useQuery({
    queryKey: ['import-mappings', scope.org.slug],
    queryFn: () => api.get<SavedMapping[]>(scope.path('/import-mappings')),
  });
  const mapping: Mapping = {
    ...initial,
    ...options,
    columns: job.headers.filter((h) => byHeader[h]).map((h) => ({ header: h, field: byHeader[h]! })),
  };
  const used = new Map<string, number>();
  for (const c of mapping.columns) used.set(c.field, (used.get(c.field) ?? 0) + 1);
  const clash = [...used.entries()].filter(([, n]) => n > 1).map(([f]) => f);
  const hasName = used.has('name');

  const dryRun = useMutation({
    mutationFn: async () => {
      setProblems({});
      const result = await api.put<ImportWithPreview>(scope.path(`/imports/${job.id}/mapping`), mapping);
      const report = await api.post<ImportReport>(scope.path(`/imports/${job.id}/dry-run`));
      return { result, report };
    },
    onSuccess: ({ result, report }) => {
      queryClient.setQueryData(['import', scope.org.slug, job.id], {
        ...result.import,
        dryRunReport: report,
        status: 'uploaded',
      });
      onDryRun(result.preview);
    },
    onError: (error) => {
      setProblems(problemsByHeader(error, mapping));
      message.error(errorMessage(error));
    },
  });
  const save = useMutation({
    mutationFn: () => api.post<SavedMapping>(scope.path('/import-mappings'), { name: saveName.trim(), mapping }),
    onSuccess: () => {
      message.success(t('import.mappingSaved'));
      setSaveName('');
      void queryClient.invalidateQueries({ queryKey: ['import-mappings', scope.org.slug] });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const applySaved = (id: number) => {
    const m = saved.data?.find((s) => s.id === id)?.mapping;
    if (!m) return;
    setByHeader(
      Object.fromEntries(job.headers.map((h) => [h, m.columns.find((c) => c.header === h)?.field ?? IGNORE])),
    );
    setOptions({ policy: m.policy, amountUnit: m.amountUnit, consentPurpose: m.consentPurpose });
  };
  const fieldOptions = useMemo(
    () => [
      { value: IGNORE, label: t('import.ignore') },
      ...standardFields.map((f) => ({ value: f, label: t(fieldLabelKey(f)!) })),
      ...(custom.data ?? []).map((f) => ({
        value: `custom.${f.key}`,
        label: `${t('import.customField')}: ${f.label}`,
      })),
    ],
    [custom.data, t],
  );
  const rows = preview.data?.preview ?? [];

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('import.file')}>{job.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('import.format')}>{job.format.toUpperCase()}</Descriptions.Item>
        <Descriptions.Item label={t('import.encoding')}>{job.encoding.toUpperCase()}</Descriptions.Item>
      </Descriptions>
      {job.platform && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('import.platformDetected', { platform: job.platform.label })}
          description={t('import.platformHelp')}
        />
      )}
      <Typography.Paragraph>{t('import.mappingIntro')}</Typography.Paragraph>
      {saved.data && saved.data.length > 0 && (
        <Space style={{ marginBottom: 12 }} wrap>
          <span>{t('import.useSaved')}</span>
          <Select<number>
            style={{ width: 220 }}
            placeholder={t('import.pickSaved')}
            onChange={applySaved}
            options={saved.data.map((m) => ({ value: m.id, label: m.name }))}
          />
        </Space>
      )}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        loading={preview.isPending}
        dataSource={job.headers.map((header, i) => ({
          header,
          samples: rows
            .map((row) => row.cells[i] ?? '')
            .filter(Boolean)
            .slice(0, 3),
        }))}
        columns={[
          { title: t('import.column'), dataIndex: 'header', width: 180, render: (h: string) => <strong>{h}</strong> },
          {
            title: t('import.samples'),
            dataIndex: 'samples',
            render: (v: string[]) => <Typography.Text type="secondary">{v.join(' · ') || '—'}</Typography.Text>,
          },
          {
            title: t('import.field'),
            key: 'field',
            width: 260,
            render: (_v, row) => (
              <>
                <Select
                  style={{ width: '100%' }}
                  showSearch
                  optionFilterProp="label"
                  value={byHeader[row.header] ?? IGNORE}
                  status={clash.includes(byHeader[row.header] ?? '') || problems[row.header] ? 'error' : undefined}
                  onChange={(field: string) => setByHeader((m) => ({ ...m, [row.header]: field }))}
                  options={fieldOptions}
                  aria-label={row.header}
                  data-testid={`map-${row.header}`}
                />
                {problems[row.header] && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {problems[row.header]}
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('import.policy')} extra={t(`import.policy.${options.policy}.help`)}>
              <Radio.Group
                value={options.policy}
                onChange={(e) => setOptions((o) => ({ ...o, policy: e.target.value as DuplicatePolicy }))}
                options={duplicatePolicies.map((p) => ({
                  value: p,
                  label: t(`import.policy.${p}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('import.amountUnit')}>
              <Radio.Group
                value={options.amountUnit}
                onChange={(e) => setOptions((o) => ({ ...o, amountUnit: e.target.value as 'yuan' | 'fen' }))}
                options={[
                  { value: 'yuan', label: t('import.yuan') },
                  { value: 'fen', label: t('import.fen') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('import.consentPurpose')}>
              <Input
                value={options.consentPurpose}
                onChange={(e) => setOptions((o) => ({ ...o, consentPurpose: e.target.value }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {!hasName && <Alert type="warning" showIcon message={t('import.needName')} style={{ marginBottom: 12 }} />}
      {clash.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('import.clash', { fields: clash.join(', ') })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap>
        <Button
          type="primary"
          disabled={!hasName || clash.length > 0}
          loading={dryRun.isPending}
          onClick={() => dryRun.mutate()}
        >
          {t('import.dryRun')}
        </Button>
        <Space.Compact>
          <Input
            placeholder={t('import.saveAs')}
            value={saveName}
            onChange={(e) => setSaveName(e.target.value)}
            style={{ width: 200 }}
          />
          <Button
            icon={<SaveOutlined />}
            disabled={!saveName.trim()}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('import.saveMapping')}
          </Button>
        </Space.Compact>
      </Space>
    </>
  );
}

function ReportNumbers({ report }: { report: ImportReport }) {
  // The dry run forecasts ("will create"); the finished import reports ("created").
  const done = !report.dryRun;
  const t = useT();
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} md={4}>
        <Statistic title={t('import.stat.total')} value={report.rows.total} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t(done ? 'import.stat.created' : 'import.stat.create')}
          value={report.contacts.created}
          valueStyle={{ color: '#1f7a5c' }}
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t(done ? 'import.stat.updated' : 'import.stat.update')} value={report.contacts.updated} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t(done ? 'import.stat.skipped' : 'import.stat.skip')} value={report.contacts.skipped} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t('import.stat.rejected')}
          value={report.rows.rejected}
          valueStyle={report.rows.rejected ? { color: '#cf1322' } : undefined}
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('import.stat.gifts')} value={report.gifts.created} />
      </Col>
    </Row>
  );
}

function Rejections({ report, csvUrl }: { report: ImportReport; csvUrl: string }) {
  const t = useT();
  if (report.rows.rejected === 0) return null;
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.problems')}
        </Typography.Title>
        <Button size="small" icon={<DownloadOutlined />} href={csvUrl} download>
          {t('import.downloadRejected', { count: report.rows.rejected })}
        </Button>
      </Space>
      <Table
        rowKey={(r) => `${r.line}-${r.reason}`}
        size="small"
        dataSource={report.sampleRejections}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: t('import.line'),
            dataIndex: 'line',
            width: 100,
            render: (l: number, r) => (r.endLine && r.endLine !== l ? `${l}–${r.endLine}` : l),
          },
          { title: t('import.problem'), dataIndex: 'reason' },
        ]}
        style={{ marginBottom: 16 }}
      />
    </>
  );
}

function PreviewStep({ job, rows, onBack }: { job: ImportJob; rows: PreviewRow[]; onBack: () => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = job.dryRunReport!;
  const start = useMutation({
    mutationFn: () => api.post<ImportJob>(scope.path(`/imports/${job.id}/start`)),
    onSuccess: (next) => queryClient.setQueryData(['import', scope.org.slug, job.id], next),
    onError: (error) => message.error(errorMessage(error)),
  });
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));
  return (
    <>
      <Typography.Paragraph>{t('import.previewIntro')}</Typography.Paragraph>
      <ReportNumbers report={report} />
      <Rejections
        report={report}
        csvUrl={apiUrl(scope.path(`/imports/${job.id}/rejections.csv`), { dryRun: 'true' })}
      />
      {rows.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.firstRows')}</Typography.Title>
          <Table
            rowKey="line"
            size="small"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={rows}
            style={{ marginBottom: 16 }}
            columns={[
              { title: t('import.line'), dataIndex: 'line', width: 70 },
              {
                title: t('import.field.name'),
                key: 'name',
                render: (_v: unknown, r: PreviewRow) => text(r.values?.name),
              },
              {
                title: t('import.field.phone'),
                key: 'phone',
                render: (_v: unknown, r: PreviewRow) => text(r.values?.phone),
              },
              {
                title: t('import.field.email'),
                key: 'email',
                render: (_v: unknown, r: PreviewRow) => text(r.values?.email),
              },
              {
                title: t('contact.place'),
                key: 'place',
                render: (_v: unknown, r: PreviewRow) => (
                  <PlaceName
                    codes={[r.values?.provinceCode, r.values?.cityCode, r.values?.districtCode].map((c) =>
                      typeof c === 'string' ? c : null,
                    )}
                  />
                ),
              },
              {
                title: t('import.field.giftAmount'),
                key: 'gift',
                render: (_v: unknown, r: PreviewRow) =>
                  typeof r.values?.giftAmount === 'number'
                    ? formatMoney(r.values.giftAmount, job.mapping?.currency)
                    : '—',
              },
              {
                title: t('import.problem'),
                key: 'problems',
                render: (_v: unknown, r: PreviewRow) =>
                  r.error ??
                  r.problems.map((p) => (
                    <div key={p.field + p.message}>
                      <Typography.Text
                        type={p.severity === 'error' ? 'danger' : 'warning'}
                      >{`${p.header}: ${p.message}`}</Typography.Text>
                    </div>
                  )),
              },
            ]}
          />
        </>
      )}
      <Space>
        <Button onClick={onBack}>{t('import.backToMapping')}</Button>
        <Button
          type="primary"
          disabled={report.rows.staged === 0}
          loading={start.isPending}
          onClick={() => start.mutate()}
        >
          {t('import.run', { count: report.rows.staged })}
        </Button>
      </Space>
    </>
  );
}

function RunStep({ job }: { job: ImportJob }) {
  const t = useT();
  const { processedRows, totalRows, percent } = job.progress;
  return (
    <div style={{ maxWidth: 560, margin: '24px auto', textAlign: 'center' }}>
      <Progress percent={Math.min(99, Math.floor(percent))} status="active" />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t(`import.status.${job.status}`)} · {t('import.processed', { done: processedRows, total: totalRows ?? '…' })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('import.canLeave')}</Typography.Paragraph>
    </div>
  );
}

function ResultStep({ job, onAnother }: { job: ImportJob; onAnother: () => void }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
    void queryClient.invalidateQueries({ queryKey: ['tags', scope.org.slug] });
    void queryClient.invalidateQueries({ queryKey: ['reports', scope.org.slug] });
  }, [queryClient, scope.org.slug]);
  if (job.status === 'failed')
    return (
      <Result
        status="error"
        title={t('import.failed')}
        subTitle={job.error ?? ''}
        extra={<Button onClick={onAnother}>{t('import.tryAgain')}</Button>}
      />
    );
  const r = job.report;
  return (
    <>
      <Result
        status="success"
        title={t('import.done')}
        subTitle={
          r
            ? t('import.doneSummary', {
                created: r.contacts.created,
                updated: r.contacts.updated,
                skipped: r.contacts.skipped,
                rejected: r.rows.rejected,
              })
            : undefined
        }
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button type="primary" onClick={() => navigate(`/o/${scope.org.slug}/contacts`)}>
              {t('import.viewContacts')}
            </Button>
            <Button onClick={onAnother}>{t('import.another')}</Button>
            <Link to={`/o/${scope.org.slug}/duplicates`}>{t('import.checkDuplicates')}</Link>
          </Space>
        }
      />
      {r && <ReportNumbers report={r} />}
      {r && <Rejections report={r} csvUrl={apiUrl(scope.path(`/imports/${job.id}/rejections.csv`))} />}
    </>
  );
}
