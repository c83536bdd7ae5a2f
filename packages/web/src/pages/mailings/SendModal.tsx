import { useEffect, useState } from 'react';
import { Alert, DatePicker, Modal, Radio, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useAudienceCount, type Mailing, type MailingAudience } from '../../api/mailings';
import { useT } from '../../i18n';
import { labelOr } from '../../i18n/translate';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';

export type SendWhen = 'now' | 'later';

interface Props {
  mailing: Mailing;
  audience: MailingAudience;
  purpose: string;
  /** Which of the two the staff member clicked; the dialog still lets them change their mind. */
  when: SendWhen | null;
  onClose(): void;
  /** Saves what is on screen first, so what goes out is what was seen; false when it could not be saved. */
  beforeSend(): Promise<boolean>;
  onSent(mailing: Mailing): void;
}

/** The last look before an email goes out: now or at a time, and how many people it will reach. */
export function SendModal({ mailing, audience, purpose, when, onClose, beforeSend, onSent }: Props) {
  const t = useT();
  const scope = useOrg();
  const open = when !== null;
  const [mode, setMode] = useState<SendWhen>('now');
  const [at, setAt] = useState<Dayjs | null>(mailing.scheduledAt ? dayjs(mailing.scheduledAt) : null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (when) setMode(when);
    setFailure(null);
  }, [when]);
  const count = useAudienceCount(audience, purpose, open);
  const reachable = count.data?.reachable ?? 0;
  const empty = audience.segmentIds.length === 0 && audience.tags.length === 0;
  const laterMissing = mode === 'later' && (!at || at.isBefore(dayjs()));

  const send = async () => {
    setSending(true);
    setFailure(null);
    try {
      if (!(await beforeSend())) return;
      const sent = await api.post<Mailing>(scope.path(`/mailings/${mailing.id}/send`), {
        scheduledAt: mode === 'later' && at ? at.second(0).millisecond(0).toISOString() : null,
      });
      onSent(sent);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mailings.send.title')}
      okText={mode === 'now' ? t('mailings.send.nowOk', { count: reachable }) : t('mailings.send.laterOk')}
      okButtonProps={{ disabled: !count.data || reachable === 0 || laterMissing, danger: mode === 'now' }}
      onOk={() => void send()}
      onCancel={onClose}
      confirmLoading={sending}
      destroyOnClose
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as SendWhen)}>
          <Radio value="now">{t('mailings.send.now')}</Radio>
          <Radio value="later">{t('mailings.send.later')}</Radio>
        </Radio.Group>
        {mode === 'later' && (
          <div>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={at}
              onChange={setAt}
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              placeholder={t('mailings.send.pickTime')}
              aria-label={t('mailings.send.pickTime')}
              style={{ width: '100%', maxWidth: 260 }}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('mailings.send.laterHelp')}
            </Typography.Paragraph>
          </div>
        )}
        {empty ? (
          <Alert
            type="error"
            showIcon
            message={t('apiError.AUDIENCE_EMPTY')}
            description={t('mailings.audienceEmpty')}
          />
        ) : count.isPending ? (
          <Spin />
        ) : count.isError ? (
          <Alert type="error" showIcon message={errorMessage(count.error)} />
        ) : reachable === 0 ? (
          <Alert
            type="error"
            showIcon
            message={t('apiError.AUDIENCE_EMPTY')}
            description={t('mailings.send.noneHelp')}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            className="cw-send-confirm"
            message={t('mailings.send.willReach', { count: reachable })}
            description={
              <>
                {count.data.contacts > reachable &&
                  t('mailings.send.excluded', {
                    contacts: count.data.contacts,
                    excluded: count.data.contacts - reachable,
                    purpose: labelOr(t, 'consent.purpose.', purpose),
                  })}{' '}
                {t('mailings.send.noUndo')}
              </>
            }
          />
        )}
        {failure && <Alert type="error" showIcon message={failure} />}
      </Space>
    </Modal>
  );
}
