// Shapes of modules/partnerships (joint fundraising, 联合劝募). Keep in step with the server.
import type { donorDataShares, partnershipStatuses } from './enums';
import type { Campaign } from './fundraising';

export type DonorDataShare = (typeof donorDataShares)[number];

export interface Partnership {
  id: number;
  role: 'host' | 'partner';
  status: (typeof partnershipStatuses)[number];
  host: { name: string; slug: string };
  partner: { name: string; slug: string };
  project: { id: number; name: string };
  donorData: DonorDataShare;
  note: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  createdAt: string;
}

export interface PartnershipList {
  certificate: string | null;
  items: Partnership[];
}

export interface CampaignFigures {
  raised: number;
  matched: number;
  gifts: number;
  donors: number;
  lastUpdateAt: string | null;
  updateOverdue: boolean;
}

export interface HostedCampaign extends Campaign {
  host: { name: string; slug: string };
  donorData: DonorDataShare;
  figures: CampaignFigures;
}

export interface PartnerOverviewItem {
  campaign: Campaign;
  partner: { name: string; slug: string };
  figures: CampaignFigures;
}

export interface HostedDonor {
  giftId: number;
  amount: number;
  currency: string;
  receivedAt: string;
  name: string;
  phone: string | null;
  email: string | null;
}
