import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * pg-boss on the same database. With PGlite it runs in process through the `db` option, so there is
 * no second connection to interleave with application transactions.
 */
export function createBoss(database: Database): PgBoss {
  return new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    // Keep maintenance light: the embedded database is one process.
    supervise: true,
    schedule: false,
    migrate: true,
  });
}
