import { AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { contactTargets, regionLevels, type FieldDef } from '../../api/forms';
import { consentChannels, consentPurposes } from '../../api/giving';
import { useT } from '../../i18n';
import { fitsTarget, takesSamePlace, withBounds, withOptions } from './formValues';
import { ShowIfItems } from './ShowIfItems';

interface Props {
  /** Its place in the list, as Form.List numbers it. */
  name: number;
  count: number;
  move(from: number, to: number): void;
  remove(index: number): void;
}

const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;

/** One question: what it asks, how it is answered, when it shows and which contact field it fills in. */
export function FieldCard({ name, count, move, remove }: Props) {
  const t = useT();
  const form = Form.useFormInstance();
  // useWatch answers undefined until its effect runs: the store's value stands in for that first render.
  const all = ((Form.useWatch('fields') ?? form.getFieldValue('fields')) as FieldDef[] | undefined) ?? [];
  const field = all[name];
  if (!field) return null;
  const earlier = all.slice(0, name).filter((f) => f.key);
  const isConsent = field.type === 'consent';
  const isNumber = field.type === 'number';

  return (
    <Card
      size="small"
      className="cw-form-field"
      style={{ marginBottom: 12 }}
      title={`${name + 1}. ${t(`forms.type.${field.type}`)}`}
      extra={
        <Space size={4}>
          <Tooltip title={t('forms.field.up')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              aria-label={t('forms.field.up')}
              disabled={name === 0}
              onClick={() => move(name, name - 1)}
            />
          </Tooltip>
          <Tooltip title={t('forms.field.down')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={t('forms.field.down')}
              disabled={name === count - 1}
              onClick={() => move(name, name + 1)}
            />
          </Tooltip>
          <Tooltip title={t('forms.field.delete')}>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('forms.field.delete')}
              onClick={() => remove(name)}
            />
          </Tooltip>
        </Space>
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item
            name={[name, 'label']}
            label={t('forms.field.label')}
            rules={[{ required: true, whitespace: true, message: t('forms.field.labelRequired') }]}
          >
            <Input
              maxLength={200}
              placeholder={t(isConsent ? 'forms.field.consentPlaceholder' : 'forms.field.labelPlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'required']} label={t('forms.field.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={[name, 'help']} label={t('forms.field.help')}>
            <Input maxLength={500} placeholder={t('forms.field.helpPlaceholder')} />
          </Form.Item>
        </Col>
        {withOptions(field.type) && (
          <Col span={24}>
            <Form.Item
              name={[name, 'options']}
              label={t('forms.field.options')}
              extra={t('forms.field.optionsHelp')}
              rules={[{ required: true, type: 'array', min: 1, message: t('forms.field.optionsRequired') }]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        )}
        {withBounds(field.type) && (
          <>
            <Col xs={12} md={6}>
              <Form.Item name={[name, 'min']} label={t(isNumber ? 'forms.field.min' : 'forms.field.minLength')}>
                <InputNumber style={{ width: '100%' }} min={isNumber ? undefined : 0} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={[name, 'max']} label={t(isNumber ? 'forms.field.max' : 'forms.field.maxLength')}>
                <InputNumber style={{ width: '100%' }} min={isNumber ? undefined : 1} />
              </Form.Item>
            </Col>
          </>
        )}
        {isConsent && (
          <>
            <Col xs={24} md={12}>
              <Form.Item
                name={[name, 'consent', 'channel']}
                label={t('forms.field.consentChannel')}
                extra={t('forms.field.consentHelp')}
                rules={[{ required: true }]}
              >
                <Select options={consentChannels.map((c) => ({ value: c, label: t(`consent.channel.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={[name, 'consent', 'purpose']}
                label={t('forms.field.consentPurpose')}
                extra={t('forms.field.consentPurposeHelp')}
                rules={[{ required: true, whitespace: true }]}
              >
                <AutoComplete
                  options={consentPurposes.map((p) => ({ value: p, label: `${t(`consent.purpose.${p}`)} (${p})` }))}
                  maxLength={50}
                />
              </Form.Item>
            </Col>
          </>
        )}
        {field.type === 'file' && (
          <Col xs={24} sm={12} md={8}>
            <Form.Item name={[name, 'accept']} label={t('forms.field.accept')} extra={t('forms.field.acceptHelp')}>
              <Select
                placeholder={t('forms.accept.image')}
                allowClear
                options={(['image', 'document'] as const).map((kind) => ({
                  value: kind,
                  label: t(`forms.accept.${kind}`),
                }))}
              />
            </Form.Item>
          </Col>
        )}
        {field.type === 'region' && (
          <Col xs={24} sm={12} md={8}>
            <Form.Item name={[name, 'level']} label={t('forms.field.level')} extra={t('forms.field.levelHelp')}>
              <Select options={regionLevels.map((level) => ({ value: level, label: t(`forms.level.${level}`) }))} />
            </Form.Item>
          </Col>
        )}
        {!isConsent && field.type !== 'file' && (
          <Col xs={24} sm={12} md={8}>
            <Form.Item name={[name, 'mapTo']} label={t('forms.field.mapTo')} extra={t('forms.field.mapToHelp')}>
              <Select
                allowClear
                placeholder={t('forms.mapTo.none')}
                options={contactTargets
                  .filter((target) => fitsTarget(field.type, target))
                  .map((target) => ({
                    value: target,
                    label: t(`forms.mapTo.${target}`),
                    disabled: all.some((f, i) => i !== name && takesSamePlace(f.mapTo, target)),
                  }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} sm={6} md={4}>
          <Form.Item name={[name, 'page']} label={t('forms.field.page')} tooltip={t('forms.field.pageHelp')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={6}>
          <Form.Item
            name={[name, 'key']}
            label={t('forms.field.key')}
            tooltip={t('forms.field.keyHelp')}
            rules={[
              { required: true, message: t('forms.field.keyRule') },
              { pattern: keyPattern, message: t('forms.field.keyRule') },
              {
                validator: (_rule, value: string) =>
                  all.some((f, i) => i !== name && f.key === value)
                    ? Promise.reject(new Error(t('forms.field.keyTaken')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input maxLength={40} className="cw-secret" />
          </Form.Item>
        </Col>
        <ShowIfItems name={name} earlier={earlier} />
      </Row>
    </Card>
  );
}
