import type { FastifyPluginAsync } from 'fastify';
import { givingRoutes } from './giving-routes.ts';
import { paymentRoutes } from './payment-routes.ts';
import { updateRoutes } from './update-routes.ts';
import { monthlyRoutes } from './monthly-routes.ts';
import { refundRoutes } from './refund-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { campaignRoutes } from './routes.ts';

/** Every /api route of fundraising: campaigns and media for staff, the public giving API, callbacks. */
export const fundraisingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(campaignRoutes);
  await app.register(givingRoutes);
  await app.register(paymentRoutes);
  await app.register(updateRoutes);
  await app.register(reportRoutes);
  await app.register(monthlyRoutes);
  await app.register(refundRoutes);
};
/** Starting a gift (the public form and the API), and the order a donor follows. */
export {
  startGift,
  giveInput,
  newSubmitToken,
  orderPath,
  openForGiving,
  consentWording,
  type GiveInput,
} from './orders.ts';
export { orderStatus } from './order-status.ts';
/** WeChat Pay and Alipay orders paid from another browser, or after WeChat's sign-in. */
export { afterWechatSignIn, continuePayment } from './continue-payment.ts';
export { inWechat, type PayingClient } from './payment-channels.ts';
/** The order a provider's payment id belongs to (the sandbox pay page). */
export { orderByPaymentId } from './repo.ts';
export { givingDeps, publicCampaign } from './giving.ts';
/** A provider's callback, verified and applied once. */
export { handlePaymentCallback } from './callbacks.ts';
/** Public figures of a campaign. */
export { campaignTotals, recentGifts, maskName, type RecentGift } from './totals.ts';
/** Images for public pages, served from /media. */
export { mediaKey, imageContentType, imageTypes, sniffImage } from './media.ts';
/** Campaigns, for the demo and other modules. */
export { createCampaign, submitCampaign, reviewCampaign, updateCampaign } from './campaigns.ts';
export { presentCampaign } from './present.ts';
export {
  campaignInput,
  campaignPatch,
  campaignSchema,
  campaignTotalsSchema,
  hostedCampaignInput,
  type CampaignInput,
  type CampaignPatch,
} from './schemas.ts';
export { updateInput } from './updates.ts';
export { campaigns, donationOrders, type CampaignCopy, type FundraisingPlan, type UpdateSpending } from './tables.ts';
export type { CampaignRow, OrderRow } from './repo.ts';
/** Closing orders whose time ran out (the scheduled job, and tests). */
export { expireOrders } from './expire.ts';
/** Matching funds (配捐), for the public page and the demo. */
export { createMatchingFund, listMatchingFunds, type MatchingFundRow } from './matching.ts';
/** The providers an organization offers (its bank account adds bank transfer). */
export { providersOf, readPaymentSettings } from './payment-settings.ts';
/** Project updates, for the public page and the notice sweep. */
export { listUpdates, overdueCampaigns, postUpdate, UPDATE_DUE_DAYS } from './updates.ts';
export { emailPendingNotices } from './update-notices.ts';
/** Monthly gifts: changing one (staff or donor), the donor's page, the charging job and its emails. */
export { changeMonthlyGift, monthlyChange, type MonthlyChange } from './monthly.ts';
export { monthlyGiftByToken, monthlyGiftView, monthlyGiftUrl, type MonthlyGiftView } from './monthly-view.ts';
export { chargeDueMonthlyGifts } from './monthly-charge.ts';
export { emailMonthlyNotices } from './monthly-notices.ts';
