// Shapes of modules/pledges. Keep in step with the server (schemas.ts there).
import type { pledgeStatuses } from './enums';

export type PledgeStatus = (typeof pledgeStatuses)[number];

export interface Pledge {
  id: number;
  contactId: number;
  contactName: string | null;
  amount: number;
  currency: string;
  paid: number;
  balance: number;
  pledgedOn: string;
  dueOn: string;
  status: PledgeStatus;
  campaign: string | null;
  fund: string | null;
  note: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
}

export interface PledgeDetail extends Pledge {
  payments: {
    giftId: number;
    amount: number;
    refunded: number;
    currency: string;
    receivedAt: string;
    channel: string;
  }[];
}

export interface PledgeList {
  summary: { status: PledgeStatus; currency: string; count: number; outstanding: number }[];
  items: Pledge[];
}
