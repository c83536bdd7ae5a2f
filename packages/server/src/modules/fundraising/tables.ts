import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  date,
  integer,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import { allocations } from '../flows/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/tables.ts';
import {
  campaignStatuses,
  dedicationKinds,
  givingFrequencies,
  monthlyNotices,
  monthlyStatuses,
  notificationOutcomes,
  orderRefundStatuses,
  orderStatuses,
  paymentProviders,
} from './enums.ts';

export { campaignStatuses, givingFrequencies, monthlyStatuses, orderRefundStatuses, orderStatuses, paymentProviders };

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/**
 * What the public page says: the copy a reviewer approves. On a live campaign, staff edits wait in
 * `pendingCopy` until approved, so the public never sees unreviewed text.
 */
export interface CampaignCopy {
  title: string;
  summary: string;
  /** Sanitized HTML (paragraphs, headings, lists, links, images). */
  story: string;
  coverKey: string | null;
}

/** Edits of a live campaign's public words, waiting for a reviewer. */
export type PendingEdits = CampaignCopy & { plan: FundraisingPlan };

/**
 * The fundraising plan (募捐方案) as filed with the civil affairs bureau, shown on the public page with
 * its filing number (备案编号).
 */
export interface FundraisingPlan {
  filingNumber: string | null;
  purpose: string | null;
  region: string | null;
  personInCharge: string | null;
  beneficiaries: string | null;
  useOfFunds: string | null;
  leftoverPlan: string | null;
}

/** A fundraising campaign: a public page that takes gifts into one project (fund). */
export const campaigns = pgTable(
  'campaigns',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    /** Public (/c/<org>/<slug>) and fixed once the campaign has gone live. */
    slug: text().notNull(),
    status: text({ enum: campaignStatuses }).notNull().default('draft'),
    copy: jsonb().$type<CampaignCopy>().notNull(),
    pendingCopy: jsonb().$type<PendingEdits>(),
    plan: jsonb().$type<FundraisingPlan>().notNull(),
    projectId: bigint({ mode: 'number' }).notNull(),
    goal: bigint({ mode: 'number' }),
    currency: char({ length: 3 }).notNull(),
    /** Preset amounts in minor units, in the order the page shows them. */
    presetAmounts: jsonb().$type<number[]>().notNull(),
    minAmount: bigint({ mode: 'number' }).notNull(),
    maxAmount: bigint({ mode: 'number' }).notNull(),
    allowMonthly: boolean().notNull().default(true),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
    submittedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    approvedBy: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    /**
     * Joint fundraising (联合劝募): the partner organization that runs this campaign under this
     * organization's public-fundraising qualification. The campaign, its gifts and receipts are the host's.
     */
    partnerOrgId: uuid().references(() => organizations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('campaigns_slug_key').on(t.orgId, t.slug),
    index('campaigns_partner_idx')
      .on(t.partnerOrgId)
      .where(sql`${t.partnerOrgId} is not null`),
    foreignKey({ columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
  ],
);

/** The donor's own words on the form, kept with the order until the gift exists. */
export interface DonorDetails {
  name: string;
  phone: string | null;
  email: string | null;
  anonymous: boolean;
  dedication: { kind: (typeof dedicationKinds)[number]; name: string; message: string | null } | null;
  /** The consent boxes the donor ticked, with the words shown beside each. */
  consents: { channel: 'email' | 'sms' | 'wechat' | 'phone' | 'post'; purpose: string; text: string }[];
}

/**
 * A gift being paid: created by the giving form, confirmed by the provider's verified callback. The
 * gift, its contact and its ledger entry are written only then, once, whatever callbacks repeat.
 */
export const donationOrders = pgTable(
  'donation_orders',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    /** Sent to the provider (out_trade_no) and shown to the donor; unique across the instance. */
    orderNo: text().notNull(),
    campaignId: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    frequency: text({ enum: givingFrequencies }).notNull(),
    provider: text({ enum: paymentProviders }).notNull(),
    providerPaymentId: text(),
    status: text({ enum: orderStatuses }).notNull().default('pending'),
    donor: jsonb().$type<DonorDetails>().notNull(),
    /** The form's one-time token: a second submit of the same form finds this order. */
    submitToken: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    paidAt: timestamp({ withTimezone: true }),
    transactionId: text(),
    giftId: bigint({ mode: 'number' }),
    contactId: bigint({ mode: 'number' }),
    /** A monthly gift's charge: the gift it belongs to, and the month it pays for (YYYY-MM). */
    monthlyGiftId: bigint({ mode: 'number' }),
    period: text(),
    /**
     * A monthly gift's first order: the agreement the donor signed while paying it, when the vendor's
     * 签约 notice came before its payment notice (WeChat Pay and Alipay send them separately).
     */
    agreementId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('donation_orders_no_key').on(t.orderNo),
    // One charge per month of a monthly gift, however often the charging job runs or retries.
    uniqueIndex('donation_orders_period_key')
      .on(t.orgId, t.monthlyGiftId, t.period)
      .where(sql`${t.monthlyGiftId} is not null`),
    uniqueIndex('donation_orders_submit_key').on(t.orgId, t.submitToken),
    index('donation_orders_campaign_idx').on(t.orgId, t.campaignId, t.paidAt),
    // The sandbox pay page and providers' return links know the provider's payment id only.
    index('donation_orders_payment_idx')
      .on(t.provider, t.providerPaymentId)
      .where(sql`${t.providerPaymentId} is not null`),
    index('donation_orders_pending_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
  ],
);

/**
 * Every authentic payment callback for one of the organization's orders, by the provider's notification
 * id: the record that makes a replayed callback a no-op, and what staff see when reconciling.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    provider: text({ enum: paymentProviders }).notNull(),
    notificationId: text().notNull(),
    orderNo: text().notNull(),
    kind: text().notNull(),
    outcome: text({ enum: notificationOutcomes }).notNull(),
    reason: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('payment_notifications_key').on(t.provider, t.notificationId),
    index('payment_notifications_order_idx').on(t.orgId, t.orderNo),
  ],
);

/**
 * A matching fund (配捐): a sponsor's money, received up front as one gift, that adds `numerator /
 * denominator` to each online gift to a campaign until the cap is reached (and, if set, per donor and
 * per day). Each match is an allocation of the sponsor's gift to the campaign's project, so it is in
 * the ledger as funds.allocated and the sponsor's gift is followed like any other.
 */
export const matchingFunds = pgTable(
  'matching_funds',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    campaignId: bigint({ mode: 'number' }).notNull(),
    /** As the public page names the sponsor (a company may ask to appear as 爱心企业). */
    sponsorName: text().notNull(),
    giftId: bigint({ mode: 'number' }).notNull(),
    ratioNumerator: integer().notNull(),
    ratioDenominator: integer().notNull(),
    cap: bigint({ mode: 'number' }).notNull(),
    perDonorCap: bigint({ mode: 'number' }),
    perDayCap: bigint({ mode: 'number' }),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    /** Kept exact under concurrent gifts: updated with the fund's row locked, in the match's transaction. */
    matched: bigint({ mode: 'number' }).notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('matching_funds_campaign_idx').on(t.orgId, t.campaignId),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
  ],
);

/** One gift matched by one fund: how much, for whom and on which day (the organization's calendar). */
export const matches = pgTable(
  'matches',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    matchingFundId: bigint({ mode: 'number' }).notNull(),
    giftId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    allocationId: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    day: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('matches_gift_key').on(t.orgId, t.matchingFundId, t.giftId),
    index('matches_donor_idx').on(t.orgId, t.matchingFundId, t.contactId),
    index('matches_day_idx').on(t.orgId, t.matchingFundId, t.day),
    index('matches_of_gift_idx').on(t.orgId, t.giftId),
    foreignKey({ columns: [t.orgId, t.matchingFundId], foreignColumns: [matchingFunds.orgId, matchingFunds.id] }),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
    foreignKey({ columns: [t.orgId, t.allocationId], foreignColumns: [allocations.orgId, allocations.id] }),
  ],
);

