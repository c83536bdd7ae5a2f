import { useState } from 'react';
import { Alert, App, Button, Col, Form, Popconfirm, Row, Space, Tabs } from 'antd';
import { ClockCircleOutlined, DeleteOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { editable, mailingKey, started, useMailing, type Mailing } from '../../api/mailings';
import { mailingKind } from '../../api/outreach';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../components/errors';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { UnscheduleButton } from '../outreach/UnscheduleButton';
import { AudienceCard } from './AudienceCard';
import { ContentCard } from './ContentCard';
import { DetailsCard } from './DetailsCard';
import { DeliveryNotice } from './DeliveryNotice';
import { MailingStatusTag } from './MailingStatusTag';
import { PreviewPane, usePreview } from './PreviewPane';
import { SendModal, type SendWhen } from './SendModal';
import { MailingReport } from './MailingReport';
import { TestSendModal } from './TestSendModal';
import { SaveStatus } from './SaveStatus';
import { useMailingSave } from './useMailingSave';
import { DEFAULT_PURPOSE, valuesOf, type MailingValues } from './mailingValues';

/** One mailing: written and checked while a draft, then sent (now or later), then its progress and report. */
export default function MailingPage() {
  const { mailingId } = useParams();
  const loaded = useMailing(Number(mailingId));
  if (loaded.isPending) return <PageSpinner />;
  if (loaded.isError) return <QueryError error={loaded.error} retry={() => void loaded.refetch()} />;
  // A new editor for each mailing: the form starts from what was loaded and is not reset by polling.
  return <MailingScreen key={loaded.data.id} mailing={loaded.data} />;
}

function MailingScreen({ mailing }: { mailing: Mailing }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MailingValues>();
  const [initial] = useState(() => valuesOf(mailing));
  const [testing, setTesting] = useState(false);
  const [sendWhen, setSendWhen] = useState<SendWhen | null>(null);
  const canWrite = scope.can('email:write');
  const canSend = scope.can('email:send');
  const isEditable = editable(mailing.status) && canWrite;
  // A scheduled mailing is saved only on purpose: a half-made change must not go out at its time.
  const saver = useMailingSave(form, mailing, isEditable && mailing.status === 'draft');
  const preview = usePreview(saver.values ?? initial, scope.can('email:read'));
  const values = saver.values ?? initial;

  // Before a test or a send: a subject, and everything on screen saved.
  const saveForSending = async () => {
    if (!((form.getFieldValue('subject') as string | undefined) ?? '').trim()) {
      form.setFields([{ name: 'subject', errors: [t('mailings.subjectRequired')] }]);
      message.error(t('mailings.subjectRequired'));
      return false;
    }
    if (preview.problem) {
      message.error(t('mailings.fixTemplate'));
      return false;
    }
    const ok = await saver.save(true);
    if (!ok) message.error(t('mailings.fixFields'));
    return ok;
  };
  const sent = (saved: Mailing) => {
    queryClient.setQueryData(mailingKey(scope.org.slug, saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: ['mailings', scope.org.slug] });
    setSendWhen(null);
    message.success(
      saved.status === 'scheduled'
        ? t('mailings.done.scheduled', { time: formatDateTime(saved.scheduledAt, scope.org.timezone) })
        : t('mailings.done.send'),
    );
  };
  const remove = () =>
    api
      .delete(scope.path(`/mailings/${mailing.id}`))
      .then(() => {
        void queryClient.invalidateQueries({ queryKey: ['mailings', scope.org.slug] });
        message.success(t('mailings.deleted'));
        navigate(`/o/${scope.org.slug}/mailings`);
      })
      .catch((error: unknown) => message.error(errorMessage(error)));

  const actions = editable(mailing.status) && (
    <Space wrap>
      {canWrite && <SaveStatus state={saver.state} savedAt={saver.savedAt} />}
      {canWrite && (
        <Button onClick={() => void saver.save(true)} loading={saver.state === 'saving'}>
          {t('common.save')}
        </Button>
      )}
      {canWrite && <Button onClick={() => setTesting(true)}>{t('mailings.test.open')}</Button>}
      {canSend && (
        <Button icon={<ClockCircleOutlined />} onClick={() => setSendWhen('later')}>
          {mailing.status === 'scheduled' ? t('mailings.reschedule') : t('mailings.send.later')}
        </Button>
      )}
      {canSend && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setSendWhen('now')}>
          {t('mailings.send.now')}
        </Button>
      )}
      {canSend && mailing.status === 'scheduled' && <UnscheduleButton kind={mailingKind} sendId={mailing.id} />}
      {canWrite && mailing.status === 'draft' && (
        <Popconfirm
          title={t('mailings.deleteConfirm')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          onConfirm={remove}
        >
          <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('mailings.delete')}>
            {t('mailings.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const editor = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        {mailing.status === 'scheduled' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('mailings.scheduledFor', { time: formatDateTime(mailing.scheduledAt, scope.org.timezone) })}
            description={canWrite ? t('mailings.scheduledEditHelp') : undefined}
          />
        )}
        {mailing.status === 'cancelled' && !started(mailing) && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('mailings.cancelledUnsent')} />
        )}
        {editable(mailing.status) && !canSend && canWrite && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mailings.cannotSendHelp')} />
        )}
        <Form form={form} layout="vertical" initialValues={initial} disabled={!isEditable}>
          <DetailsCard problem={preview.problem} editable={isEditable} />
          <AudienceCard counted={editable(mailing.status)} />
          <ContentCard problem={preview.problem} disabled={!isEditable} />
        </Form>
      </Col>
      <Col xs={24} xl={10}>
        <div className="cw-mail-preview">
          <PreviewPane preview={preview} />
        </div>
      </Col>
    </Row>
  );

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {mailing.name}
            <MailingStatusTag status={mailing.status} />
          </Space>
        }
        extra={actions}
      />
      {!started(mailing) && <DeliveryNotice />}
      {started(mailing) ? (
        <Tabs
          items={[
            {
              key: 'report',
              label: t('mailings.tab.report'),
              children: <MailingReport mailing={mailing} />,
            },
            { key: 'content', label: t('mailings.tab.content'), children: editor, forceRender: true },
          ]}
        />
      ) : (
        editor
      )}
      <TestSendModal
        mailingId={mailing.id}
        open={testing}
        onClose={() => setTesting(false)}
        beforeSend={saveForSending}
      />
      <SendModal
        mailing={mailing}
        audience={values.audience ?? initial.audience}
        purpose={values.purpose || DEFAULT_PURPOSE}
        when={sendWhen}
        onClose={() => setSendWhen(null)}
        beforeSend={saveForSending}
        onSent={sent}
      />
    </>
  );
}
