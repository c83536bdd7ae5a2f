/** Mass email (群发邮件): templates, audiences, the sending engine, reports and suppressions. */
export { mailingRoutes } from './routes.ts';
export { runMailing, type RunResult, type SendOptions } from './sender.ts';
export { compileMailing, templateSource, textFromHtml } from './content.ts';
/** Opens and clicks, for organizations that track them. */
export { verifyTrackingToken, addTracking } from './tracking.ts';
export { recordEngagement } from './repo.ts';
/** Audiences (segments and tags) and consent as SQL over `contacts c`, shared with SMS sends. */
export { audienceCondition, latestConsent } from './audience.ts';
export { mailingAudience, type MailingAudience } from './schemas.ts';
/** The suppression list: an address added (a complaint also withdraws its email consents), and hard bounces. */
export { suppressAddress } from './service.ts';
export { suppressBounced } from './repo.ts';
