import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/authorize.ts';
import { contactParams } from '../contacts/index.ts';
import { presentConsent } from './present.ts';
import { consentInput, consentRecordSchema, consentState } from './schemas.ts';
import * as consent from './service.ts';

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['consent'];

  app.get(
    '/orgs/:org/contacts/:id/consents',
    {
      schema: {
        tags,
        summary: 'Current consent per channel and purpose, and the full history',
        params: contactParams,
        response: { 200: consentState },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const state = await consent.consentState(db, ctx, request.params.id);
      return { current: state.current.map(presentConsent), history: state.history.map(presentConsent) };
    },
  );

  app.post(
    '/orgs/:org/contacts/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record a grant or withdrawal of consent (append-only)',
        params: contactParams,
        body: consentInput,
        response: { 201: consentRecordSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'consent:write');
      return reply
        .status(201)
        .send(presentConsent(await consent.recordConsent(db, ctx, request.params.id, request.body, clock.now())));
    },
  );
};
