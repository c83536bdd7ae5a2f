import { useEffect } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { Campaign, FundraisingPlan } from '../../api/fundraising';
import { useProjects } from '../../api/projects';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';
import { RichTextEditor } from '../../components/RichTextEditor';
import { errorMessage } from '../../components/errors';

/** The form's shape: money as yuan text, dates as dayjs. */
export interface CampaignFormValues {
  title: string;
  slug: string;
  projectId?: number;
  summary?: string;
  story?: string;
  coverKey?: string | null;
  goalYuan?: string;
  presets: { yuan: string }[];
  minYuan: string;
  maxYuan: string;
  allowMonthly: boolean;
  period?: [Dayjs | null, Dayjs | null];
  plan: Partial<FundraisingPlan>;
}

/** What the server requires before a campaign goes to review or goes public. */
const requiredPlanFields: (keyof FundraisingPlan)[] = [
  'filingNumber',
  'purpose',
  'personInCharge',
  'beneficiaries',
  'useOfFunds',
];

const planFields: (keyof FundraisingPlan)[] = [
  'filingNumber',
  'purpose',
  'region',
  'personInCharge',
  'beneficiaries',
  'useOfFunds',
  'leftoverPlan',
];

/** A saved campaign as form values; a live campaign's edits waiting for review are shown, not the old words. */
export function formValuesOf(c: Campaign): CampaignFormValues {
  const copy = c.pending?.copy ?? c.copy;
  return {
    title: copy.title,
    slug: c.slug,
    projectId: c.projectId,
    summary: copy.summary,
    story: copy.story,
    coverKey: copy.coverKey,
    goalYuan: c.goal ? fenToYuan(c.goal, false) : undefined,
    presets: c.presetAmounts.map((fen) => ({ yuan: fenToYuan(fen, false) })),
    minYuan: fenToYuan(c.minAmount, false),
    maxYuan: fenToYuan(c.maxAmount, false),
    allowMonthly: c.allowMonthly,
    period:
      c.startsAt || c.endsAt ? [c.startsAt ? dayjs(c.startsAt) : null, c.endsAt ? dayjs(c.endsAt) : null] : undefined,
    plan: c.pending?.plan ?? c.plan,
  };
}

export const newCampaignValues: CampaignFormValues = {
  title: '',
  slug: '',
  presets: ['20', '50', '100', '500'].map((yuan) => ({ yuan })),
  minYuan: '1',
  maxYuan: '50000',
  allowMonthly: true,
  plan: {},
};

/** Form values as the API's body (minor units, ISO dates). */
export function campaignBody(v: CampaignFormValues) {
  const [start, end] = v.period ?? [null, null];
  return {
    slug: v.slug || undefined,
    projectId: v.projectId,
    copy: { title: v.title, summary: v.summary ?? '', story: v.story ?? '', coverKey: v.coverKey ?? null },
    plan: Object.fromEntries(planFields.map((f) => [f, v.plan?.[f] || null])),
    goal: v.goalYuan ? yuanToFen(v.goalYuan) : null,
    presetAmounts: v.presets.map((p) => yuanToFen(p.yuan)),
    minAmount: yuanToFen(v.minYuan),
    maxAmount: yuanToFen(v.maxYuan),
    allowMonthly: v.allowMonthly,
    startsAt: start ? start.startOf('day').toISOString() : null,
    endsAt: end ? end.endOf('day').toISOString() : null,
  };
}

/** Uploads an image for a public page; answers its /media/… URL and key. */
export function useImageUpload() {
  const scope = useOrg();
  return async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ key: string; url: string }>(scope.path('/media'), form);
  };
}

