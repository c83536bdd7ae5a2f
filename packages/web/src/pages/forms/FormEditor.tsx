import { useEffect } from 'react';
import { Card, Col, Form, Input, Row, type FormInstance } from 'antd';
import { useT } from '../../i18n';
import { FieldList } from './FieldList';
import { SettingsCard } from './SettingsCard';
import type { FormValues } from './formValues';

interface Props {
  form: FormInstance<FormValues>;
  initial: FormValues;
  /** Once opened the address is out in the world, so it stays. */
  published: boolean;
  disabled: boolean;
}

/** The form's title, address and introduction, its questions, and its settings. */
export function FormEditor({ form, initial, published, disabled }: Props) {
  const t = useT();
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={disabled}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="title" label={t('forms.name')} rules={[{ required: true, whitespace: true, max: 120 }]}>
              <Input placeholder={t('forms.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="slug"
              label={t('forms.slug')}
              extra={published ? t('forms.slugFixed') : t('forms.slugHelp')}
              rules={[{ pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('forms.slugRule') }]}
            >
              <Input disabled={published} placeholder="volunteer-2026" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('forms.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} placeholder={t('forms.descriptionPlaceholder')} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('forms.fields')} extra={t('forms.fieldsHelp')} style={{ marginBottom: 16 }}>
        <FieldList disabled={disabled} />
      </Card>
      <SettingsCard />
    </Form>
  );
}
