/** Joint fundraising (联合劝募): /orgs/:org/partnerships, /public-fundraising and /hosted-campaigns. */
export { partnershipRoutes } from './routes.ts';
export { fundraisingPartnerships } from './tables.ts';
