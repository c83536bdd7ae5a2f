import { App, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import type { HostedCampaign, Partnership } from '../../api/partnerships';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';
import { useFormMutation } from '../../components/useFormMutation';
import { RichTextEditor } from '../../components/RichTextEditor';
import { useImageUpload } from '../campaign/CampaignForm';
import { useRefreshPartnerships } from './shared';

interface CampaignValues {
  partnershipId?: number;
  title: string;
  slug: string;
  summary?: string;
  story?: string;
  goal?: string;
}

/**
 * A partner's campaign under a host: the words donors read and the goal. The host's reviewers approve it
 * before it goes live, and approve again any later change to its words.
 */
export function HostedCampaignDialog({
  campaign,
  partnerships,
  onClose,
}: {
  campaign?: HostedCampaign;
  partnerships: Partnership[];
  onClose: () => void;
}) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const upload = useImageUpload();
  const [form] = Form.useForm<CampaignValues>();
  const words = campaign?.pending?.copy ?? campaign?.copy;
  const save = useFormMutation(
    form,
    (v: CampaignValues) => {
      const body = {
        copy: { title: v.title, summary: v.summary ?? '', story: v.story ?? '' },
        goal: v.goal ? yuanToFen(v.goal) : null,
      };
      return campaign
        ? api.patch<HostedCampaign>(scope.path(`/hosted-campaigns/${campaign.id}`), body)
        : api.post<HostedCampaign>(scope.path('/hosted-campaigns'), {
            ...body,
            partnershipId: v.partnershipId,
            slug: v.slug || undefined,
          });
    },
    (saved) => {
      message.success(saved.pending ? t('partnerships.savedForReview') : t('common.saved'));
      void refresh();
      onClose();
    },
  );
  return (
    <Modal
      open
      width={760}
      title={campaign ? t('partnerships.editCampaign') : t('partnerships.newCampaign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <p className="ant-typography-secondary">
        {campaign?.status === 'live' ? t('partnerships.liveEditHelp') : t('partnerships.campaignHelp')}
      </p>
      <Form<CampaignValues>
        form={form}
        layout="vertical"
        initialValues={{
          partnershipId: partnerships[0]?.id,
          title: words?.title,
          slug: campaign?.slug,
          summary: words?.summary,
          story: words?.story,
          goal: campaign?.goal ? fenToYuan(campaign.goal, false) : undefined,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        {!campaign && (
          <Form.Item name="partnershipId" label={t('partnerships.host')} rules={[{ required: true }]}>
            <Select options={partnerships.map((p) => ({ value: p.id, label: `${p.host.name} · ${p.project.name}` }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('campaigns.name')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        {!campaign && (
          <Form.Item
            name="slug"
            label={t('campaigns.slug')}
            extra={t('campaigns.slugHelp')}
            rules={[{ pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('campaigns.slugRule') }]}
          >
            <Input placeholder="mountain-school" />
          </Form.Item>
        )}
        <Form.Item name="summary" label={t('campaigns.summary')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="story" label={t('campaigns.story')}>
          <RichTextEditor uploadImage={async (file) => (await upload(file)).url} />
        </Form.Item>
        <Form.Item name="goal" label={t('campaigns.goal')} rules={[amountRule(t)]}>
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A project update (项目进展) from the partner that runs the project; it keeps the campaign off the overdue list. */
export function HostedUpdateDialog({ campaign, onClose }: { campaign: HostedCampaign; onClose: () => void }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const refresh = useRefreshPartnerships();
  const upload = useImageUpload();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const post = useFormMutation(
    form,
    (v: { title: string; body: string }) =>
      api.post(scope.path(`/hosted-campaigns/${campaign.id}/updates`), { ...v, notifyDonors: true }),
    () => {
      message.success(t('partnerships.updatePosted'));
      void refresh();
      onClose();
    },
  );
  return (
    <Modal
      open
      width={760}
      title={t('partnerships.postUpdate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={post.isPending}
      okText={t('partnerships.publish')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => post.mutate(v)}>
        <Form.Item name="title" label={t('partnerships.updateTitle')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('partnerships.updateBody')} rules={[{ required: true }]}>
          <RichTextEditor uploadImage={async (file) => (await upload(file)).url} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
