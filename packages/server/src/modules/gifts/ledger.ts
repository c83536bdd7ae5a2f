import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../../db/client.ts';
import {
  correctionPayload,
  donationReceivedPayload,
  entriesOfSubject,
  firstEntriesOf,
  giftFactsPayload,
  newSalt,
  recordLedgerEntries,
  recordLedgerEntry,
} from '../ledger/index.ts';
import type { GiftRow } from './present.ts';

/** Where a gift stands in the log: its tracking code, and its leaf index once integrated. */
export interface GiftTracking {
  code: string;
  leafIndex: number | null;
}

/** Writes each gift's donation.received entry, each with a fresh salt for its donor commitment. */
export async function recordGiftsReceived(tx: Db, gifts: readonly GiftRow[]) {
  return recordLedgerEntries(
    tx,
    gifts.map((gift) => {
      const donorSalt = newSalt();
      return {
        orgId: gift.orgId,
        type: 'donation.received' as const,
        subjectType: 'gift',
        subjectId: gift.id,
        payload: donationReceivedPayload(gift, donorSalt),
        openings: { donor: donorSalt },
      };
    }),
  );
}

/**
 * A corrected or deleted gift never edits its entry: a `correction` entry points at it with the new
 * public facts (or none, when the gift is void). Corrections that change no public fact log nothing.
 */
export async function recordGiftCorrection(tx: Db, before: GiftRow, after: GiftRow | null) {
  const entries = await entriesOfSubject(tx, before.orgId, 'gift', before.id);
  const original = entries[0];
  if (!original) return null;
  const facts = after ? giftFactsPayload(after) : null;
  if (facts && isDeepStrictEqual(facts, giftFactsPayload(before))) return null;
  return recordLedgerEntry(tx, {
    orgId: before.orgId,
    type: 'correction',
    subjectType: 'gift',
    subjectId: before.id,
    payload: correctionPayload({ code: original.code, leafIndex: original.leafIndex, type: original.type, facts }),
  });
}

/** The tracking codes of gifts, by gift id. */
export async function trackingOf(db: Db, orgId: string, giftIds: number[]): Promise<Map<number, GiftTracking>> {
  const entries = await firstEntriesOf(db, orgId, 'gift', giftIds);
  return new Map([...entries].map(([id, e]) => [id, { code: e.code, leafIndex: e.leafIndex }]));
}
