import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { useT } from '../i18n';
import { rememberSession, useSession } from '../lib/session';
import { AuthFrame } from '../components/AuthFrame';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { PageSpinner } from '../components/PageSpinner';

interface SignInForm {
  email: string;
  password: string;
}

/** Only same-console paths are followed after sign-in, never another site. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function SignIn() {
  const t = useT();
  const [form] = Form.useForm<SignInForm>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.get<{ needsSetup: boolean }>('/setup') });
  const signIn = useMutation({
    mutationFn: (values: SignInForm) => api.post<Session>('/session', values),
    onSuccess: (data) => {
      rememberSession(queryClient, data);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  if (setup.isPending || session.isPending) return <PageSpinner />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <AuthFrame title={t('auth.signInTitle')}>
      {signIn.isError && (
        <Alert type="error" showIcon message={errorMessage(signIn.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => signIn.mutate(v)} requiredMark={false}>
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[{ required: true, type: 'email', message: t('auth.emailRequired') }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
