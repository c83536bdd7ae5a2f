// Shapes of modules/projects and modules/flows. Keep in step with the server.

/** Every fund-flow row carries its log entry: the public code, and the leaf index once integrated. */
export interface Tracked {
  trackingCode: string | null;
  leafIndex: number | null;
  /** Set when voided by a correction: balances and stock leave the row out. */
  voidedAt: string | null;
}

export interface BudgetLine {
  id: number;
  name: string;
  amount: number;
}

export interface Project {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  currency: string;
  status: 'active' | 'closed';
  budgetLines: BudgetLine[];
  createdAt: string;
}

export interface ProjectSummary {
  projectId: number;
  currency: string;
  allocated: number;
  transfersIn: number;
  spent: number;
  transfersOut: number;
  balance: number;
  budgetLines: (BudgetLine & { spent: number })[];
}

export interface Allocation extends Tracked {
  id: number;
  projectId: number;
  budgetLineId: number | null;
  amount: number;
  currency: string;
  allocatedAt: string;
  note: string | null;
  sources: { giftId: number; amount: number }[];
}

export interface Expense extends Tracked {
  id: number;
  projectId: number;
  budgetLineId: number | null;
  payeeCategory: string;
  amount: number;
  currency: string;
  paidAt: string;
  description: string | null;
  invoiceId: number;
}

export interface Transfer extends Tracked {
  id: number;
  direction: 'sent' | 'received';
  projectId: number;
  partnerName: string;
  partnerUscc: string | null;
  amount: number;
  currency: string;
  transferredAt: string;
  counterpartCode: string | null;
  counterpartOrigin: string | null;
}

export interface GoodsMovement extends Tracked {
  id: number;
  direction: 'in' | 'out';
  item: string;
  unit: string;
  quantity: number;
  value: number;
  currency: string;
  store: string;
  projectId: number | null;
  movedAt: string;
}

export interface StockLine {
  store: string;
  item: string;
  unit: string;
  quantity: number;
  value: number;
  currency: string;
}

export interface Delivery extends Tracked {
  id: number;
  projectId: number;
  beneficiaryRef: string | null;
  aid: string;
  quantity: number | null;
  value: number;
  currency: string;
  deliveredAt: string;
  acknowledgementId: number | null;
  hasAcknowledgementText: boolean;
}

export interface Attachment {
  id: number;
  fileName: string;
  size: number;
  sha256: string;
}
