import { Card, Col, ColorPicker, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Color } from 'antd/es/color-picker';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { TagWithCount } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';

/** What happens after someone submits, when collecting stops, how the page looks, and the tags new contacts get. */
export function SettingsCard() {
  const t = useT();
  const scope = useOrg();
  const tags = useQuery({
    queryKey: ['tags', scope.org.slug],
    queryFn: () => api.get<TagWithCount[]>(scope.path('/tags')),
  });
  return (
    <Card size="small" title={t('forms.settings')} style={{ marginBottom: 16 }}>
      <Form.Item name={['settings', 'thankYou']} label={t('forms.thankYou')} extra={t('forms.thankYouHelp')}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('forms.thankYouPlaceholder')} />
      </Form.Item>
      <Form.Item
        name={['settings', 'redirectUrl']}
        label={t('forms.redirectUrl')}
        extra={t('forms.redirectUrlHelp')}
        rules={[{ type: 'url', message: t('forms.redirectUrlRule') }]}
      >
        <Input inputMode="url" placeholder="https://" maxLength={500} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['settings', 'closesAt']} label={t('forms.closesAt')} extra={t('forms.closesAtHelp')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={['settings', 'responseLimit']}
            label={t('forms.responseLimit')}
            extra={t('forms.responseLimitHelp')}
          >
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={['settings', 'themeColor']}
            label={t('forms.themeColor')}
            getValueFromEvent={(color: Color) => color.toHexString()}
          >
            <ColorPicker showText disabledAlpha format="hex" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['settings', 'tags']} label={t('forms.tags')} extra={t('forms.tagsHelp')}>
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          options={(tags.data ?? []).map((tag) => ({ value: tag.name, label: tag.name }))}
        />
      </Form.Item>
      <Form.Item
        name={['settings', 'captcha']}
        label={t('forms.captcha')}
        extra={t('forms.captchaHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name={['settings', 'notifyEmails']}
        label={t('forms.notifyEmails')}
        extra={t('forms.notifyEmailsHelp')}
        rules={[
          { type: 'array', max: 10, message: t('forms.notifyEmailsMax') },
          { type: 'array', defaultField: { type: 'email', message: t('forms.notifyEmailsRule') } },
        ]}
      >
        <Select mode="tags" tokenSeparators={[',', '，', ' ', ';']} open={false} suffixIcon={null} />
      </Form.Item>
    </Card>
  );
}
