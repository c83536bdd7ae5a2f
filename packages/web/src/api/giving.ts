// Shapes of modules/gifts and modules/consent. Keep in step with the server.

import type { consentChannels, consentStatuses, evidenceTypes, giftKinds } from './enums';

export { consentChannels } from './enums';
export type ConsentChannel = (typeof consentChannels)[number];
export type ConsentStatus = (typeof consentStatuses)[number];
export type GiftKind = (typeof giftKinds)[number];

export interface Gift {
  id: number;
  contactId: number;
  kind: GiftKind;
  amount: number;
  currency: string;
  receivedAt: string;
  channel: string;
  campaign: string | null;
  fund: string | null;
  paymentReference: string | null;
  inKindDescription: string | null;
  externalId: string | null;
  source: string;
  createdAt: string;
  /** The donation.received entry's code: /t/<code> is the gift's public journey. */
  trackingCode: string | null;
  /** Its place in the transparency log; null until integrated. */
  leafIndex: number | null;
}

export interface GiftInput {
  contactId: number;
  kind: GiftKind;
  amount: number;
  currency: string;
  receivedAt: string;
  channel: string;
  campaign?: string;
  fund?: string;
  paymentReference?: string;
  inKindDescription?: string;
}

export interface ConsentRecord {
  id: number;
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  source: string;
  evidence: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string | null;
}

/** The evidence a staff member can record by hand (the server knows more kinds). */
export const staffEvidenceTypes = [
  'staff_entry',
  'paper_form',
  'phone_call',
  'email_reply',
  'sms_reply',
] as const satisfies readonly (typeof evidenceTypes)[number][];
export type StaffEvidenceType = (typeof staffEvidenceTypes)[number];

/** The purposes the console names; the server takes any short text. Forms ask for 'updates' by default. */
export const consentPurposes = [
  'communications',
  'fundraising',
  'newsletter',
  'events',
  'volunteering',
  'updates',
] as const;

export interface ConsentInput {
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  source: 'staff';
  evidence: { type: StaffEvidenceType; text?: string; ref?: string };
}

export interface ConsentState {
  current: ConsentRecord[];
  history: ConsentRecord[];
}
