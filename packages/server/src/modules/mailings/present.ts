import type { z } from 'zod';
import { noCounts, type MailingRow } from './repo.ts';
import type { mailingSchema, suppressionSchema } from './schemas.ts';
import type { emailSuppressions } from './tables.ts';
import type { suppressionOrigins } from './enums.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentMailing(row: MailingRow, counts = noCounts, unsubscribed = 0): z.infer<typeof mailingSchema> {
  const { opened, clicked, ...byStatus } = counts;
  const recipients = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    purpose: row.purpose,
    fromName: row.fromName,
    replyTo: row.replyTo,
    content: row.content,
    audience: row.audience,
    status: row.status,
    scheduledAt: iso(row.scheduledAt),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stats: {
      recipients,
      // A copy in a sender's hands is still to be settled: it counts as pending until then.
      pending: counts.pending + counts.sending,
      sent: counts.sent,
      failed: counts.failed,
      bounced: counts.bounced,
      skipped: counts.skipped,
      uncertain: counts.uncertain,
      unsubscribed,
      opened,
      clicked,
    },
  };
}

/** The notes the automatic paths write begin so: the sender's failure reason, and the inbound mail's. */
function originOf(row: typeof emailSuppressions.$inferSelect): (typeof suppressionOrigins)[number] {
  const note = row.note ?? '';
  if (row.reason === 'bounce' && note.startsWith('bounce notice ')) return 'bounce-notice';
  if (row.reason === 'bounce' && note.startsWith('rejected: ')) return 'send';
  if (row.reason === 'complaint' && note.startsWith('complaint report (')) return 'complaint-report';
  return 'staff';
}

export const presentSuppression = (row: typeof emailSuppressions.$inferSelect): z.infer<typeof suppressionSchema> => ({
  email: row.email,
  reason: row.reason,
  origin: originOf(row),
  note: row.note,
  recordedAt: row.recordedAt.toISOString(),
});
