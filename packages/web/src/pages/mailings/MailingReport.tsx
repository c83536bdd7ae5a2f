import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import type { Mailing, MailingRecipient, MailingStats, RecipientStatus } from '../../api/mailings';
import { mailingKind } from '../../api/outreach';
import { SendReport } from '../outreach/SendReport';

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

// In the order of the status filter.
const colors: Record<RecipientStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
  bounced: 'orange',
  skipped: 'default',
  uncertain: 'gold',
};

/** Copies that have reached an end: sent, or given up on for a reason. */
const doneOf = (s: MailingStats) => s.sent + s.failed + s.bounced + s.skipped + s.uncertain;

/** A mailing's progress and report, and each copy with its address. */
export function MailingReport({ mailing }: { mailing: Mailing }) {
  const t = useT();
  const scope = useOrg();
  const s = mailing.stats;
  return (
    <SendReport<MailingStats, RecipientStatus, MailingRecipient>
      kind={mailingKind}
      send={mailing}
      shown={[...shown, ...(scope.org.emailTracking || s.opened > 0 ? tracked : [])]}
      settled={doneOf(s)}
      wentOut={s.sent}
      recipients={{
        colors,
        address: { title: t('mailings.recipients.email'), dataIndex: 'email' },
        scrollX: 760,
      }}
    />
  );
}
