import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { authorize, type OrgContext } from '../../http/authorize.ts';
import { auditContactRead, loadContact } from '../contacts/index.ts';
import { contactParams, contactVolunteering } from './schemas.ts';
import { contactVolunteeringOf } from './volunteering.ts';

async function readVolunteering(db: Db, ctx: OrgContext, contactId: number) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'volunteering');
    return contactVolunteeringOf(tx, ctx.org.id, contactId);
  });
}

/** GET /orgs/:org/contacts/:id/volunteering: the contact page's volunteer history. */
export const contactVolunteeringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/orgs/:org/contacts/:id/volunteering',
    {
      schema: {
        tags: ['volunteers'],
        summary: "A contact's volunteer history: hours served, counts, and each signup (an audited read)",
        params: contactParams,
        response: { 200: contactVolunteering },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:read');
      return readVolunteering(db, ctx, request.params.id);
    },
  );
};
