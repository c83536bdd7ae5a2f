import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The lines of a gzip'd text file, streamed. A file that is not gzip, or is cut short, fails with
 * the zlib error; the caller turns that into BACKUP_INVALID.
 */
export async function* gzipLines(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    const parts = (pending + decoder.decode(chunk, { stream: true })).split('\n');
    pending = parts.pop()!;
    yield* parts;
  }
  pending += decoder.decode();
  if (pending) yield pending;
}
