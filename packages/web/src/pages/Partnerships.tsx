import { App, Button, Card, Divider, Form, Input, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PartnershipList } from '../api/partnerships';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { PageTitle } from '../components/PageTitle';
import { PageSpinner } from '../components/PageSpinner';
import { QueryError } from '../components/QueryError';
import { useFormMutation } from '../components/useFormMutation';
import { HostSection } from './partnerships/HostSection';
import { PartnerSection } from './partnerships/PartnerSection';
import { useRefreshPartnerships } from './partnerships/shared';

/**
 * 联合劝募: an organization with public-fundraising qualification hosts its partners' campaigns; a
 * partner runs campaigns under a host. One page for both sides, since an organization can be either.
 */
export default function Partnerships() {
  const t = useT();
  const scope = useOrg();
  const list = useQuery({
    queryKey: ['partnerships', scope.org.slug, 'list'],
    queryFn: () => api.get<PartnershipList>(scope.path('/partnerships')),
  });
  if (list.isPending) return <PageSpinner />;
  if (list.isError) return <QueryError error={list.error} retry={() => void list.refetch()} />;
  const items = list.data.items;
  return (
    <>
      <PageTitle title={t('partnerships.title')} />
      <p className="ant-typography-secondary">{t('partnerships.help')}</p>
      <Qualification certificate={list.data.certificate} />
      <HostSection partnerships={items.filter((p) => p.role === 'host')} qualified={Boolean(list.data.certificate)} />
      <Divider />
      <PartnerSection partnerships={items.filter((p) => p.role === 'partner')} />
    </>
  );
}

/** 公募资格: what lets an organization host others' campaigns. */
function Qualification({ certificate }: { certificate: string | null }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const [form] = Form.useForm<{ certificate: string }>();
  const save = useFormMutation(
    form,
    (v: { certificate: string }) =>
      api.put(scope.path('/public-fundraising'), { certificate: v.certificate.trim() || null }),
    () => {
      message.success(t('common.saved'));
      void refresh();
    },
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={t('partnerships.qualification')}>
      <Typography.Paragraph type="secondary">{t('partnerships.qualificationHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ certificate: certificate ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="certificate" label={t('partnerships.certificate')}>
          <Input style={{ width: 280 }} disabled={!scope.can('org:manage')} placeholder="53100000500000000X" />
        </Form.Item>
        {scope.can('org:manage') && (
          <Space>
            <Button htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
