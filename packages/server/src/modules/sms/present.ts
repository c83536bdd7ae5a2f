import type { z } from 'zod';
import { noCounts, type SmsSendRow, type SmsTemplateRow } from './repo.ts';
import type { smsSendSchema, templateSchema } from './schemas.ts';
import { previewTemplate } from './template.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentTemplate = (row: SmsTemplateRow, organizationName: string): z.infer<typeof templateSchema> => ({
  id: row.id,
  name: row.name,
  signName: row.signName,
  templateCode: row.templateCode,
  text: row.text,
  params: row.params,
  sample: previewTemplate(row, organizationName),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function presentSend(row: SmsSendRow, counts = noCounts): z.infer<typeof smsSendSchema> {
  const recipients = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: row.id,
    name: row.name,
    templateId: row.templateId,
    purpose: row.purpose,
    audience: row.audience,
    status: row.status,
    scheduledAt: iso(row.scheduledAt),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    waitUntil: row.status === 'sending' ? iso(row.waitUntil) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stats: {
      recipients,
      // A copy in a sender's hands is still to be settled: it counts as pending until then.
      pending: counts.pending + counts.sending,
      sent: counts.sent,
      delivered: counts.delivered,
      undelivered: counts.undelivered,
      failed: counts.failed,
      skipped: counts.skipped,
      uncertain: counts.uncertain,
    },
  };
}
