import type { Database } from '../../db/client.ts';
import { assignLeaves } from './assign.ts';
import type { LedgerLog } from './log.ts';
import { readLogState } from './log-state.ts';
import { writeTiles } from './materialize.ts';
import { publishCheckpoint } from './publish.ts';

/** Outbox rows numbered per integration round; a round's files are fsynced together, then signed once. */
export const DEFAULT_BATCH = 4096;

/**
 * One round of integration: number pending rows (in the database), write their tiles and entry
 * bundles durably, make the database durable, and only then sign and publish the checkpoint.
 * Returns the number of leaves newly covered by a signed checkpoint (0 when there was nothing to do).
 */
export async function integrateOnce(database: Database, log: LedgerLog, batch = DEFAULT_BATCH): Promise<number> {
  const state = await readLogState(database.db);
  if (!state) throw new Error('the ledger log has not been created');
  const assigned = await assignLeaves(database.db, batch);
  const assignedSize = assigned.size;
  if (assignedSize === state.durableSize && state.checkpoint) return 0;
  const completed = await writeTiles(database.db, log.tiles, state.durableSize, assignedSize, assigned);
  // Rows committed above must outlive a power cut before a signature covers them.
  await database.syncToDisk?.();
  await publishCheckpoint(database.db, log, state, assignedSize);
  // tlog-tiles lets partial tiles go once the full tile is published; narrower ones are served from it.
  await Promise.all(completed.map((path) => log.tiles.storage.removePartials(path)));
  return assignedSize - state.durableSize;
}
