import {
  settledOf,
  wentOut,
  type SmsRecipient,
  type SmsRecipientStatus,
  type SmsSend,
  type SmsSendStats,
} from '../../api/sms';
import { smsKind } from '../../api/outreach';
import { useT } from '../../i18n';
import { SendReport } from '../outreach/SendReport';

const shown: { key: keyof SmsSendStats; color?: string }[] = [
  { key: 'recipients' },
  { key: 'sent' },
  { key: 'delivered', color: '#389e0d' },
  { key: 'undelivered', color: '#d46b08' },
  { key: 'pending' },
  { key: 'failed', color: '#cf1322' },
  { key: 'skipped' },
  { key: 'uncertain', color: '#d46b08' },
];

// In the order of the status filter.
const colors: Record<SmsRecipientStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  undelivered: 'orange',
  failed: 'red',
  skipped: 'default',
  uncertain: 'gold',
};

/** An SMS send's progress and report, and each copy with its number and the carrier's code. */
export function SmsReport({ send }: { send: SmsSend }) {
  const t = useT();
  return (
    <SendReport<SmsSendStats, SmsRecipientStatus, SmsRecipient>
      kind={smsKind}
      send={send}
      shown={shown}
      settled={settledOf(send.stats)}
      wentOut={wentOut(send.stats)}
      recipients={{
        colors,
        address: { title: t('sms.recipients.phone'), dataIndex: 'phone' },
        more: [
          { title: t('sms.recipients.carrierCode'), dataIndex: 'carrierCode', render: (v: string | null) => v ?? '—' },
        ],
        scrollX: 860,
      }}
    />
  );
}
