// Shapes of modules/fundraising. Keep in step with the server (schemas.ts there).
import { useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import type {
  campaignStatuses,
  givingFrequencies,
  monthlyStatuses,
  orderRefundStatuses,
  orderStatuses,
  paymentProviders,
} from './enums';

export type CampaignStatus = (typeof campaignStatuses)[number];

export interface CampaignCopy {
  title: string;
  summary: string;
  story: string;
  coverKey: string | null;
  coverUrl: string | null;
}

export interface FundraisingPlan {
  filingNumber: string | null;
  purpose: string | null;
  region: string | null;
  personInCharge: string | null;
  beneficiaries: string | null;
  useOfFunds: string | null;
  leftoverPlan: string | null;
}

export interface Campaign {
  id: number;
  slug: string;
  status: CampaignStatus;
  copy: CampaignCopy;
  pending: { copy: CampaignCopy; plan: FundraisingPlan } | null;
  plan: FundraisingPlan;
  projectId: number;
  goal: number | null;
  currency: string;
  presetAmounts: number[];
  minAmount: number;
  maxAmount: number;
  allowMonthly: boolean;
  startsAt: string | null;
  endsAt: string | null;
  reviewNote: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  /** Joint fundraising: the partner organization running this campaign under this one. */
  partnerOrgId: string | null;
  closedAt: string | null;
  publicUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignTotals {
  raised: number;
  matched: number;
  gifts: number;
  donors: number;
  onlineOrders: { paid: number; pending: number; expired: number };
}

export interface Order {
  id: number;
  orderNo: string;
  campaignId: number;
  amount: number;
  currency: string;
  frequency: (typeof givingFrequencies)[number];
  provider: (typeof paymentProviders)[number];
  status: (typeof orderStatuses)[number];
  anonymous: boolean;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  transactionId: string | null;
  giftId: number | null;
  contactId: number | null;
}

export function useCampaigns() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['campaigns', scope.org.slug],
    queryFn: () => api.get<Campaign[]>(scope.path('/campaigns')),
  });
}

export function useCampaign(id: number | undefined) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['campaign', scope.org.slug, id],
    queryFn: () => api.get<Campaign>(scope.path(`/campaigns/${id}`)),
    enabled: id !== undefined,
  });
}

export function useCampaignTotals(id: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['campaign-totals', scope.org.slug, id],
    queryFn: () => api.get<CampaignTotals>(scope.path(`/campaigns/${id}/totals`)),
    refetchInterval: 15_000,
  });
}

export type MonthlyStatus = (typeof monthlyStatuses)[number];

/** A monthly gift (月捐) as /orgs/:org/monthly-gifts lists it. */
export interface MonthlyGift {
  id: number;
  campaignId: number;
  contactId: number;
  contactName: string | null;
  provider: (typeof paymentProviders)[number];
  amount: number;
  currency: string;
  chargeDay: number;
  status: MonthlyStatus;
  nextChargeAt: string | null;
  failures: number;
  lastFailure: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: 'donor' | 'staff' | 'campaign' | 'provider' | null;
}

export interface MonthlyCharge {
  orderNo: string;
  period: string | null;
  amount: number;
  currency: string;
  status: (typeof orderStatuses)[number];
  createdAt: string;
  paidAt: string | null;
  receiptUrl: string | null;
}

export interface MonthlyGiftDetail extends MonthlyGift {
  manageUrl: string;
  view: { charges: MonthlyCharge[]; statementUrl: string };
}

export interface MonthlyList {
  summary: { status: MonthlyStatus; currency: string; count: number; amount: number }[];
  items: MonthlyGift[];
}

export type MonthlyChange =
  | { action: 'change-amount'; amount: number }
  | { action: 'pause'; months: number | null }
  | { action: 'resume' }
  | { action: 'cancel'; reason?: string | null };

/** A refund sent back through the provider the donor paid with (原路退款). */
export interface OrderRefund {
  id: number;
  refundNo: string;
  provider: (typeof paymentProviders)[number];
  amount: number;
  currency: string;
  reason: string;
  status: (typeof orderRefundStatuses)[number];
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /orgs/:org/gifts/:id/refund-options. */
export interface RefundOptions {
  giftId: number;
  amount: number;
  currency: string;
  left: number;
  online: { orderNo: string; provider: (typeof paymentProviders)[number]; refundable: boolean } | null;
  requests: OrderRefund[];
}
