import { useEffect } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { Category, Contact, ContactFields, CustomField } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { DivisionCascader } from '../../components/DivisionCascader';
import { applyFieldErrors, errorMessage } from '../../components/errors';

interface ProfileValues extends Omit<ContactFields, 'custom' | 'provinceCode' | 'cityCode' | 'districtCode'> {
  place?: string[];
  custom?: Record<string, unknown>;
}

// Dates in custom fields travel as YYYY-MM-DD; the form holds dayjs values.
const toForm = (contact: Contact, fields: CustomField[]): ProfileValues => ({
  kind: contact.kind,
  name: contact.name,
  gender: contact.gender,
  phone: contact.phone,
  email: contact.email,
  wechatId: contact.wechatId,
  address: contact.address,
  postalCode: contact.postalCode,
  category: contact.category,
  source: contact.source,
  place: [contact.provinceCode, contact.cityCode, contact.districtCode].filter((c): c is string => Boolean(c)),
  custom: Object.fromEntries(
    fields.map((f) => {
      const v = contact.custom[f.key];
      return [f.key, f.type === 'date' && typeof v === 'string' ? dayjs(v) : v];
    }),
  ),
});

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

function fromForm(values: ProfileValues, fields: CustomField[]): ContactFields {
  const { place = [], custom = {}, ...rest } = values;
  const cleaned = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, blankToNull(v ?? null)]),
  ) as ContactFields;
  return {
    ...cleaned,
    provinceCode: place[0] ?? null,
    cityCode: place[1] ?? null,
    districtCode: place[2] ?? null,
    custom: Object.fromEntries(
      fields.map((f) => {
        const v = custom[f.key];
        if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return [f.key, null];
        return [f.key, dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : v];
      }),
    ),
  };
}

// Form.Item hands its child `value`, `onChange` and `id`; they must reach the control, or the
// control shows nothing stored and saves nothing typed.
function CustomInput({ field, ...control }: { field: CustomField; [prop: string]: unknown }) {
  switch (field.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} {...control} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...control} />;
    case 'select':
      return <Select allowClear options={field.options.map((o) => ({ value: o, label: o }))} {...control} />;
    case 'multiselect':
      return (
        <Select mode="multiple" allowClear options={field.options.map((o) => ({ value: o, label: o }))} {...control} />
      );
    default:
      return <Input {...control} />;
  }
}

/** The editable profile: identity, contact details, place (cascader), category and custom fields. */
export function ProfileForm({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const [form] = Form.useForm<ProfileValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const fields = useQuery({
    queryKey: ['custom-fields', scope.org.slug],
    queryFn: () => api.get<CustomField[]>(scope.path('/custom-fields')),
  });
  const categories = useQuery({
    queryKey: ['categories', scope.org.slug],
    queryFn: () => api.get<Category[]>(scope.path('/categories')),
  });
  const customFields = fields.data ?? [];
  const editable = scope.can('contacts:write') && !contact.erasedAt;

  useEffect(() => {
    form.setFieldsValue(toForm(contact, customFields) as Parameters<typeof form.setFieldsValue>[0]);
  }, [contact, customFields, form]);

  const save = useMutation({
    mutationFn: (values: ProfileValues) =>
      api.patch<Contact>(scope.path(`/contacts/${contact.id}`), fromForm(values, customFields)),
    onSuccess: (updated) => {
      queryClient.setQueryData(['contact', scope.org.slug, contact.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['contacts', scope.org.slug] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
      message.success(t('common.saved'));
    },
    onError: (error) => {
      // The cascader holds three server fields; their problems show under it.
      if (error instanceof ApiError) {
        for (const f of error.fields)
          f.path = f.path.replace(/^body\.(provinceCode|cityCode|districtCode)$/, 'body.place');
      }
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });

  return (
    <Form form={form} layout="vertical" disabled={!editable} onFinish={(v) => save.mutate(v)}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('common.name')}
            rules={[{ required: true, message: t('contact.nameRequired') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('contact.kind')}>
            <Radio.Group
              options={[
                { value: 'person', label: t('contact.kind.person') },
                { value: 'organization', label: t('contact.kind.organization') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="phone" label={t('contact.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="email" label={t('auth.email')}>
            <Input inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="wechatId" label={t('contact.wechat')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="gender" label={t('contact.gender')}>
            <Select
              allowClear
              options={[
                { value: '男', label: t('contact.gender.male') },
                { value: '女', label: t('contact.gender.female') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={t('contact.category')}>
            <Select
              allowClear
              showSearch
              options={(categories.data ?? []).map((c) => ({ value: c.category, label: c.category }))}
              // A new category is typed in; the search text becomes the value.
              onSearch={(text) => text && form.setFieldValue('category', text)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="source" label={t('contact.source')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="place" label={t('contact.place')}>
            <DivisionCascader style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="postalCode" label={t('contact.postalCode')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('contact.address')}>
            <Input />
          </Form.Item>
        </Col>
        {customFields.map((f) => (
          <Col xs={24} md={8} key={f.key}>
            <Form.Item
              name={['custom', f.key]}
              label={f.label}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            >
              {f.type === 'boolean' ? <Switch /> : <CustomInput field={f} />}
            </Form.Item>
          </Col>
        ))}
        {scope.can('org:manage') && fields.isSuccess && (
          <Col span={24} style={{ marginBottom: 16 }}>
            <Link to={`/o/${scope.org.slug}/custom-fields`}>
              {customFields.length === 0 ? t('fields.addFromProfile') : t('fields.manageFromProfile')}
            </Link>
          </Col>
        )}
      </Row>
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
