import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { AppDeps } from '../../http/deps.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './repo.ts';
import { attachments } from './tables.ts';

/**
 * Keeps an invoice, receipt or acknowledgement privately in the file store, hashing it on the way
 * in. Only the hash is ever logged, so the file can be shown to an auditor and proven unchanged.
 */
export async function storeAttachment(
  deps: Pick<AppDeps, 'db' | 'files'>,
  ctx: OrgContext,
  input: { fileName: string; body: Readable },
) {
  const hash = createHash('sha256');
  const key = `attachments/${ctx.org.id}/${randomUUID()}`;
  // Hash the bytes on their way to the store. A 'data' listener would start the stream flowing before
  // the store reads it, and a body that is already buffered would reach only the hash.
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const { size } = await deps.files.write(key, input.body.pipe(tap));
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await repo.insertRow(tx, attachments, {
        orgId: ctx.org.id,
        storageKey: key,
        fileName: input.fileName.slice(0, 255),
        size,
        sha256: hash.digest('hex'),
      });
      await recordAudit(tx, ctx, {
        action: 'attachment.create',
        subjectType: 'attachment',
        subjectId: row.id,
        data: { fileName: row.fileName, size, sha256: row.sha256 },
      });
      return row;
    });
  } catch (error) {
    await deps.files.remove(key);
    throw error;
  }
}
