import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Descriptions, Form, Input, Result } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { InvitationPreview, Session } from '../api/types';
import { useT } from '../i18n';
import { rememberSession } from '../lib/session';
import { AuthFrame } from '../components/AuthFrame';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { PageSpinner } from '../components/PageSpinner';

interface AcceptForm {
  name: string;
  password: string;
}

/** /admin/invitation/:token — join an organization from an invitation link. */
export default function AcceptInvitation() {
  const t = useT();
  const { token = '' } = useParams();
  const [form] = Form.useForm<AcceptForm>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: (values: AcceptForm) => api.post<Session>(`/invitations/${encodeURIComponent(token)}/accept`, values),
    onSuccess: (session) => {
      rememberSession(queryClient, session);
      navigate('/', { replace: true });
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  if (preview.isPending) return <PageSpinner />;
  if (preview.isError)
    return (
      <AuthFrame title={t('invite.title')}>
        <Result
          status="warning"
          title={t('invite.invalid')}
          subTitle={`${errorMessage(preview.error)} ${t('invite.askAgain')}`}
          extra={<Button href="/admin/sign-in">{t('auth.signIn')}</Button>}
        />
      </AuthFrame>
    );
  return (
    <AuthFrame title={t('invite.title')}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('invite.org')}>{preview.data.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('auth.email')}>{preview.data.email}</Descriptions.Item>
        <Descriptions.Item label={t('members.role')}>{t(`role.${preview.data.role}`)}</Descriptions.Item>
      </Descriptions>
      {accept.isError && (
        <Alert type="error" showIcon message={errorMessage(accept.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => accept.mutate(v)}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          extra={t('invite.passwordHelp')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={accept.isPending}>
          {t('invite.accept')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
