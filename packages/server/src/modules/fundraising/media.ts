import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppDeps } from '../../http/deps.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';

/** The largest image staff may upload for a public page. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export const imageTypes = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
} as const;
export type ImageExtension = keyof typeof imageTypes;

/** What an image file really is, by its first bytes (never by its name or declared type). */
export function sniffImage(head: Uint8Array): ImageExtension | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50)
    return 'webp';
  return null;
}

export const imageContentType = (key: string) => imageTypes[key.split('.').pop() as ImageExtension];

/** `media/<org id>/<uuid>.<ext>`: the file key and, with a leading slash, the public path. */
export const mediaKey = /^media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|gif)$/;

/**
 * Keeps an image for public pages (a campaign's cover, pictures in its story). Images are public by
 * nature, served from /media/… on the instance itself. The file is read whole (at most 5 MB) so that
 * its type is known from its bytes before anything is stored.
 */
export async function storeImage(deps: Pick<AppDeps, 'db' | 'files'>, ctx: OrgContext, body: Readable) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMAGE_BYTES) {
      body.destroy();
      throw new AppError('PAYLOAD_TOO_LARGE', 'Images may be at most 5 MB. Make it smaller and upload it again.', [
        { path: 'file', message: 'at most 5 MB' },
      ]);
    }
    chunks.push(chunk as Buffer);
  }
  const data = Buffer.concat(chunks);
  const extension = sniffImage(data.subarray(0, 16));
  if (!extension) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload a JPEG, PNG, WebP or GIF image.', [
      { path: 'file', message: 'not a JPEG, PNG, WebP or GIF image' },
    ]);
  }
  const key = `media/${ctx.org.id}/${randomUUID()}.${extension}`;
  await deps.files.write(key, Readable.from([data]));
  await recordAudit(deps.db, ctx, {
    action: 'media.upload',
    subjectType: 'media',
    subjectId: null,
    data: { key, size },
  });
  return { key, url: `/${key}`, size, contentType: imageTypes[extension] };
}
