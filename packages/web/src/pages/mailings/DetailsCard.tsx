import { Card, Col, Form, Input, Row, Select } from 'antd';
import { consentPurposes } from '../../api/giving';
import { useT } from '../../i18n';
import { labelOr } from '../../i18n/translate';
import { useOrg } from '../../lib/org';
import { MergeFieldTags } from './MergeFieldTags';
import type { TemplateProblem } from './PreviewPane';

/** What staff call the mailing, what recipients see first (subject and sender), and what it is for. */
export function DetailsCard({ problem, editable }: { problem: TemplateProblem | null; editable: boolean }) {
  const t = useT();
  const scope = useOrg();
  const form = Form.useFormInstance();
  const purpose = (Form.useWatch('purpose', form) as string | undefined) ?? '';
  const known = (consentPurposes as readonly string[]).includes(purpose);
  const purposes = [...consentPurposes, ...(purpose && !known ? [purpose] : [])];
  const subjectProblem = problem?.part === 'subject' ? problem.message : undefined;
  const appendToSubject = (field: string) => {
    const subject = (form.getFieldValue('subject') as string | undefined) ?? '';
    form.setFieldValue('subject', subject ? `${subject}${field}` : field);
  };

  return (
    <Card size="small" title={t('mailings.details')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('mailings.name')}
            extra={t('mailings.nameHelp')}
            rules={[{ required: true, whitespace: true, message: t('mailings.nameRequired') }, { max: 200 }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="purpose"
            label={t('mailings.purpose')}
            extra={t('mailings.purposeHelp')}
            rules={[{ required: true }]}
          >
            <Select options={purposes.map((p) => ({ value: p, label: labelOr(t, 'consent.purpose.', p) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="subject"
        label={t('mailings.subject')}
        rules={[{ max: 500, message: t('mailings.subjectMax') }]}
        validateStatus={subjectProblem ? 'error' : undefined}
        help={subjectProblem}
        extra={<MergeFieldTags insert={editable ? appendToSubject : undefined} />}
      >
        <Input placeholder={t('mailings.subjectPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="fromName"
            label={t('mailings.fromName')}
            extra={t('mailings.fromNameHelp')}
            rules={[{ max: 100 }]}
          >
            <Input placeholder={scope.org.name} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="replyTo"
            label={t('mailings.replyTo')}
            extra={t('mailings.replyToHelp')}
            rules={[{ type: 'email', message: t('mailings.emailRule') }]}
          >
            <Input inputMode="email" placeholder="office@example.org" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
