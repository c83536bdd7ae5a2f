import { base64Encode } from '@commonweal/ledger';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { servedNote } from './log.ts';
import {
  consistencyProof,
  latestCheckpoint,
  logEntries,
  logFile,
  requestedInclusionProof,
  type InclusionProof,
} from './read.ts';
import {
  binaryResponse,
  consistencyProofSchema,
  consistencyQuery,
  entriesQuery,
  inclusionProofSchema,
  inclusionQuery,
  loggedEntrySchema,
  textResponse,
} from './schemas.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT_LIVED = 'public, max-age=5';
const schemaBase = { tags: ['ledger'], security: [] };

function presentInclusion(p: InclusionProof) {
  return {
    index: p.index,
    size: p.size,
    leafHash: base64Encode(p.leafHash),
    proof: p.proof.map(base64Encode),
    checkpoint: servedNote(p.checkpoint),
  };
}

/**
 * The public transparency log: C2SP tlog-tiles files (checkpoint, tiles, entry bundles), the verifier
 * key, and JSON conveniences. No sign-in: anyone may verify the log.
 */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  // Verifiers and witnesses run anywhere, including pages on other origins.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  const deps = () => ({ db: app.deps.db, ledger: app.deps.ledger });
  const sendFile = async (path: string, reply: FastifyReply) => {
    const { data, full } = await logFile(deps(), path);
    return reply
      .type('application/octet-stream')
      .header('cache-control', full ? IMMUTABLE : SHORT_LIVED)
      .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  };

  app.get(
    '/checkpoint',
    {
      schema: {
        ...schemaBase,
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint)',
        response: { 200: textResponse },
      },
    },
    async (_request, reply) => {
      const checkpoint = await latestCheckpoint(deps());
      return reply.type('text/plain; charset=utf-8').header('cache-control', SHORT_LIVED).send(servedNote(checkpoint));
    },
  );

  app.get(
    '/key',
    {
      schema: {
        ...schemaBase,
        summary: "The log's verifier key (name+keyid+base64key)",
        response: { 200: textResponse },
      },
    },
    async (_request, reply) => {
      const checkpoint = await latestCheckpoint(deps());
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', SHORT_LIVED)
        .send(`${checkpoint.verifierKey}\n`);
    },
  );

  app.get(
    '/tile/entries/*',
    {
      schema: {
        ...schemaBase,
        summary: 'An entry bundle (C2SP tlog-tiles): tile/entries/<N>[.p/<W>]',
        params: z.object({ '*': z.string() }),
        response: { 200: binaryResponse },
      },
    },
    async (request, reply) => sendFile(`tile/entries/${request.params['*']}`, reply),
  );

  app.get(
    '/tile/*',
    {
      schema: {
        ...schemaBase,
        summary: 'A Merkle tile (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>]',
        params: z.object({ '*': z.string() }),
        response: { 200: binaryResponse },
      },
    },
    async (request, reply) => sendFile(`tile/${request.params['*']}`, reply),
  );

  app.get(
    '/entries',
    {
      schema: {
        ...schemaBase,
        summary: 'Entries [start, end) as logged, with their leaf hashes',
        querystring: entriesQuery,
        response: { 200: z.array(loggedEntrySchema) },
      },
    },
    async (request) => {
      const entries = await logEntries(deps(), request.query.start, request.query.end);
      return entries.map((e) => {
        const entry = JSON.parse(e.body) as Record<string, unknown>;
        return { index: e.index, code: String(entry.code), entry, leafHash: base64Encode(e.leafHash) };
      });
    },
  );

  app.get(
    '/proof/inclusion',
    {
      schema: {
        ...schemaBase,
        summary: 'Inclusion proof of an entry (by index or tracking code)',
        querystring: inclusionQuery,
        response: { 200: inclusionProofSchema },
      },
    },
    async (request) => {
      return presentInclusion(await requestedInclusionProof(deps(), request.query));
    },
  );

  app.get(
    '/proof/consistency',
    {
      schema: {
        ...schemaBase,
        summary: 'Consistency proof between two tree sizes',
        querystring: consistencyQuery,
        response: { 200: consistencyProofSchema },
      },
    },
    async (request) => {
      const result = await consistencyProof(deps(), request.query.from, request.query.to);
      return {
        from: result.from,
        to: result.to,
        proof: result.proof.map(base64Encode),
        checkpoint: servedNote(result.checkpoint),
      };
    },
  );
};