function CoverField({ value, onChange }: { value?: string | null; onChange?: (key: string | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useImageUpload();
  return (
    <Space direction="vertical">
      {value && <img src={`/${value}`} alt="" style={{ maxWidth: 320, width: '100%', borderRadius: 6 }} />}
      <Space>
        <Upload
          accept="image/jpeg,image/png,image/webp,image/gif"
          showUploadList={false}
          customRequest={({ file }) => {
            upload(file as File)
              .then((r) => onChange?.(r.key))
              .catch((error) => message.error(errorMessage(error)));
          }}
        >
          <Button icon={<UploadOutlined />}>{value ? t('campaigns.coverReplace') : t('campaigns.coverUpload')}</Button>
        </Upload>
        {value && <Button onClick={() => onChange?.(null)}>{t('common.remove')}</Button>}
      </Space>
    </Space>
  );
}

/** Everything a campaign says and asks for: the story, the amounts, the dates and the filed plan. */
export function CampaignForm({
  form,
  initial,
  published,
  disabled,
  onFinish,
}: {
  form: ReturnType<typeof Form.useForm<CampaignFormValues>>[0];
  initial: CampaignFormValues;
  published: boolean;
  disabled: boolean;
  onFinish: (values: CampaignFormValues) => void;
}) {
  const t = useT();
  const projects = useProjects();
  const upload = useImageUpload();
  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={disabled}>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="title" label={t('campaigns.name')} rules={[{ required: true, max: 120 }]}>
            <Input placeholder={t('campaigns.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="slug"
            label={t('campaigns.slug')}
            extra={t('campaigns.slugHelp')}
            rules={[{ pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('campaigns.slugRule') }]}
          >
            <Input disabled={published} placeholder="spring-2026" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="projectId"
        label={t('campaigns.project')}
        extra={t('campaigns.projectHelp')}
        rules={[{ required: true }]}
      >
        <Select
          disabled={published}
          loading={projects.isPending}
          options={(projects.data ?? [])
            .filter((p) => p.status === 'active')
            .map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item name="summary" label={t('campaigns.summary')} rules={[{ max: 300 }]}>
        <Input.TextArea rows={2} showCount maxLength={300} placeholder={t('campaigns.summaryPlaceholder')} />
      </Form.Item>
      <Form.Item name="coverKey" label={t('campaigns.cover')} extra={t('campaigns.coverHelp')}>
        <CoverField />
      </Form.Item>
      <Form.Item name="story" label={t('campaigns.story')} extra={t('campaigns.storyHelp')}>
        <RichTextEditor uploadImage={async (file) => (await upload(file)).url} />
      </Form.Item>

      <Card size="small" title={t('campaigns.giving')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="goalYuan" label={t('campaigns.goalYuan')} rules={[amountRule(t)]}>
              <Input inputMode="decimal" placeholder="100000" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="minYuan" label={t('campaigns.minYuan')} rules={[{ required: true }, amountRule(t)]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="maxYuan" label={t('campaigns.maxYuan')} rules={[{ required: true }, amountRule(t)]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('campaigns.presets')} extra={t('campaigns.presetsHelp')} required>
          <Form.List name="presets">
            {(fields, { add, remove }) => (
              <Space wrap>
                {fields.map((field) => (
                  <Space key={field.key} size={2}>
                    <Form.Item name={[field.name, 'yuan']} noStyle rules={[{ required: true }, amountRule(t)]}>
                      <Input inputMode="decimal" style={{ width: 100 }} prefix="¥" />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ yuan: '' })}>
                    {t('campaigns.addPreset')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} extra={t('campaigns.periodHelp')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%', maxWidth: 420 }} />
        </Form.Item>
      </Card>

      <Card size="small" title={t('campaigns.plan')} extra={t('campaigns.planHelp')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {planFields.map((field) => (
            <Col
              xs={24}
              md={field === 'filingNumber' || field === 'region' || field === 'personInCharge' ? 8 : 12}
              key={field}
            >
              {/* Marked, not enforced: a draft may be saved incomplete; the server refuses to publish it. */}
              <Form.Item
                name={['plan', field]}
                label={t(`campaigns.plan.${field}`)}
                required={requiredPlanFields.includes(field)}
              >
                {field === 'filingNumber' || field === 'region' || field === 'personInCharge' ? (
                  <Input />
                ) : (
                  <Input.TextArea rows={2} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
    </Form>
  );
}
