// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

/** draft → review → live → closed; a rejected review goes back to draft. */
export const campaignStatuses = ['draft', 'review', 'live', 'closed'] as const;
export const givingFrequencies = ['once', 'monthly'] as const;
/** pending until the provider confirms payment; expired when its time ran out unpaid. */
export const orderStatuses = ['pending', 'paid', 'expired', 'failed'] as const;
export const paymentProviders = ['sandbox', 'wechat', 'alipay', 'bank-transfer'] as const;
export const dedicationKinds = ['honour', 'memory'] as const;
/** What a payment callback did: recorded a payment, changed nothing (a repeat), or was refused. */
export const notificationOutcomes = ['recorded', 'duplicate', 'rejected'] as const;
/**
 * A monthly gift: active (charged each month), paused (by the donor or staff; resumes on its date, if
 * it has one), lapsed (charges failed three times: the donor is asked to set it up again) or cancelled.
 */
export const monthlyStatuses = ['active', 'paused', 'lapsed', 'cancelled'] as const;
/** The emails a monthly donor gets about their gift itself (service messages, not appeals). */
export const monthlyNotices = ['welcome', 'declined', 'lapsed', 'ended'] as const;
/**
 * A refund sent back through the gift's payment provider (原路退款): requested, then processing while the
 * provider works on it (its notification completes it), succeeded (recorded as a refund of the gift) or
 * failed.
 */
export const orderRefundStatuses = ['requested', 'processing', 'succeeded', 'failed'] as const;
