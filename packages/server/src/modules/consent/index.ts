/** GET and POST /orgs/:org/contacts/:id/consents. */
export { consentRoutes } from './routes.ts';
/** Appends a consent record; `consentFor` answers whether a channel and purpose may be used now. */
export { recordConsent, appendConsents, consentFor, type ConsentAnswer } from './service.ts';
/** Pure consent rules: the current state from a history. */
export { currentConsents, mayContact, normalizePurpose, type ConsentChannel, type ConsentStatus } from './rules.ts';
/** Request schema of a consent record. */
export { consentInput, evidenceSchema, type ConsentInput } from './schemas.ts';
/** The channels a consent record can be for. */
export { consentChannels } from './tables.ts';
/** A contact's consent records, newest first (not audited: the caller decides). */
export { consentRecords } from './repo.ts';
