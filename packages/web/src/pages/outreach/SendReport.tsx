import { Alert, App, Button, Card, Col, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import {
  CloseCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { useMoveSend, type SendKind, type SendStatus } from '../../api/outreach';
import { useT, type MessageKey } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { RecipientsTable, type Recipient, type RecipientsTableProps } from './RecipientsTable';

interface ReportedSend<Stats> {
  id: number;
  status: SendStatus;
  startedAt: string | null;
  finishedAt: string | null;
  /** SMS only: quiet hours or retries, the next copy goes no earlier. */
  waitUntil?: string | null;
  stats: Stats;
}

interface SendReportProps<Stats, Status extends string, Row extends Recipient<Status>> {
  kind: SendKind;
  send: ReportedSend<Stats>;
  /** The counts shown, each with its `${kind.messages}.stat.${key}` label and help. */
  shown: { key: keyof Stats & string; color?: string }[];
  /** Copies that reached an end, and of them those that went out. */
  settled: number;
  wentOut: number;
  /** How the kind shows its copies. */
  recipients: Omit<RecipientsTableProps<Status, Row>, 'kind' | 'sendId' | 'version'>;
}

/**
 * How far a send has got, its counts per status, pausing, resuming or cancelling it, and what happened
 * to each copy.
 */
export function SendReport<
  Stats extends { recipients: number; pending: number },
  Status extends string,
  Row extends Recipient<Status>,
>({ kind, send, shown, settled, wentOut, recipients }: SendReportProps<Stats, Status, Row>) {
  const t = useT();
  const scope = useOrg();
  const { modal } = App.useApp();
  const act = useMoveSend(kind, send.id);
  const s = send.stats;
  const tz = scope.org.timezone;
  // The message keys are `${kind.messages}.…`; each kind has all of them (the dictionary's type lists them).
  const text = (key: string, vars?: Record<string, string | number>) =>
    t(`${kind.messages}.${key}` as MessageKey, vars);
  const percent = (n: number) => (s.recipients ? Math.round((1000 * n) / s.recipients) / 10 : 0);
  const cancel = () =>
    modal.confirm({
      title: t('mailings.cancelConfirm'),
      content: text('cancelHelp', { pending: s.pending }),
      okText: t('mailings.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('mailings.keepGoing'),
      onOk: () => act.mutateAsync('cancel'),
    });

  const waiting = send.status === 'sending' && send.waitUntil;
  const notice = waiting
    ? { type: 'warning' as const, text: text('report.waiting', { time: formatDateTime(send.waitUntil, tz) }) }
    : send.status === 'sending' || send.status === 'paused' || send.status === 'sent' || send.status === 'cancelled'
      ? {
          type: ({ sending: 'info', paused: 'warning', sent: 'success', cancelled: 'warning' } as const)[send.status],
          text: text(`report.${send.status}`, {
            time: formatDateTime(send.status === 'sending' ? send.startedAt : send.finishedAt, tz),
            pending: s.pending,
          }),
        }
      : undefined;

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        {notice && <Alert type={notice.type} showIcon message={notice.text} style={{ marginBottom: 16 }} />}
        <Progress
          className="cw-send-progress"
          percent={percent(settled)}
          success={{ percent: percent(wentOut) }}
          status={send.status === 'sending' ? 'active' : send.status === 'cancelled' ? 'exception' : 'normal'}
          format={() => t('mailings.sentOf', { sent: wentOut, total: s.recipients })}
        />
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {shown.map(({ key, color }) => (
            <Col key={key} xs={12} sm={8} md={6}>
              <Statistic
                title={
                  <Space size={4}>
                    {text(`stat.${key}`)}
                    <Tooltip title={text(`stat.${key}Help`)}>
                      <QuestionCircleOutlined />
                    </Tooltip>
                  </Space>
                }
                value={Number(s[key])}
                valueStyle={color && Number(s[key]) > 0 ? { color } : undefined}
              />
            </Col>
          ))}
        </Row>
        {scope.can(kind.sendPermission) && (send.status === 'sending' || send.status === 'paused') && (
          <Space wrap style={{ marginTop: 16 }}>
            {send.status === 'sending' ? (
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
      <Typography.Title level={5}>{text('recipients')}</Typography.Title>
      <RecipientsTable<Status, Row>
        kind={kind}
        sendId={send.id}
        version={`${send.status} ${JSON.stringify(send.stats)}`}
        {...recipients}
      />
    </>
  );
}
