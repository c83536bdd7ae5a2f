// Shapes of the contacts list (modules/segments), segments and reports. Keep in step with the server.
import type { Contact } from './contacts';

export type ContactListItem = Pick<
  Contact,
  'id' | 'kind' | 'name' | 'phone' | 'email' | 'placeLabel' | 'category' | 'tags' | 'giftCount' | 'totalGiven' | 'lastGiftAt'
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

export interface MonthPoint {
  month: string; // YYYY-MM
  amount: number; // fen
  giftCount: number;
}

export interface HomeNumbers {
  currency: string;
  contacts: number;
  donors: number;
  giftsThisYear: { amount: number; count: number };
  giftsLastYear: { amount: number; count: number };
  newDonorsThisYear: number;
  byMonth: MonthPoint[];
}

export interface RetentionReport {
  year: number;
  count: number;
  amountLastYear: number;
  currency: string;
  contacts: { id: number; name: string; lastGiftAt: string | null; totalGiven: number }[];
}

export interface FirstVsRepeat {
  year: number;
  currency: string;
  first: { donors: number; amount: number };
  repeat: { donors: number; amount: number };
  byMonth: { month: string; firstDonors: number; repeatDonors: number }[];
}
