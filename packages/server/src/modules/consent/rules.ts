import type { consentChannels, consentStatuses } from './tables.ts';

export type ConsentChannel = (typeof consentChannels)[number];
export type ConsentStatus = (typeof consentStatuses)[number];

export interface ConsentRecordLike {
  id: number;
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  recordedAt: Date;
}

/** Purposes are compared as written by staff, minus case and surrounding spaces: "Newsletter " is "newsletter". */
export const normalizePurpose = (purpose: string) => purpose.normalize('NFKC').trim().toLowerCase();

/**
 * The current state per channel and purpose: the record with the latest time wins (a withdrawal
 * entered after a grant revokes it); records at the same time are ordered by id.
 */
export function currentConsents<T extends ConsentRecordLike>(records: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const record of records) {
    const key = `${record.channel}\u0000${record.purpose}`;
    const seen = latest.get(key);
    const later =
      !seen ||
      record.recordedAt.getTime() > seen.recordedAt.getTime() ||
      (record.recordedAt.getTime() === seen.recordedAt.getTime() && record.id > seen.id);
    if (later) latest.set(key, record);
  }
  return [...latest.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.purpose.localeCompare(b.purpose));
}

/** May we contact this person on this channel for this purpose? Only with a current grant. */
export function mayContact(records: readonly ConsentRecordLike[], channel: ConsentChannel, purpose: string): boolean {
  const wanted = normalizePurpose(purpose);
  return currentConsents(records.filter((r) => r.channel === channel && r.purpose === wanted))[0]?.status === 'granted';
}
