import { useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Col, Form, Row, Space, Tabs, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { opportunitiesKey, opportunityKey, useOpportunity, type Opportunity } from '../../api/volunteers';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { PageTitle } from '../../components/PageTitle';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { CopyCard, QrCard } from '../../components/share';
import { useFormMutation } from '../../components/useFormMutation';
import { DetailsCard } from './DetailsCard';
import { RosterTab } from './RosterTab';
import { ShiftsCard } from './ShiftsCard';
import { OpportunityStatusTag } from './StatusTags';
import {
  newOpportunityValues,
  opportunityBody,
  opportunityValuesOf,
  type OpportunityValues,
} from './opportunityValues';

/** The public sign-up page's link and QR code, for WeChat groups and posters. */
function ShareTab({ opportunity }: { opportunity: Opportunity }) {
  const t = useT();
  const url = `${window.location.origin}${opportunity.publicUrl}`;
  if (opportunity.status === 'draft')
    return <Typography.Paragraph type="secondary">{t('volunteers.shareAfterPublish')}</Typography.Paragraph>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <QrCard
          title={t('volunteers.qr')}
          url={url}
          id="opportunity-qr"
          downloadLabel={t('forms.downloadQr')}
          fileName={`${opportunity.slug}-qr.png`}
        />
      </Col>
      <Col xs={24} md={14}>
        <CopyCard
          title={t('volunteers.link')}
          value={url}
          help={opportunity.status === 'closed' ? t('volunteers.shareClosed') : t('volunteers.shareHelp')}
        />
      </Col>
    </Row>
  );
}

const tabs = ['details', 'roster', 'share'];

/** An opportunity: what and where, its shifts, publishing, sharing and the roster. `new` makes one. */
export default function OpportunityPage() {
  const { opportunityId } = useParams();
  const isNew = opportunityId === 'new';
  const id = isNew ? undefined : Number(opportunityId);
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<OpportunityValues>();
  const [shiftsProblem, setShiftsProblem] = useState<string>();
  const loaded = useOpportunity(id);
  const o = loaded.data;
  const initial = useMemo(() => (o ? opportunityValuesOf(o) : newOpportunityValues), [o]);
  const canWrite = scope.can('volunteers:write');
  const tab = o && tabs.includes(params.get('tab') ?? '') ? params.get('tab')! : 'details';
  const setTab = (key: string) => setParams(key === 'details' ? {} : { tab: key }, { replace: true });

  const remember = (saved: Opportunity) => {
    queryClient.setQueryData(opportunityKey(scope.org.slug, saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: opportunitiesKey(scope.org.slug) });
    if (isNew) navigate(`../${saved.id}`, { relative: 'path', replace: true });
  };
  // Publishing saves first, so what goes public is what is on screen.
  const save = useFormMutation(
    form,
    async ({ values, then }: { values: OpportunityValues; then?: 'publish' | 'close' }) => {
      const body = opportunityBody(values);
      const saved = id
        ? await api.patch<Opportunity>(scope.path(`/volunteers/opportunities/${id}`), body)
        : await api.post<Opportunity>(scope.path('/volunteers/opportunities'), body);
      remember(saved);
      return then ? api.post<Opportunity>(scope.path(`/volunteers/opportunities/${saved.id}/${then}`)) : saved;
    },
    (saved) => {
      remember(saved);
      setShiftsProblem(undefined);
      const before = o?.status ?? 'draft';
      message.success(saved.status === before ? t('common.saved') : t(`volunteers.became.${saved.status}`));
      if (saved.status === 'open' && before !== 'open') setTab('share');
    },
  );
  const submit = async (then?: 'publish' | 'close') => {
    try {
      await form.validateFields();
    } catch {
      setTab('details');
      message.error(t('forms.fixFields'));
      return;
    }
    setShiftsProblem(undefined);
    save.mutate(
      { values: form.getFieldsValue(true) as OpportunityValues, then },
      {
        onError: (error) => {
          setTab('details');
          if (error instanceof ApiError) {
            const atShifts = error.fields.find((f) => f.path === 'shifts');
            if (atShifts) setShiftsProblem(t('volunteers.shift.needOne'));
          }
        },
      },
    );
  };

  if (!isNew && loaded.isPending) return <PageSpinner />;
  if (loaded.isError) return <QueryError error={loaded.error} retry={() => void loaded.refetch()} />;

  const status = o?.status ?? 'draft';
  const publish = () =>
    modal.confirm({
      title: status === 'closed' ? t('volunteers.reopenConfirm') : t('volunteers.publishConfirm'),
      content: t('volunteers.publishHelp'),
      okText: status === 'closed' ? t('volunteers.reopen') : t('volunteers.publish'),
      onOk: () => submit('publish'),
    });
  const close = () =>
    modal.confirm({
      title: t('volunteers.closeConfirm'),
      content: t('volunteers.closeHelp'),
      okText: t('volunteers.close'),
      onOk: () => submit('close'),
    });
  const actions = (
    <Space wrap>
      {canWrite && (
        <Button onClick={() => void submit()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
      {canWrite && o && status !== 'open' && (
        <Button type="primary" onClick={publish} loading={save.isPending}>
          {status === 'closed' ? t('volunteers.reopen') : t('volunteers.publish')}
        </Button>
      )}
      {canWrite && status === 'open' && <Button onClick={close}>{t('volunteers.close')}</Button>}
      {o && status !== 'draft' && (
        <Button href={o.publicUrl} target="_blank">
          {t('volunteers.openPage')}
        </Button>
      )}
    </Space>
  );
  const details = (
    <>
      {status === 'open' && canWrite && (
        <Alert type="info" showIcon message={t('volunteers.liveEditHelp')} style={{ marginBottom: 12 }} />
      )}
      <DetailsCard form={form} initial={initial} disabled={!canWrite} />
      <ShiftsCard opportunity={o} problem={shiftsProblem} />
    </>
  );

  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to={`/o/${scope.org.slug}/volunteers`}>{t('volunteers.title')}</Link> },
          { title: o ? o.title : t('volunteers.create') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <PageTitle
        title={
          <Space wrap>
            {o ? o.title : t('volunteers.create')}
            {o && <OpportunityStatusTag status={o.status} />}
          </Space>
        }
        extra={actions}
      />
      {/* One tree for new and saved opportunities, so the editor is not remounted when the first save lands. */}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'details', label: t('volunteers.tab.details'), children: details, forceRender: true },
          ...(o
            ? [
                {
                  key: 'roster',
                  label: t('volunteers.tab.roster', { count: o.signedUp + o.waitlisted }),
                  children: <RosterTab opportunity={o} />,
                },
                { key: 'share', label: t('volunteers.tab.share'), children: <ShareTab opportunity={o} /> },
              ]
            : []),
        ]}
      />
    </>
  );
}
