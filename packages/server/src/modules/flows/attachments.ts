import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
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
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => hash.update(chunk));
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
