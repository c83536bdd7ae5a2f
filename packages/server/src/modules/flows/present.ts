import type { AttachmentRow, DeliveryRow, ExpenseRow, GoodsRow, RefundRow, TransferRow } from './repo.ts';
import type { AllocationRow } from './repo.ts';
import { trackedFields, type Tracking } from './tracking.ts';

type T<R> = R & { tracking: Tracking | null };
const iso = (d: Date) => d.toISOString();

export const presentRefund = (r: T<RefundRow>) => ({
  id: r.id,
  giftId: r.giftId,
  amount: r.amount,
  currency: r.currency,
  refundedAt: iso(r.refundedAt),
  reason: r.reason,
  ...trackedFields(r.tracking, r.voidedAt),
});

export const presentAllocation = (a: T<AllocationRow> & { sources: { giftId: number; amount: number }[] }) => ({
  id: a.id,
  projectId: a.projectId,
  budgetLineId: a.budgetLineId,
  amount: a.amount,
  currency: a.currency,
  allocatedAt: iso(a.allocatedAt),
  note: a.note,
  sources: a.sources.map((s) => ({ giftId: s.giftId, amount: s.amount })),
  ...trackedFields(a.tracking, a.voidedAt),
});

export const presentExpense = (e: T<ExpenseRow>) => ({
  id: e.id,
  projectId: e.projectId,
  budgetLineId: e.budgetLineId,
  payeeCategory: e.payeeCategory,
  amount: e.amount,
  currency: e.currency,
  paidAt: iso(e.paidAt),
  description: e.description,
  invoiceId: e.invoiceId,
  ...trackedFields(e.tracking, e.voidedAt),
});

export const presentTransfer = (t: T<TransferRow>) => ({
  id: t.id,
  direction: t.direction,
  projectId: t.projectId,
  partnerName: t.partnerName,
  partnerUscc: t.partnerUscc,
  amount: t.amount,
  currency: t.currency,
  transferredAt: iso(t.transferredAt),
  counterpartCode: t.counterpartCode,
  counterpartOrigin: t.counterpartOrigin,
  ...trackedFields(t.tracking, t.voidedAt),
});

export const presentGoods = (g: T<GoodsRow>) => ({
  id: g.id,
  direction: g.direction,
  item: g.item,
  unit: g.unit,
  quantity: g.quantity,
  value: g.value,
  currency: g.currency,
  store: g.store,
  projectId: g.projectId,
  movedAt: iso(g.movedAt),
  ...trackedFields(g.tracking, g.voidedAt),
});

/** The beneficiary's case number only for those who record deliveries (PIPL: sensitive, need to know). */
export const presentDelivery = (d: T<DeliveryRow>, showBeneficiary: boolean) => ({
  id: d.id,
  projectId: d.projectId,
  beneficiaryRef: showBeneficiary ? d.beneficiaryRef : null,
  aid: d.aid,
  quantity: d.quantity,
  value: d.value,
  currency: d.currency,
  deliveredAt: iso(d.deliveredAt),
  acknowledgementId: d.acknowledgementId,
  hasAcknowledgementText: d.acknowledgementText !== null,
  ...trackedFields(d.tracking, d.voidedAt),
});

export const presentAttachment = (a: AttachmentRow) => ({
  id: a.id,
  fileName: a.fileName,
  size: a.size,
  sha256: a.sha256,
});

export const presentVoided = (r: { id: number; voidedAt: Date | null; tracking: Tracking }) => ({
  id: r.id,
  voidedAt: r.voidedAt!.toISOString(),
  trackingCode: r.tracking.code,
  leafIndex: r.tracking.leafIndex,
});
