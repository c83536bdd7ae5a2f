import { ed25519NoteSigner, hexEncode, signCheckpoint, treeRootFromTiles, type NoteSigner } from '@commonweal/ledger';
import type { Db } from '../../db/client.ts';
import type { LedgerLog } from './log.ts';
import { recordCheckpoint, type LogState } from './log-state.ts';

const signers = new Map<string, Promise<NoteSigner>>();
const signerFor = (signerKey: string) => {
  if (!signers.has(signerKey)) signers.set(signerKey, ed25519NoteSigner(signerKey));
  return signers.get(signerKey)!;
};

/**
 * Step 3 of integration: signs a checkpoint for `size`, whose tiles (and rows) are already durable,
 * writes it durably to storage, then records it in the database. A crash between the last two is
 * repaired at start (the stored checkpoint is ahead, and is adopted).
 */
export async function publishCheckpoint(db: Db, log: LedgerLog, state: LogState, size: number): Promise<void> {
  const rootHash = await treeRootFromTiles(log.tiles.readerAt(BigInt(size)), BigInt(size));
  const note = await signCheckpoint({ origin: state.origin, size: BigInt(size), rootHash, extensions: [] }, [
    await signerFor(state.signerKey),
  ]);
  await log.tiles.writeDurably([{ path: 'checkpoint', data: new TextEncoder().encode(note) }]);
  await recordCheckpoint(db, { size, note, rootHash: hexEncode(rootHash) });
  log.published({ origin: state.origin, verifierKey: state.verifierKey, size, rootHash, note });
}