/** How an organization takes money: for now, the bank account donors transfer to (对公账户). */
/** A WeChat Pay merchant account as stored: the public parts readable, the secrets sealed. */
export interface StoredWechatPay {
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  /** Platform certificates or WeChat Pay public keys (PEM) by serial or public key id: public. */
  platformKeys: Record<string, string>;
  /** sealSecret of JSON { merchantPrivateKey, apiV3Key, appSecret, apiV2Key }. */
  sealed: string;
  /** 委托代扣, when the merchant has it: the template (plan_id); its APIv2 key is sealed with the others. */
  withholding?: { planId: string };
}

/** An Alipay application as stored. */
export interface StoredAlipay {
  appId: string;
  alipayPublicKey: string;
  /** sealSecret of JSON { appPrivateKey }. */
  sealed: string;
  /** 周期扣款, when the application has it: the 签约场景 Alipay approved. */
  withholding?: { signScene: string };
}

export const paymentSettings = pgTable('payment_settings', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  bankAccount: jsonb().$type<{ bankName: string; branch: string; accountName: string; accountNumber: string }>(),
  /** The organization's own WeChat Pay merchant account (商户号); its secrets sealed with SECRET_KEY. */
  wechatPay: jsonb().$type<StoredWechatPay>(),
  /** The organization's own Alipay application; its private key sealed with SECRET_KEY. */
  alipay: jsonb().$type<StoredAlipay>(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** What an update shows of the money at the time it was posted, from the ledger's figures. */
export interface UpdateSpending {
  currency: string;
  allocated: number;
  spent: number;
  byCategory: { category: string; amount: number }[];
}

/**
 * A progress update (项目进展) of a campaign: words and pictures from the field and the money spent so
 * far. Donors who agreed to hear are emailed; a live campaign without one for 90 days is flagged, as the
 * Charity Law asks projects to report at least every three months.
 */
export const campaignUpdates = pgTable(
  'campaign_updates',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    campaignId: bigint({ mode: 'number' }).notNull(),
    title: text().notNull(),
    /** Sanitized HTML, like a campaign's story. */
    body: text().notNull(),
    spending: jsonb().$type<UpdateSpending>(),
    authorUserId: uuid(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('campaign_updates_campaign_idx').on(t.orgId, t.campaignId, t.publishedAt),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
  ],
);

/**
 * One donor to tell about one update, by email: chosen when the update is posted (donors of the
 * campaign who had agreed), checked for consent again when sent, and sent at most once.
 */
export const updateNotices = pgTable(
  'update_notices',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    updateId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    status: text({ enum: ['pending', 'sent', 'skipped', 'failed'] })
      .notNull()
      .default('pending'),
    reason: text(),
    attempts: integer().notNull().default(0),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('update_notices_key').on(t.orgId, t.updateId, t.contactId),
    index('update_notices_pending_idx')
      .on(t.orgId, t.id)
      .where(sql`${t.status} = 'pending'`),
    foreignKey({ columns: [t.orgId, t.updateId], foreignColumns: [campaignUpdates.orgId, campaignUpdates.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
  ],
);

/**
 * A donor's monthly gift: the agreement they signed with the provider while paying its first order,
 * and the schedule the charging job follows. Each month's charge is a donation order of its own.
 */
export const monthlyGifts = pgTable(
  'monthly_gifts',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    campaignId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    /** The first, donor-approved order that set it up. */
    firstOrderId: bigint({ mode: 'number' }).notNull(),
    provider: text({ enum: paymentProviders }).notNull(),
    agreementId: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    /** The day of the month it is charged on (1–28, so every month has it), in China time. */
    chargeDay: integer().notNull(),
    status: text({ enum: monthlyStatuses }).notNull().default('active'),
    /** When the job charges it next; null while paused with no date to resume, lapsed or cancelled. */
    nextChargeAt: timestamp({ withTimezone: true }),
    /** The month (YYYY-MM, China time) the next charge pays for; retries keep it. */
    period: text().notNull(),
    /** Declined charges in a row for the current month; three and it lapses. */
    failures: integer().notNull().default(0),
    lastFailure: text(),
    donor: jsonb().$type<DonorDetails>().notNull(),
    /** An email for the donor waiting to be sent by the notices sweep: welcome, declined, lapsed. */
    noticeDue: text({ enum: monthlyNotices }),
    noticeClaimedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /**
     * The donor (here, or by ending the agreement in WeChat or Alipay: 'provider'), staff, or the
     * campaign's end (a gift is never taken outside its fundraising period).
     */
    cancelledBy: text({ enum: ['donor', 'staff', 'campaign', 'provider'] }),
    /** The last pre-debit notice (WeChat Pay's 预扣费通知) sent for a coming charge: the month, amount and time. */
    debitNotice: jsonb().$type<{ period: string; amount: number; sentAt: string }>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('monthly_gifts_first_order_key').on(t.orgId, t.firstOrderId),
    index('monthly_gifts_due_idx')
      .on(t.nextChargeAt)
      .where(sql`${t.status} in ('active', 'paused')`),
    index('monthly_gifts_notice_idx')
      .on(t.orgId)
      .where(sql`${t.noticeDue} is not null`),
    index('monthly_gifts_contact_idx').on(t.orgId, t.contactId),
    // A vendor's 解约 notice names the agreement only.
    index('monthly_gifts_agreement_idx').on(t.orgId, t.provider, t.agreementId),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.firstOrderId], foreignColumns: [donationOrders.orgId, donationOrders.id] }),
  ],
);

/**
 * A refund of an online gift through its provider. The money is only recorded as refunded (a `refunds`
 * row and its `donation.refunded` ledger entry) once the provider says it went back; until then the
 * request holds its amount, so two requests can never refund more than the gift.
 */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    orderId: bigint({ mode: 'number' }).notNull(),
    giftId: bigint({ mode: 'number' }).notNull(),
    /** Sent to the provider (out_refund_no / out_request_no); unique across the instance. */
    refundNo: text().notNull(),
    provider: text({ enum: paymentProviders }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: char({ length: 3 }).notNull(),
    /** Shown to the donor by the provider. */
    reason: text().notNull(),
    status: text({ enum: orderRefundStatuses }).notNull().default('requested'),
    providerRefundId: text(),
    /** The refund recorded against the gift once the money went back. */
    refundId: bigint({ mode: 'number' }),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('order_refunds_no_key').on(t.refundNo),
    index('order_refunds_gift_idx').on(t.orgId, t.giftId),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [donationOrders.orgId, donationOrders.id] }),
    foreignKey({ columns: [t.orgId, t.giftId], foreignColumns: [gifts.orgId, gifts.id] }),
  ],
);
