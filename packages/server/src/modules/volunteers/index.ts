import type { FastifyPluginAsync } from 'fastify';
import { contactVolunteeringRoutes } from './history.ts';
import { publicSignupRoutes } from './public-routes.ts';
import { rosterRoutes } from './roster-routes.ts';
import { opportunityRoutes } from './routes.ts';

/** Volunteers (志愿者): opportunities, shifts, sign-up through a form, the roster, check-in and hours. */
export const volunteerRoutes: FastifyPluginAsync = async (app) => {
  await app.register(opportunityRoutes);
  await app.register(rosterRoutes);
  await app.register(contactVolunteeringRoutes);
  await app.register(publicSignupRoutes);
};

/** The public side: an open opportunity by its address, and a sign-up (form response, contact and places in one transaction). */
export { publicOpportunity, signUp, openShiftsOf, type PublicOpportunity } from './signup.ts';
/** Where a form's own page sends visitors when the form signs people up for an opportunity. */
export { opportunityPathForForm } from './signup.ts';
export { opportunityPath } from './present.ts';
export { shiftTime } from './time.ts';
/** Staff work on opportunities, shifts and places, for the demo organization's seed. */
export { createOpportunity, createShift, setOpportunityStatus } from './service.ts';
export { addSignup, logHours } from './roster.ts';
