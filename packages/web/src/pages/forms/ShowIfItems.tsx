import { Col, Form, Input, Select } from 'antd';
import type { FieldDef } from '../../api/forms';
import { useT } from '../../i18n';

/** The answer that shows a question: an earlier choice's option, a ticked box ('true', as the server compares), or text. */
function ShowIfValue({ name, earlier }: { name: number; earlier: FieldDef[] }) {
  const t = useT();
  const key = Form.useWatch(['fields', name, 'showIf', 'key']) as string | undefined;
  const source = earlier.find((f) => f.key === key);
  if (!key) return null;
  return (
    <Form.Item
      name={[name, 'showIf', 'equals']}
      label={t('forms.field.showIfEquals')}
      rules={[{ required: true, message: t('forms.field.showIfEqualsRequired') }]}
    >
      {source?.type === 'consent' ? (
        <Select
          options={[
            { value: 'true', label: t('forms.field.ticked') },
            { value: 'false', label: t('forms.field.notTicked') },
          ]}
        />
      ) : source?.options?.length ? (
        <Select options={source.options.map((o) => ({ value: o, label: o }))} />
      ) : (
        <Input />
      )}
    </Form.Item>
  );
}

/** 显示条件: the earlier question, and the answer to it that shows this one. */
export function ShowIfItems({ name, earlier }: { name: number; earlier: FieldDef[] }) {
  const t = useT();
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'showIf', 'key']} label={t('forms.field.showIf')} tooltip={t('forms.field.showIfHelp')}>
          <Select
            allowClear
            placeholder={t('forms.field.always')}
            disabled={earlier.length === 0}
            options={earlier.map((f) => ({ value: f.key, label: f.label || f.key }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <ShowIfValue name={name} earlier={earlier} />
      </Col>
    </>
  );
}
