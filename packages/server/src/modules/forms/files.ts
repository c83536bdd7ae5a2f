import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from '../../adapters/storage.ts';
import { imageTypes, sniffImage } from '../fundraising/index.ts';
import type { FieldDef } from './schemas.ts';

/** The largest file a form takes per question. */
export const MAX_FORM_FILE_BYTES = 5 * 1024 * 1024;

const contentTypes = { ...imageTypes, pdf: 'application/pdf' } as const;
export type FileExtension = keyof typeof contentTypes;

/** A file as it arrived with a submission, read whole (at most 5 MB, so its type is known from its bytes). */
export interface UploadedFile {
  name: string;
  data: Buffer;
  /** More than MAX_FORM_FILE_BYTES arrived: the rest was not read. */
  truncated: boolean;
}

/** What a file really is, by its first bytes (never by its name or declared type). */
function sniff(head: Uint8Array): FileExtension | null {
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46 && head[4] === 0x2d) return 'pdf';
  return sniffImage(head);
}

/** Checks a file against its question: the problem, or the kind it is. */
export function checkFile(field: FieldDef, file: UploadedFile): { extension: FileExtension } | { problem: string } {
  if (file.truncated || file.data.length > MAX_FORM_FILE_BYTES) return { problem: 'at most 5 MB' };
  const extension = sniff(file.data.subarray(0, 16));
  const allowed = field.accept === 'document' ? ['jpg', 'png', 'webp', 'gif', 'pdf'] : ['jpg', 'png', 'webp', 'gif'];
  if (!extension || !allowed.includes(extension))
    return { problem: field.accept === 'document' ? 'not an image or a PDF' : 'not an image' };
  return { extension };
}

/** A kept file's answer: where it is, and what the person called it. */
export interface FileAnswer {
  file: string;
  name: string;
  size: number;
  type: string;
}

/** `form-files/<org>/<uuid>.<ext>`: private, read only by staff through the API. */
export const formFileKey = /^form-files\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|gif|pdf)$/;

export async function storeFormFile(files: FileStore, orgId: string, file: UploadedFile, extension: FileExtension) {
  const key = `form-files/${orgId}/${randomUUID()}.${extension}`;
  await files.write(key, Readable.from([file.data]));
  const answer: FileAnswer = {
    file: key,
    name: file.name.slice(0, 200),
    size: file.data.length,
    type: contentTypes[extension],
  };
  return answer;
}

export const fileContentType = (key: string) => contentTypes[key.split('.').pop() as FileExtension];
