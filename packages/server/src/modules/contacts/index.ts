import type { FastifyPluginAsync } from 'fastify';
import { contactRoutes } from './routes.ts';
import { customFieldRoutes } from './custom-field-routes.ts';
import { dataRightsRoutes } from './data-rights-routes.ts';
import { historyRoutes } from './history-routes.ts';
import { tagRoutes } from './tag-routes.ts';

/** Every /orgs/:org/contacts, /tags, /custom-fields and /categories route of this module. */
export const contactsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(contactRoutes);
  await app.register(tagRoutes);
  await app.register(customFieldRoutes);
  await app.register(historyRoutes);
  await app.register(dataRightsRoutes);
};

/** Creates a contact (normalized, with tags, activity and audit) in its own transaction or the caller's. */
export {
  createContact,
  updateContact,
  addActivity,
  insertActivities,
  loadContact,
  loadWritableContact,
  auditContactRead,
  actorUserId,
  bodyProblems,
} from './service.ts';
/** Reads one contact without auditing (for services that audit their own reads). */
export {
  findContact as getContact,
  lockListedByPhonesOrEmails,
  lockSupporterKeys,
  tagsOf,
  type ContactRow,
} from './repo.ts';
/** New contacts with their tags, lines and audit events, many in a few statements (public forms). */
export { createContacts, type NewContact } from './create-contacts.ts';
/** Finds (or creates) the contacts that public forms' phones and emails belong to. */
export { findOrCreateSupporters, type Supporter } from './supporters.ts';
/** Pure normalization of one contact's fields; the import pipeline runs it per row. */
export {
  normalizeContactInput,
  type RawContactFields,
  type NormalizedContact,
  type NormalizeResult,
} from './contact-input.ts';
/** Custom field value checks against definitions. */
export { validateCustomValues, type CustomFieldDef } from './custom-values.ts';
/** Request schema of a new contact. */
export { contactInput, contactSchema, contactParams, pageQuery, type ContactInput } from './schemas.ts';
/** Presents a contact row as the API shows it. */
export { presentContact } from './present.ts';
/** Keyset pagination by (timestamp, id). */
export { afterCursor, decodeCursor, microsOf, pageOf } from './cursor.ts';
/** Lists the org's custom field definitions. */
export { listCustomFields } from './repo.ts';
