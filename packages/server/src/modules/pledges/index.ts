/** /orgs/:org/pledges: pledges (认捐) and the gifts that pay them. */
export { pledgeRoutes } from './routes.ts';
export { pledges, pledgePayments } from './tables.ts';
export { createPledge, payPledge } from './service.ts';
