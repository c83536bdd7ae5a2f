import { Navigate, useNavigate } from 'react-router-dom';
import { Alert, Button, Divider, Form, Input, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { useI18n } from '../i18n';
import { rememberSession } from '../lib/session';
import { AuthFrame } from '../components/AuthFrame';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { PageSpinner } from '../components/PageSpinner';

interface SetupForm {
  organization: { name: string; slug: string; uscc?: string; locale: 'zh-CN' | 'en' };
  user: { name: string; email: string; password: string };
}

/** First run: the first organization and its owner. */
export default function Setup() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<SetupForm>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.get<{ needsSetup: boolean }>('/setup') });
  const run = useMutation({
    mutationFn: (values: SetupForm) =>
      api.post<Session>('/setup', {
        ...values,
        organization: { ...values.organization, uscc: values.organization.uscc || undefined },
      }),
    onSuccess: (session) => {
      rememberSession(queryClient, session);
      queryClient.setQueryData(['setup'], { needsSetup: false });
      navigate(`/o/${session.memberships[0]?.org.slug ?? ''}`, { replace: true });
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  if (setup.isPending) return <PageSpinner />;
  if (setup.data && !setup.data.needsSetup) return <Navigate to="/sign-in" replace />;

  return (
    <AuthFrame title={t('setup.title')}>
      <Alert type="info" showIcon message={t('setup.intro')} style={{ marginBottom: 16 }} />
      {run.isError && <Alert type="error" showIcon message={errorMessage(run.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ organization: { locale } }}>
        <Divider orientation="left" plain>
          {t('setup.organization')}
        </Divider>
        <Form.Item name={['organization', 'name']} label={t('setup.orgName')} rules={[{ required: true, min: 2 }]}>
          <Input placeholder={t('setup.orgNamePlaceholder')} />
        </Form.Item>
        <Form.Item
          name={['organization', 'slug']}
          label={t('setup.slug')}
          extra={t('setup.slugHelp')}
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('setup.slugRule') }]}
        >
          <Input placeholder="my-foundation" />
        </Form.Item>
        <Form.Item name={['organization', 'uscc']} label={t('setup.uscc')} extra={t('setup.usccHelp')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name={['organization', 'locale']} label={t('setup.language')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Divider orientation="left" plain>
          {t('setup.owner')}
        </Divider>
        <Form.Item name={['user', 'name']} label={t('setup.yourName')} rules={[{ required: true }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name={['user', 'email']} label={t('auth.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name={['user', 'password']}
          label={t('auth.password')}
          extra={t('auth.passwordRule')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={run.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
