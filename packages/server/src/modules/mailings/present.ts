import type { z } from 'zod';
import { noCounts, type MailingRow } from './repo.ts';
import type { mailingSchema, suppressionSchema } from './schemas.ts';
import type { emailSuppressions } from './tables.ts';

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

export const presentSuppression = (row: typeof emailSuppressions.$inferSelect): z.infer<typeof suppressionSchema> => ({
  email: row.email,
  reason: row.reason,
  origin: row.origin,
  note: row.note,
  recordedAt: row.recordedAt.toISOString(),
});
