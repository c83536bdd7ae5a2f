// Shapes of the contacts list (modules/segments), segments and reports. Keep in step with the server.
import type { Contact } from './contacts';

export type ContactListItem = Pick<
  Contact,
  | 'id'
  | 'kind'
  | 'name'
  | 'phone'
  | 'email'
  | 'placeLabel'
  | 'category'
  | 'tags'
  | 'giftCount'
  | 'totalGiven'
  | 'lastGiftAt'
>;

export interface ContactListPage {
  items: ContactListItem[];
  nextCursor: string | null;
}

export interface ContactFilters {
  q?: string;
  tag?: number[];
  province?: string;
  category?: string;
  segment?: number;
}

export interface Segment {
  id: number;
  name: string;
  description: string | null;
  definition: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface Money {
  currency: string;
  amount: number;
}

export interface Overview {
  contacts: number;
  newContactsThisMonth: number;
  donorsThisYear: number;
  raisedThisYear: Money[];
  raisedLastYear: Money[];
  raisedLastYearToDate: Money[];
  recentGifts: {
    id: number;
    contactId: number;
    contactName: string;
    amount: number;
    currency: string;
    kind: string;
    channel: string;
    campaign: string | null;
    receivedAt: string;
  }[];
}

export interface GiftTotals {
  groupBy: 'year' | 'month' | 'channel' | 'campaign';
  rows: { key: string | null; currency: string; amount: number; gifts: number; donors: number }[];
}

export interface LapsedReport {
  year: number;
  definition: string;
  donors: number;
  given: Money[];
}

export type DonorsByYear = {
  year: number;
  firstTime: { donors: number; given: Money[] };
  repeat: { donors: number; given: Money[] };
}[];
