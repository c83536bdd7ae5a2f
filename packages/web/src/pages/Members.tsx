import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { roles, type ApiToken, type Invitation, type Member, type Role } from '../api/types';
import { useT, type Translate } from '../i18n';
import { useOrg } from '../lib/org';
import { useSession } from '../lib/session';
import { formatDateTime } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyFieldErrors, errorMessage } from '../components/errors';

const roleOptions = (t: Translate, actorRole: Role) =>
  roles.filter((r) => actorRole === 'owner' || r !== 'owner').map((r) => ({ value: r, label: t(`role.${r}`) }));

/** Copies text, with a fallback for browsers that block the clipboard API on plain http. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

function CopyField({ value }: { value: string }) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input readOnly value={value} className="cw-secret" onFocus={(e) => e.target.select()} />
      <Button
        icon={<CopyOutlined />}
        onClick={() =>
          copyText(value).then(
            () => message.success(t('common.copied')),
            () => message.warning(t('common.copyFailed')),
          )
        }
      >
        {t('common.copy')}
      </Button>
    </Space.Compact>
  );
}

function MembersCard() {
  const t = useT();
  const scope = useOrg();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const key = ['members', scope.org.slug];
  const members = useQuery({ queryKey: key, queryFn: () => api.get<Member[]>(scope.path('/members')) });
  const done = () => void queryClient.invalidateQueries({ queryKey: key });
  const change = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch(scope.path(`/members/${userId}`), { role }),
    onSuccess: () => {
      done();
      message.success(t('members.roleChanged'));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.delete(scope.path(`/members/${userId}`)),
    onSuccess: done,
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <Card title={t('members.title')} style={{ marginBottom: 16 }}>
      {members.isError && <QueryError error={members.error} retry={() => void members.refetch()} />}
      <Table<Member>
        rowKey="userId"
        size="small"
        loading={members.isPending}
        dataSource={members.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('members.name'), dataIndex: 'name' },
          { title: t('auth.email'), dataIndex: 'email' },
          {
            title: t('members.role'),
            dataIndex: 'role',
            render: (role: Role, m) =>
              m.userId === session.data?.user.id || (scope.role !== 'owner' && role === 'owner') ? (
                <Tag>{t(`role.${role}`)}</Tag>
              ) : (
                <Select<Role>
                  size="small"
                  value={role}
                  style={{ width: 140 }}
                  options={roleOptions(t, scope.role)}
                  onChange={(next) => change.mutate({ userId: m.userId, role: next })}
                />
              ),
          },
          {
            title: t('members.lastSignIn'),
            dataIndex: 'lastSignInAt',
            render: (v: string | null) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: '',
            key: 'remove',
            render: (_v, m) =>
              m.userId !== session.data?.user.id && (
                <Popconfirm
                  title={t('members.removeConfirm', { name: m.name })}
                  onConfirm={() => remove.mutate(m.userId)}
                >
                  <Button size="small" type="link" danger>
                    {t('common.remove')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('members.rolesHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * Invitations and API tokens are alike: a list, a form that creates one (whose secret is shown once),
 * and revoking by id; each change refreshes the list.
 */
function useRevocable<Item, Input>(
  resource: 'invitations' | 'tokens',
  form: FormInstance,
  onCreated: (item: Item) => void,
) {
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const key = [resource, scope.org.slug];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const list = useQuery({ queryKey: key, queryFn: () => api.get<Item[]>(scope.path(`/${resource}`)) });
  const create = useMutation({
    mutationFn: (input: Input) => api.post<Item>(scope.path(`/${resource}`), input),
    onSuccess: (item) => {
      onCreated(item);
      form.resetFields();
      refresh();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(scope.path(`/${resource}/${id}`)),
    onSuccess: refresh,
    onError: (error) => message.error(errorMessage(error)),
  });
  return { list, create, revoke };
}

function InvitationsCard() {
  const t = useT();
  const scope = useOrg();
  const [form] = Form.useForm<{ email: string; role: Role }>();
  const [created, setCreated] = useState<Invitation | null>(null);
  const {
    list: invitations,
    create: invite,
    revoke,
  } = useRevocable<Invitation, { email: string; role: Role }>('invitations', form, setCreated);
  return (
    <Card title={t('invite.cardTitle')} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ role: 'coordinator' }}
        onFinish={(v) => invite.mutate(v)}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item name="email" rules={[{ required: true, type: 'email' }]}>
          <Input placeholder={t('auth.email')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="role">
          <Select<Role> style={{ width: 140 }} options={roleOptions(t, scope.role)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={invite.isPending}>
          {t('invite.create')}
        </Button>
      </Form>
      {created?.url && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          style={{ marginBottom: 12 }}
          message={t('invite.linkReady', { email: created.email })}
          description={<CopyField value={created.url} />}
        />
      )}
      {invitations.isError && <QueryError error={invitations.error} retry={() => void invitations.refetch()} />}
      <Table<Invitation>
        rowKey="id"
        size="small"
        loading={invitations.isPending}
        dataSource={(invitations.data ?? []).filter((i) => !i.acceptedAt)}
        pagination={false}
        locale={{ emptyText: t('invite.none') }}
        columns={[
          { title: t('auth.email'), dataIndex: 'email' },
          { title: t('members.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
          {
            title: t('invite.expires'),
            dataIndex: 'expiresAt',
            render: (v: string) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: '',
            key: 'revoke',
            render: (_v, i) => (
              <Popconfirm title={t('invite.revokeConfirm')} onConfirm={() => revoke.mutate(i.id)}>
                <Button size="small" type="link" danger>
                  {t('invite.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

function TokensCard() {
  const t = useT();
  const scope = useOrg();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<ApiToken | null>(null);
  const [form] = Form.useForm<{ name: string; role: Role }>();
  const {
    list: tokens,
    create,
    revoke,
  } = useRevocable<ApiToken, { name: string; role: Role }>('tokens', form, (token) => {
    setOpen(false);
    setSecret(token);
  });
  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.help')}</Typography.Paragraph>
      {tokens.isError && <QueryError error={tokens.error} retry={() => void tokens.refetch()} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('tokens.none') }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('members.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
          {
            title: t('tokens.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: '',
            key: 'revoke',
            render: (_v, tok) =>
              tok.revokedAt ? (
                <Tag>{t('tokens.revoked')}</Tag>
              ) : (
                <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutate(tok.id)}>
                  <Button size="small" type="link" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('tokens.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnClose
      >
        <Form form={form} layout="vertical" initialValues={{ role: 'viewer' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHelp')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="role" label={t('members.role')}>
            <Select<Role> options={roleOptions(t, scope.role)} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== null}
        title={t('tokens.secretTitle')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('tokens.secretSaved')}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t('tokens.secretOnce')} style={{ marginBottom: 12 }} />
        {secret?.token && <CopyField value={secret.token} />}
      </Modal>
    </Card>
  );
}

/** Staff, their roles, invitation links and API tokens. */
export default function Members() {
  const t = useT();
  const scope = useOrg();
  return (
    <>
      <PageTitle title={t('nav.members')} />
      {scope.can('members:manage') && <MembersCard />}
      {scope.can('members:manage') && <InvitationsCard />}
      {scope.can('tokens:manage') && <TokensCard />}
    </>
  );
}
