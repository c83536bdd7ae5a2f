import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ClockCircleOutlined, DeleteOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { consentPurposes } from '../../api/giving';
import type { MailingAudience } from '../../api/mailings';
import { editable, smsKind } from '../../api/outreach';
import { smsSendKey, useSmsAudienceCount, useSmsSend, useSmsTemplates, type SmsSend } from '../../api/sms';
import { useT } from '../../i18n';
import { labelOr } from '../../i18n/translate';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../components/errors';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { AudienceCard } from '../mailings/AudienceCard';
import { UnscheduleButton } from '../outreach/UnscheduleButton';
import { MailingStatusTag } from '../mailings/MailingStatusTag';
import { SmsReport } from './SmsReport';

interface Values {
  name: string;
  templateId: number | null;
  purpose: string;
  audience: MailingAudience;
}

/** One SMS send: its template, purpose and audience while a draft, then sent (now or later), then its report. */
export default function SmsSendPage() {
  const { sendId } = useParams();
  const loaded = useSmsSend(Number(sendId));
  if (loaded.isPending) return <PageSpinner />;
  if (loaded.isError) return <QueryError error={loaded.error} retry={() => void loaded.refetch()} />;
  return <SendScreen key={loaded.data.id} send={loaded.data} />;
}

function SendScreen({ send }: { send: SmsSend }) {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [when, setWhen] = useState<'now' | 'later' | null>(null);
  const templates = useSmsTemplates();
  const canWrite = scope.can('sms:write');
  const canSend = scope.can('sms:send');
  const isEditable = editable(send.status) && canWrite;
  const templateId = Form.useWatch('templateId', form) as number | null | undefined;
  const template = templates.data?.find((x) => x.id === (templateId ?? send.templateId));
  const purpose = (Form.useWatch('purpose', form) as string | undefined) ?? send.purpose;
  const purposes = [...consentPurposes, ...((consentPurposes as readonly string[]).includes(purpose) ? [] : [purpose])];

  const refresh = (saved: SmsSend) => {
    queryClient.setQueryData(smsSendKey(scope.org.slug, saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: ['sms-sends', scope.org.slug] });
  };
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return false;
    try {
      refresh(await api.patch<SmsSend>(scope.path(`/sms-sends/${send.id}`), values));
      return true;
    } catch (error) {
      message.error(errorMessage(error));
      return false;
    }
  };
  const remove = () =>
    api
      .delete(scope.path(`/sms-sends/${send.id}`))
      .then(() => {
        void queryClient.invalidateQueries({ queryKey: ['sms-sends', scope.org.slug] });
        navigate(`/o/${scope.org.slug}/sms`);
      })
      .catch((error: unknown) => message.error(errorMessage(error)));

  const actions = editable(send.status) && (
    <Space wrap>
      {canWrite && (
        <Button onClick={() => void save().then((ok) => ok && message.success(t('common.saved')))}>
          {t('common.save')}
        </Button>
      )}
      {canSend && (
        <Button icon={<ClockCircleOutlined />} onClick={() => setWhen('later')}>
          {t('mailings.send.later')}
        </Button>
      )}
      {canSend && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setWhen('now')}>
          {t('mailings.send.now')}
        </Button>
      )}
      {canSend && send.status === 'scheduled' && <UnscheduleButton kind={smsKind} sendId={send.id} />}
      {canWrite && send.status === 'draft' && (
        <Popconfirm title={t('sms.deleteConfirm')} okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
          <Button danger type="text" icon={<DeleteOutlined />}>
            {t('mailings.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {send.name}
            <MailingStatusTag status={send.status} />
          </Space>
        }
        extra={actions}
      />
      {send.startedAt && <SmsReport send={send} />}
      {!send.startedAt && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            {send.status === 'scheduled' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                message={t('mailings.scheduledFor', { time: formatDateTime(send.scheduledAt, scope.org.timezone) })}
              />
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!isEditable}
              initialValues={{
                name: send.name,
                templateId: send.templateId,
                purpose: send.purpose,
                audience: send.audience,
              }}
            >
              <Card size="small" title={t('sms.details')} style={{ marginBottom: 16 }}>
                <Form.Item name="name" label={t('sms.name')} rules={[{ required: true }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="templateId" label={t('sms.template')} rules={[{ required: true }]}>
                  <Select
                    loading={templates.isPending}
                    options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                  />
                </Form.Item>
                <Form.Item name="purpose" label={t('sms.purpose')} extra={t('sms.purposeHelp')}>
                  <Select options={purposes.map((p) => ({ value: p, label: labelOr(t, 'consent.purpose.', p) }))} />
                </Form.Item>
              </Card>
              <AudienceCard counted={editable(send.status)} channel="sms" />
            </Form>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('sms.preview')}>
              {template ? (
                <>
                  <div className="cw-sms-bubble">{template.sample.text}</div>
                  <Space style={{ marginTop: 12 }}>
                    <Tag color={template.sample.segments > 1 ? 'orange' : 'green'}>
                      {t('sms.templates.segmentCount', {
                        segments: template.sample.segments,
                        characters: template.sample.characters,
                      })}
                    </Tag>
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    {t('sms.previewHelp')}
                  </Typography.Paragraph>
                </>
              ) : (
                <Typography.Text type="secondary">{t('sms.noTemplate')}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <SendModal
        send={send}
        when={when}
        audience={(form.getFieldValue('audience') as MailingAudience | undefined) ?? send.audience}
        purpose={purpose}
        segments={template?.sample.segments ?? 1}
        onClose={() => setWhen(null)}
        beforeSend={() => (isEditable ? save() : Promise.resolve(true))}
        onSent={(saved) => {
          refresh(saved);
          setWhen(null);
          message.success(
            saved.status === 'scheduled'
              ? t('mailings.done.scheduled', { time: formatDateTime(saved.scheduledAt, scope.org.timezone) })
              : t('mailings.done.send'),
          );
        }}
      />
    </>
  );
}

interface SendModalProps {
  send: SmsSend;
  when: 'now' | 'later' | null;
  audience: MailingAudience;
  purpose: string;
  segments: number;
  onClose(): void;
  beforeSend(): Promise<boolean>;
  onSent(send: SmsSend): void;
}

/** The last look: now or at a time, how many people it reaches, and how many messages that bills. */
function SendModal({ send, when, audience, purpose, segments, onClose, beforeSend, onSent }: SendModalProps) {
  const t = useT();
  const scope = useOrg();
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState<Dayjs | null>(send.scheduledAt ? dayjs(send.scheduledAt) : null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(when);
  if (when !== shownFor) {
    setShownFor(when);
    if (when) setMode(when);
    setFailure(null);
  }
  const count = useSmsAudienceCount(audience, purpose, when !== null);
  const reachable = count.data?.reachable ?? 0;
  const laterMissing = mode === 'later' && (!at || at.isBefore(dayjs()));
  const go = async () => {
    setSending(true);
    setFailure(null);
    try {
      if (!(await beforeSend())) return;
      onSent(
        await api.post<SmsSend>(scope.path(`/sms-sends/${send.id}/send`), {
          scheduledAt: mode === 'later' && at ? at.second(0).millisecond(0).toISOString() : null,
        }),
      );
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open={when !== null}
      title={t('sms.send.title')}
      okText={mode === 'now' ? t('mailings.send.nowOk', { count: reachable }) : t('mailings.send.laterOk')}
      okButtonProps={{ disabled: !count.data || reachable === 0 || laterMissing, danger: mode === 'now' }}
      onOk={() => void go()}
      onCancel={onClose}
      confirmLoading={sending}
      destroyOnClose
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'now' | 'later')}>
          <Radio value="now">{t('mailings.send.now')}</Radio>
          <Radio value="later">{t('mailings.send.later')}</Radio>
        </Radio.Group>
        {mode === 'later' && (
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={at}
            onChange={setAt}
            placeholder={t('mailings.send.pickTime')}
            aria-label={t('mailings.send.pickTime')}
          />
        )}
        {count.data && (
          <Alert
            type={reachable === 0 ? 'error' : 'warning'}
            showIcon
            message={
              reachable === 0
                ? t('apiError.AUDIENCE_EMPTY')
                : t('sms.send.willReach', { count: reachable, messages: reachable * segments })
            }
            description={t('sms.send.quietHoursNote')}
          />
        )}
        {failure && <Alert type="error" showIcon message={failure} />}
      </Space>
    </Modal>
  );
}
