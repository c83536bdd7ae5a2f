import { Alert, App, Button, Card, Col, Progress, Row, Space, Statistic, Tooltip } from 'antd';
import {
  CloseCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { mailingKey, type Mailing, type MailingStats } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../components/errors';

type Action = 'pause' | 'resume' | 'cancel';

const shown: { key: keyof MailingStats; color?: string }[] = [
  { key: 'recipients' },
  { key: 'sent', color: '#389e0d' },
  { key: 'pending' },
  { key: 'failed', color: '#cf1322' },
  { key: 'bounced', color: '#d46b08' },
  { key: 'skipped' },
  { key: 'uncertain', color: '#d46b08' },
  { key: 'unsubscribed' },
];
// Shown when the organization tracks opens and clicks, or did while this mailing went out.
const tracked: { key: keyof MailingStats; color?: string }[] = [{ key: 'opened' }, { key: 'clicked' }];

/** Copies that have reached an end: sent, or given up on for a reason. */
export const doneOf = (s: MailingStats) => s.sent + s.failed + s.bounced + s.skipped + s.uncertain;

/** How far a send has got, what happened to each copy, and pausing, resuming or cancelling it. */
export function SendReport({ mailing }: { mailing: Mailing }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const s = mailing.stats;
  const tz = scope.org.timezone;
  const percent = (n: number) => (s.recipients ? Math.round((1000 * n) / s.recipients) / 10 : 0);
  const canSend = scope.can('email:send');

  const act = useMutation({
    mutationFn: (action: Action) => api.post<Mailing>(scope.path(`/mailings/${mailing.id}/${action}`)),
    onSuccess: (saved, action) => {
      queryClient.setQueryData(mailingKey(scope.org.slug, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['mailings', scope.org.slug] });
      message.success(t(`mailings.done.${action}`));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const cancel = () =>
    modal.confirm({
      title: t('mailings.cancelConfirm'),
      content: t('mailings.cancelHelp', { pending: s.pending }),
      okText: t('mailings.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('mailings.keepGoing'),
      onOk: () => act.mutateAsync('cancel'),
    });

  const state: Record<string, { type: 'info' | 'success' | 'warning'; text: string }> = {
    sending: { type: 'info', text: t('mailings.report.sending', { time: formatDateTime(mailing.startedAt, tz) }) },
    paused: { type: 'warning', text: t('mailings.report.paused', { pending: s.pending }) },
    sent: { type: 'success', text: t('mailings.report.sent', { time: formatDateTime(mailing.finishedAt, tz) }) },
    cancelled: {
      type: 'warning',
      text: t('mailings.report.cancelled', { time: formatDateTime(mailing.finishedAt, tz) }),
    },
  };
  const now = state[mailing.status];

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      {now && <Alert type={now.type} showIcon message={now.text} style={{ marginBottom: 16 }} />}
      <Progress
        className="cw-send-progress"
        percent={percent(doneOf(s))}
        success={{ percent: percent(s.sent) }}
        status={mailing.status === 'sending' ? 'active' : mailing.status === 'cancelled' ? 'exception' : 'normal'}
        format={() => t('mailings.sentOf', { sent: s.sent, total: s.recipients })}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {[...shown, ...(scope.org.emailTracking || s.opened > 0 ? tracked : [])].map(({ key, color }) => (
          <Col key={key} xs={12} sm={8} md={6}>
            <Statistic
              title={
                <Space size={4}>
                  {t(`mailings.stat.${key}`)}
                  <Tooltip title={t(`mailings.stat.${key}Help`)}>
                    <QuestionCircleOutlined />
                  </Tooltip>
                </Space>
              }
              value={s[key]}
              valueStyle={color && s[key] > 0 ? { color } : undefined}
            />
          </Col>
        ))}
      </Row>
      {canSend && (mailing.status === 'sending' || mailing.status === 'paused') && (
        <Space wrap style={{ marginTop: 16 }}>
          {mailing.status === 'sending' ? (
            <Button icon={<PauseCircleOutlined />} loading={act.isPending} onClick={() => act.mutate('pause')}>
              {t('mailings.pause')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={act.isPending}
              onClick={() => act.mutate('resume')}
            >
              {t('mailings.resume')}
            </Button>
          )}
          <Button danger icon={<CloseCircleOutlined />} onClick={cancel}>
            {t('mailings.cancel')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
