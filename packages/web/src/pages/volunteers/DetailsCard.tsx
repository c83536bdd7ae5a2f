import { useEffect } from 'react';
import {
  Alert,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { Link } from 'react-router-dom';
import { useFormDef, useForms } from '../../api/forms';
import { useSmsTemplates } from '../../api/sms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { DivisionCascader } from '../../components/DivisionCascader';
import type { OpportunityValues } from './opportunityValues';

/** The sign-up form must say who signed up: a question filling in the name, and one the phone or email. */
function FormCheck({ formId }: { formId: number | null | undefined }) {
  const t = useT();
  const scope = useOrg();
  const chosen = useFormDef(formId ?? undefined);
  if (!chosen.data) return null;
  const targets = new Set(chosen.data.fields.map((f) => f.mapTo));
  const missing = [
    !targets.has('name') && t('volunteers.form.missingName'),
    !targets.has('phone') && !targets.has('email') && t('volunteers.form.missingContact'),
  ].filter(Boolean);
  if (missing.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('volunteers.form.incomplete', { missing: missing.join(t('timeline.listSeparator')) })}
      description={
        <Link to={`/o/${scope.org.slug}/forms/${chosen.data.id}`}>
          {t('volunteers.form.editIt', { title: chosen.data.title })}
        </Link>
      }
    />
  );
}

/** What the opportunity is, where, what it asks of people, how they sign up, and the reminders. */
export function DetailsCard({
  form,
  initial,
  disabled,
}: {
  form: FormInstance<OpportunityValues>;
  initial: OpportunityValues;
  disabled: boolean;
}) {
  const t = useT();
  const scope = useOrg();
  const forms = useForms();
  const templates = useSmsTemplates();
  const formId = Form.useWatch('formId', form);
  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={disabled}>
      <Card size="small" title={t('volunteers.section.about')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="title"
          label={t('volunteers.name')}
          rules={[{ required: true, whitespace: true, message: t('volunteers.nameRequired') }]}
        >
          <Input maxLength={120} placeholder={t('volunteers.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('volunteers.description')}>
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('volunteers.descriptionPlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={t('volunteers.location')} extra={t('volunteers.locationHelp')}>
              <Input maxLength={200} placeholder={t('volunteers.locationPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('volunteers.division')} extra={t('volunteers.divisionHelp')}>
              <DivisionCascader style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="skills" label={t('volunteers.skills')} extra={t('volunteers.skillsHelp')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
      </Card>

      <Card size="small" title={t('volunteers.section.signup')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="formId"
          label={t('volunteers.form')}
          extra={
            <Space direction="vertical" size={0}>
              <span>{t('volunteers.formHelp')}</span>
              {scope.can('forms:write') && (
                <Link to={`/o/${scope.org.slug}/forms/new`} target="_blank">
                  {t('volunteers.formCreate')}
                </Link>
              )}
            </Space>
          }
        >
          <Select
            allowClear
            loading={forms.isPending}
            placeholder={t('volunteers.formPlaceholder')}
            options={(forms.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
            notFoundContent={t('volunteers.formNone')}
          />
        </Form.Item>
        <FormCheck formId={formId} />
        <Form.Item
          name="waitlist"
          label={t('volunteers.waitlist')}
          valuePropName="checked"
          extra={t('volunteers.waitlistHelp')}
        >
          <Switch />
        </Form.Item>
      </Card>

      <Card size="small" title={t('volunteers.section.reminders')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('volunteers.remindersHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['reminders', 'hoursBefore']}
              label={t('volunteers.reminders.hoursBefore')}
              rules={[{ required: true, message: t('volunteers.reminders.hoursBeforeRequired') }]}
            >
              <InputNumber
                min={1}
                max={168}
                precision={0}
                addonAfter={t('volunteers.reminders.hours')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={['reminders', 'email']} label={t('volunteers.reminders.email')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name={['reminders', 'smsTemplateId']}
              label={t('volunteers.reminders.sms')}
              extra={
                scope.can('sms:write') ? (
                  <Link to={`/o/${scope.org.slug}/sms?tab=templates`} target="_blank">
                    {t('volunteers.reminders.smsTemplates')}
                  </Link>
                ) : undefined
              }
            >
              <Select
                allowClear
                loading={templates.isPending}
                placeholder={t('volunteers.reminders.noSms')}
                options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </Form>
  );
}
