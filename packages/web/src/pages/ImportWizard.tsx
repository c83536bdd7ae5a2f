import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Progress, Radio, Result, Row, Select, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { InboxOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../api/client';
import type { CustomField } from '../api/contacts';
import { standardFields, type DryRunReport, type DuplicatePolicy, type ImportJob, type Mapping, type SavedMapping } from '../api/imports';
import { useT, type MessageKey } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { errorMessage } from '../components/errors';

const IGNORE = '';
const finished = (s: ImportJob['status']) => s === 'completed' || s === 'failed';

function stepOf(job: ImportJob | undefined, reviewed: boolean): number {
  if (!job) return 0;
  if (job.status === 'completed' || job.status === 'failed') return 4;
  if (job.status !== 'uploaded') return 3;
  return reviewed && job.dryRunReport ? 2 : 1;
}

/** upload → mapping and duplicate policy → dry run → run with progress → result. */
export default function ImportWizard() {
  const t = useT();
  const scope = useOrg();
  const [params, setParams] = useSearchParams();
  const importId = Number(params.get('id')) || null;
  const [reviewed, setReviewed] = useState(false);
  const job = useQuery({
    queryKey: ['import', scope.org.slug, importId],
    queryFn: () => api.get<ImportJob>(scope.path(`/imports/${importId}`)),
    enabled: importId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'uploaded' && !finished(q.state.data.status) ? 1000 : false),
  });
  const step = stepOf(job.data, reviewed);
  const restart = () => {
    setReviewed(false);
    setParams(new URLSearchParams());
  };
  return (
    <>
      <PageTitle title={t('import.title')} extra={importId && <Button onClick={restart}>{t('import.startOver')}</Button>} />
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
        {step === 1 && job.data && <MappingStep job={job.data} onDryRun={() => setReviewed(true)} />}
        {step === 2 && job.data && <PreviewStep job={job.data} onBack={() => setReviewed(false)} />}
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
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ImportJob>(scope.path('/imports'), form);
    },
    onSuccess: (job) => onUploaded(job.id),
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
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{upload.isPending ? t('import.uploading') : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
    </>
  );
}

const fieldLabelKey = (field: string): MessageKey | null =>
  (standardFields as readonly string[]).includes(field) ? (`import.field.${field}` as MessageKey) : null;

