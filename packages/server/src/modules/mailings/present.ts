import type { z } from 'zod';
import type { MailingRow, StatusCounts } from './repo.ts';
import type { mailingSchema, suppressionSchema } from './schemas.ts';
import type { emailSuppressions } from './tables.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const noCounts: StatusCounts = { pending: 0, sending: 0, sent: 0, failed: 0, bounced: 0, skipped: 0, uncertain: 0 };

export function presentMailing(row: MailingRow, counts = noCounts, unsubscribed = 0): z.infer<typeof mailingSchema> {
  const recipients = Object.values(counts).reduce((a, b) => a + b, 0);
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
    },
  };
}

export const presentSuppression = (row: typeof emailSuppressions.$inferSelect): z.infer<typeof suppressionSchema> => ({
  email: row.email,
  reason: row.reason,
  note: row.note,
  recordedAt: row.recordedAt.toISOString(),
});
