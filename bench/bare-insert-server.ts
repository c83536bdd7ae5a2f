/**
 * The giving benchmark's baseline, run as its own process: a bare Fastify app whose one route
 * inserts one row with a pg pool the size of the server's (10). Nothing else: no validation, no
 * session, no transaction beyond the INSERT's own. Prints `listening <url>` when ready.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/bare-insert-server.ts
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  'create table if not exists bare_donations (id bigserial primary key, amount bigint not null, name text not null)',
);

const app = Fastify({ logger: false });
app.post<{ Body: { amount: number; name: string } }>('/insert', async (request, reply) => {
  const { rows } = await pool.query<{ id: string }>(
    'insert into bare_donations (amount, name) values ($1, $2) returning id',
    [request.body.amount, request.body.name],
  );
  return reply.status(201).send({ id: rows[0]!.id });
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening ${url}`);
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
