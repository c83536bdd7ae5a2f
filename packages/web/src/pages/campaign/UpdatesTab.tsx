import { App, Button, Card, Checkbox, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { RichTextEditor } from '../../components/RichTextEditor';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { useImageUpload } from './CampaignForm';

interface Update {
  id: number;
  title: string;
  body: string;
  spending: { currency: string; allocated: number; spent: number } | null;
  publishedAt: string;
  notices: Record<string, number>;
}

/** Progress updates (项目进展): what the field did and spent, posted on the page and emailed to donors. */
export function UpdatesTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; body: string; notifyDonors: boolean }>();
  const upload = useImageUpload();
  const key = ['campaign-updates', scope.org.slug, campaign.id];
  const updates = useQuery({
    queryKey: key,
    queryFn: () => api.get<Update[]>(scope.path(`/campaigns/${campaign.id}/updates`)),
  });
  const post = useMutation({
    mutationFn: (v: { title: string; body: string; notifyDonors: boolean }) =>
      api.post<Update & { queued: number }>(scope.path(`/campaigns/${campaign.id}/updates`), v),
    onSuccess: (posted) => {
      message.success(t('updates.posted', { count: posted.queued }));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['updates-due', scope.org.slug] });
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const canWrite = scope.can('campaigns:write') && campaign.publishedAt !== null;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('updates.help')}</Typography.Paragraph>
      {canWrite && (
        <Card size="small" title={t('updates.new')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" initialValues={{ notifyDonors: true }} onFinish={(v) => post.mutate(v)}>
            <Form.Item name="title" label={t('updates.title')} rules={[{ required: true, max: 120 }]}>
              <Input placeholder={t('updates.titlePlaceholder')} />
            </Form.Item>
            <Form.Item name="body" label={t('updates.body')} rules={[{ required: true }]}>
              <RichTextEditor uploadImage={async (file) => (await upload(file)).url} />
            </Form.Item>
            <Form.Item name="notifyDonors" valuePropName="checked">
              <Checkbox>{t('updates.notify')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={post.isPending}>
              {t('updates.post')}
            </Button>
          </Form>
        </Card>
      )}
      {updates.isError && <QueryError error={updates.error} retry={() => void updates.refetch()} />}
      <List<Update>
        loading={updates.isPending}
        dataSource={updates.data ?? []}
        locale={{ emptyText: <Empty description={t('updates.empty')} /> }}
        renderItem={(u) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  {u.title}
                  <Typography.Text type="secondary">{formatDate(u.publishedAt, scope.org.timezone)}</Typography.Text>
                  {Object.entries(u.notices).map(([state, n]) => (
                    <Tag key={state}>{t(`updates.notice.${state as 'sent'}`, { count: n })}</Tag>
                  ))}
                </Space>
              }
              description={
                u.spending &&
                t('updates.spending', {
                  allocated: formatMoney(u.spending.allocated, u.spending.currency),
                  spent: formatMoney(u.spending.spent, u.spending.currency),
                })
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
