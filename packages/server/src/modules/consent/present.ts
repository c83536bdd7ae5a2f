import type { ConsentRow } from './repo.ts';

export const presentConsent = (c: ConsentRow) => ({
  id: c.id,
  channel: c.channel,
  purpose: c.purpose,
  status: c.status,
  source: c.source,
  evidence: c.evidence,
  recordedAt: c.recordedAt.toISOString(),
  recordedBy: c.recordedBy,
});