function MappingStep({ job, onDryRun }: { job: ImportJob; onDryRun: () => void }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const initial: Mapping = job.mapping ?? job.suggestedMapping ?? { columns: [], policy: 'skip', amountUnit: 'yuan', currency: 'CNY', defaultChannel: 'import', consentPurpose: 'communications' };
  const [byHeader, setByHeader] = useState<Record<string, string>>(() => Object.fromEntries(job.headers.map((h) => [h, initial.columns.find((c) => c.header === h)?.field ?? IGNORE])));
  const [options, setOptions] = useState({ policy: initial.policy, amountUnit: initial.amountUnit, consentPurpose: initial.consentPurpose });
  const [saveName, setSaveName] = useState('');
  const custom = useQuery({ queryKey: ['custom-fields', scope.org.slug], queryFn: () => api.get<CustomField[]>(scope.path('/custom-fields')) });
  const saved = useQuery({ queryKey: ['import-mappings', scope.org.slug], queryFn: () => api.get<SavedMapping[]>(scope.path('/import-mappings')), retry: false });
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
      await api.put(scope.path(`/imports/${job.id}/mapping`), mapping);
      return api.post<DryRunReport>(scope.path(`/imports/${job.id}/dry-run`));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['import', scope.org.slug, job.id] });
      onDryRun();
    },
    onError: (error) => message.error(errorMessage(error)),
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
    setByHeader(Object.fromEntries(job.headers.map((h) => [h, m.columns.find((c) => c.header === h)?.field ?? IGNORE])));
    setOptions({ policy: m.policy, amountUnit: m.amountUnit, consentPurpose: m.consentPurpose });
  };
  const fieldOptions = useMemo(
    () => [
      { value: IGNORE, label: t('import.ignore') },
      ...standardFields.map((f) => ({ value: f, label: t(fieldLabelKey(f)!) })),
      ...(custom.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: `${t('import.customField')}: ${f.label}` })),
    ],
    [custom.data, t],
  );
  const preview = job.preview ?? [];

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('import.file')}>{job.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('import.encoding')}>{job.encoding.toUpperCase()}</Descriptions.Item>
        <Descriptions.Item label={t('import.rows')}>{job.estimatedRows ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>{t('import.mappingIntro')}</Typography.Paragraph>
      {saved.data && saved.data.length > 0 && (
        <Space style={{ marginBottom: 12 }}>
          <span>{t('import.useSaved')}</span>
          <Select<number> style={{ width: 220 }} placeholder={t('import.pickSaved')} onChange={applySaved} options={saved.data.map((s) => ({ value: s.id, label: s.name }))} />
        </Space>
      )}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={job.headers.map((header, i) => ({ header, samples: preview.map((row) => row[i] ?? '').filter(Boolean).slice(0, 3) }))}
        columns={[
          { title: t('import.column'), dataIndex: 'header', width: 180, render: (h: string) => <strong>{h}</strong> },
          { title: t('import.samples'), dataIndex: 'samples', render: (s: string[]) => <Typography.Text type="secondary">{s.join(' · ') || '—'}</Typography.Text> },
          {
            title: t('import.field'),
            key: 'field',
            width: 240,
            render: (_v, row) => (
              <Select
                style={{ width: '100%' }}
                showSearch
                optionFilterProp="label"
                value={byHeader[row.header] ?? IGNORE}
                status={clash.includes(byHeader[row.header] ?? '') ? 'error' : undefined}
                onChange={(field: string) => setByHeader((m) => ({ ...m, [row.header]: field }))}
                options={fieldOptions}
                aria-label={row.header}
              />
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
                options={(['skip', 'update', 'create'] as const).map((p) => ({ value: p, label: t(`import.policy.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('import.amountUnit')}>
              <Radio.Group value={options.amountUnit} onChange={(e) => setOptions((o) => ({ ...o, amountUnit: e.target.value as 'yuan' | 'fen' }))} options={[{ value: 'yuan', label: t('import.yuan') }, { value: 'fen', label: t('import.fen') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('import.consentPurpose')}>
              <Input value={options.consentPurpose} onChange={(e) => setOptions((o) => ({ ...o, consentPurpose: e.target.value }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {!hasName && <Alert type="warning" showIcon message={t('import.needName')} style={{ marginBottom: 12 }} />}
      {clash.length > 0 && <Alert type="error" showIcon message={t('import.clash', { fields: clash.join(', ') })} style={{ marginBottom: 12 }} />}
      <Space wrap>
        <Button type="primary" disabled={!hasName || clash.length > 0} loading={dryRun.isPending} onClick={() => dryRun.mutate()}>
          {t('import.dryRun')}
        </Button>
        <Space.Compact>
          <Input placeholder={t('import.saveAs')} value={saveName} onChange={(e) => setSaveName(e.target.value)} style={{ width: 200 }} />
          <Button icon={<SaveOutlined />} disabled={!saveName.trim() || saved.isError} loading={save.isPending} onClick={() => save.mutate()}>
            {t('import.saveMapping')}
          </Button>
        </Space.Compact>
      </Space>
    </>
  );
}

function PreviewStep({ job, onBack }: { job: ImportJob; onBack: () => void }) {
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
  return (
    <>
      <Typography.Paragraph>{t('import.previewIntro')}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}><Statistic title={t('import.stat.total')} value={report.totalRows} /></Col>
        <Col xs={12} md={4}><Statistic title={t('import.stat.create')} value={report.willCreate} valueStyle={{ color: '#1f7a5c' }} /></Col>
        <Col xs={12} md={4}><Statistic title={t('import.stat.update')} value={report.willUpdate} /></Col>
        <Col xs={12} md={4}><Statistic title={t('import.stat.skip')} value={report.willSkip} /></Col>
        <Col xs={12} md={4}><Statistic title={t('import.stat.rejected')} value={report.rejectedRows} valueStyle={report.rejectedRows ? { color: '#cf1322' } : undefined} /></Col>
        {report.gifts !== undefined && <Col xs={12} md={4}><Statistic title={t('import.stat.gifts')} value={report.gifts} /></Col>}
      </Row>
      {report.problems.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.problems')}</Typography.Title>
          <Table
            rowKey={(p) => `${p.line}-${p.field ?? ''}-${p.message}`}
            size="small"
            dataSource={report.problems}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('import.line'), dataIndex: 'line', width: 80 },
              { title: t('import.field'), dataIndex: 'field', width: 160, render: (f: string | null | undefined) => (f ? (fieldLabelKey(f) ? t(fieldLabelKey(f)!) : f) : '—') },
              { title: t('import.problem'), dataIndex: 'message' },
            ]}
            style={{ marginBottom: 16 }}
          />
        </>
      )}
      <Space>
        <Button onClick={onBack}>{t('import.backToMapping')}</Button>
        <Button type="primary" disabled={report.validRows === 0} loading={start.isPending} onClick={() => start.mutate()}>
          {t('import.run', { count: report.validRows })}
        </Button>
      </Space>
    </>
  );
}

function RunStep({ job }: { job: ImportJob }) {
  const t = useT();
  const total = job.totalRows ?? job.estimatedRows ?? 0;
  const percent = total > 0 ? Math.min(99, Math.floor((job.processedRows / total) * 100)) : 0;
  return (
    <div style={{ maxWidth: 560, margin: '24px auto', textAlign: 'center' }}>
      <Progress percent={job.status === 'applying' ? 99 : percent} status="active" />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t(`import.status.${job.status}`)} · {t('import.processed', { done: job.processedRows, total: total || '…' })}
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
  }, [queryClient, scope.org.slug]);
  if (job.status === 'failed')
    return <Result status="error" title={t('import.failed')} subTitle={job.error ?? ''} extra={<Button onClick={onAnother}>{t('import.tryAgain')}</Button>} />;
  const r = job.report;
  return (
    <Result
      status="success"
      title={t('import.done')}
      subTitle={r ? t('import.doneSummary', { created: r.created, updated: r.updated, skipped: r.skipped, rejected: r.rejected }) : undefined}
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" onClick={() => navigate(`/o/${scope.org.slug}/contacts`)}>{t('import.viewContacts')}</Button>
          {r && r.rejected > 0 && (
            <Button icon={<DownloadOutlined />} href={apiUrl(scope.path(`/imports/${job.id}/rejections.csv`))} download>
              {t('import.downloadRejected', { count: r.rejected })}
            </Button>
          )}
          <Button onClick={onAnother}>{t('import.another')}</Button>
          <Link to={`/o/${scope.org.slug}/duplicates`}>{t('import.checkDuplicates')}</Link>
        </Space>
      }
    />
  );
}

