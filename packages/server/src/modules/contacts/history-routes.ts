import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { addNote, listNotes, type NoteRow } from './notes.ts';
import { addRelationship, listRelationships, removeRelationship, type RelationshipView } from './relationships.ts';
import {
  contactParams,
  noteInput,
  noteSchema,
  pageQuery,
  relationshipInput,
  relationshipParams,
  relationshipSchema,
  timelinePage,
} from './schemas.ts';
import { readTimeline } from './timeline.ts';

const ok = z.object({ ok: z.literal(true) });

const presentRelationship = (r: RelationshipView) => ({
  id: r.id,
  type: r.type,
  note: r.note,
  contact: { id: r.contact.id, name: r.contact.name, kind: r.contact.kind },
  createdAt: r.createdAt.toISOString(),
});
const presentNote = (n: NoteRow) => ({
  id: n.id,
  body: n.body,
  authorUserId: n.authorUserId,
  authorName: n.authorName,
  createdAt: n.createdAt.toISOString(),
});

/** A contact's relationships, notes and timeline. */
export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['contacts'];

  app.get(
    '/orgs/:org/contacts/:id/relationships',
    {
      schema: {
        tags,
        summary: 'Relationships, each seen from this contact',
        params: contactParams,
        response: { 200: z.array(relationshipSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return (await listRelationships(db, ctx, request.params.id)).map(presentRelationship);
    },
  );

  app.post(
    '/orgs/:org/contacts/:id/relationships',
    {
      schema: {
        tags,
        summary: 'Relate two contacts; `type` is what the other contact is to this one',
        params: contactParams,
        body: relationshipInput,
        response: { 201: relationshipSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:write');
      return reply
        .status(201)
        .send(presentRelationship(await addRelationship(db, ctx, request.params.id, request.body)));
    },
  );

  app.delete(
    '/orgs/:org/contacts/:id/relationships/:relationshipId',
    { schema: { tags, summary: 'Remove a relationship', params: relationshipParams, response: { 200: ok } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:write');
      await removeRelationship(db, ctx, request.params.id, request.params.relationshipId);
      return { ok: true as const };
    },
  );

  app.get(
    '/orgs/:org/contacts/:id/notes',
    { schema: { tags, summary: 'Notes, newest first', params: contactParams, response: { 200: z.array(noteSchema) } } },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return (await listNotes(db, ctx, request.params.id)).map(presentNote);
    },
  );

  app.post(
    '/orgs/:org/contacts/:id/notes',
    { schema: { tags, summary: 'Add a note', params: contactParams, body: noteInput, response: { 201: noteSchema } } },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:write');
      return reply.status(201).send(presentNote(await addNote(db, ctx, request.params.id, request.body.body)));
    },
  );

  app.get(
    '/orgs/:org/contacts/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Everything that happened to the contact, newest first',
        params: contactParams,
        querystring: pageQuery,
        response: { 200: timelinePage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      const page = await readTimeline(db, ctx, request.params.id, request.query);
      return {
        items: page.items.map((a) => ({
          id: a.id,
          at: a.at.toISOString(),
          type: a.type,
          summary: a.summary,
          data: a.data,
          actorUserId: a.actorUserId,
          actorName: a.actorName,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};
