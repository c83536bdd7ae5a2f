import { useMemo } from 'react';
import { Alert, App, Button, Form, Input, Space, Tabs } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useCampaign, type Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { PageTitle } from '../../components/PageTitle';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorHeadline, errorMessage } from '../../components/errors';
import { CampaignForm, campaignBody, formValuesOf, newCampaignValues, type CampaignFormValues } from './CampaignForm';
import { CampaignStatusTag } from './CampaignStatusTag';
import { DonationsTab } from './DonationsTab';
import { MatchingTab } from './MatchingTab';
import { LiveTab } from './LiveTab';
import { UpdatesTab } from './UpdatesTab';
import { ShareTab } from './ShareTab';

/** A campaign: its words and settings, its review, its gifts, and how to share it. `new` makes one. */
export default function CampaignPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const campaignId = isNew ? undefined : Number(id);
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CampaignFormValues>();
  const campaign = useCampaign(campaignId);
  const c = campaign.data;
  const initial = useMemo(() => (c ? formValuesOf(c) : newCampaignValues), [c]);
  const canWrite = scope.can('campaigns:write');
  const canReview = scope.can('campaigns:review');

  const refresh = (saved: Campaign) => {
    queryClient.setQueryData(['campaign', scope.org.slug, saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ['campaigns', scope.org.slug] });
  };
  const save = useMutation({
    mutationFn: (v: CampaignFormValues) =>
      isNew
        ? api.post<Campaign>(scope.path('/campaigns'), campaignBody(v))
        : api.patch<Campaign>(scope.path(`/campaigns/${campaignId}`), campaignBody(v)),
    onSuccess: (saved) => {
      refresh(saved);
      message.success(saved.pending ? t('campaigns.savedForReview') : t('common.saved'));
      if (isNew) navigate(`../${saved.id}`, { relative: 'path', replace: true });
    },
    onError: (error) => {
      const unmatched = applyFieldErrors(form, error, []);
      message.error(unmatched.length ? errorMessage(error) : t('campaigns.fixFields'));
    },
  });
  const act = useMutation({
    mutationFn: async ({ action, body }: { action: 'submit' | 'review' | 'close'; body?: unknown }) => {
      // What is sent for review is what is on screen: unsaved changes are saved first.
      if (action === 'submit' && form.isFieldsTouched()) {
        const values = await form.validateFields();
        refresh(await api.patch<Campaign>(scope.path(`/campaigns/${campaignId}`), campaignBody(values)));
      }
      return api.post<Campaign>(scope.path(`/campaigns/${campaignId}/${action}`), body);
    },
    onSuccess: (saved) => {
      refresh(saved);
      message.success(t(`campaigns.status.${saved.status}`));
    },
    // Going public needs the filed plan: what is missing is marked on the plan's fields.
    onError: (error) => {
      // The form's own checks already marked their fields.
      if (error && typeof error === 'object' && 'errorFields' in error)
        return void message.error(t('campaigns.fixFields'));
      const unmatched = applyFieldErrors(form, error, []);
      message.error(unmatched.length ? errorMessage(error) : errorHeadline(error));
    },
  });

  if (!isNew && campaign.isPending) return <PageSpinner />;
  if (campaign.isError) return <QueryError error={campaign.error} retry={() => void campaign.refetch()} />;

  const reject = () => {
    let note = '';
    modal.confirm({
      title: t('campaigns.rejectTitle'),
      content: (
        <Input.TextArea rows={3} onChange={(e) => (note = e.target.value)} placeholder={t('campaigns.rejectNote')} />
      ),
      okText: t('campaigns.reject'),
      onOk: () => act.mutateAsync({ action: 'review', body: { decision: 'reject', note: note || null } }),
    });
  };
  const waitingReview = c && (c.status === 'review' || c.pending !== null);
  const actions = c && (
    <Space wrap>
      {canWrite && c.status === 'draft' && (
        <Button onClick={() => act.mutate({ action: 'submit' })} loading={act.isPending}>
          {t('campaigns.submit')}
        </Button>
      )}
      {canReview && waitingReview && (
        <>
          <Button type="primary" onClick={() => act.mutate({ action: 'review', body: { decision: 'approve' } })}>
            {c.status === 'review' ? t('campaigns.approve') : t('campaigns.approveEdits')}
          </Button>
          <Button danger onClick={reject}>
            {t('campaigns.reject')}
          </Button>
        </>
      )}
      {canWrite && c.status === 'live' && (
        <Button
          onClick={() =>
            modal.confirm({
              title: t('campaigns.closeConfirm'),
              content: t('campaigns.closeHelp'),
              onOk: () => act.mutateAsync({ action: 'close' }),
            })
          }
        >
          {t('campaigns.close')}
        </Button>
      )}
      {(c.status === 'live' || c.status === 'closed') && (
        <Button href={c.publicUrl} target="_blank">
          {t('campaigns.openPage')}
        </Button>
      )}
    </Space>
  );

  const editor = (
    <>
      {c?.reviewNote && (
        <Alert
          type="info"
          showIcon
          message={t('campaigns.reviewNote')}
          description={c.reviewNote}
          style={{ marginBottom: 12 }}
        />
      )}
      {c?.pending && (
        <Alert type="warning" showIcon message={t('campaigns.pendingHelp')} style={{ marginBottom: 12 }} />
      )}
      {c?.status === 'review' && (
        <Alert type="warning" showIcon message={t('campaigns.inReview')} style={{ marginBottom: 12 }} />
      )}
      <CampaignForm
        form={form}
        initial={initial}
        published={Boolean(c?.publishedAt)}
        disabled={!canWrite || c?.status === 'closed'}
        onFinish={(v) => save.mutate(v)}
      />
      {canWrite && c?.status !== 'closed' && (
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
          {isNew ? t('campaigns.saveDraft') : c?.status === 'live' ? t('campaigns.saveLive') : t('common.save')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageTitle
        title={
          <Space>
            {c ? c.copy.title : t('campaigns.create')}
            {c && <CampaignStatusTag status={c.status} />}
          </Space>
        }
        extra={actions}
      />
      {isNew || !c ? (
        editor
      ) : (
        <Tabs
          items={[
            { key: 'content', label: t('campaigns.tab.content'), children: editor },
            { key: 'donations', label: t('campaigns.tab.donations'), children: <DonationsTab campaign={c} /> },
            { key: 'live', label: t('campaigns.tab.live'), children: <LiveTab campaign={c} /> },
            { key: 'matching', label: t('campaigns.tab.matching'), children: <MatchingTab campaign={c} /> },
            { key: 'updates', label: t('campaigns.tab.updates'), children: <UpdatesTab campaign={c} /> },
            { key: 'share', label: t('campaigns.tab.share'), children: <ShareTab campaign={c} /> },
          ]}
        />
      )}
    </>
  );
}
