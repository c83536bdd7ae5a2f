/** POST /orgs/:org/gifts, GET /orgs/:org/contacts/:id/gifts, PATCH and DELETE /orgs/:org/gifts/:giftId. */
export { giftRoutes } from './routes.ts';
/** Records a gift (contact checked, timeline line, audit) in its own transaction or the caller's. */
export { recordGift, appendGifts } from './service.ts';
export { drawnFromGift, giftByExternalId } from './repo.ts';
/** Gift request schema and the ISO 4217 currency check. */
export { giftInput, giftFields, currencySchema, type GiftInput } from './schemas.ts';
/** Presentation of a gift row, and "CNY 100.00" formatting of minor units. */
export { presentGift, formatMoney } from './present.ts';
/** The donation.received entries (tracking codes) of gifts, by gift id. */
export { trackingOf } from './ledger.ts';
