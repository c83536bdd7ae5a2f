import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isMissingObject, type S3Bucket } from './s3.ts';

/** Where uploaded files live: local disk by default, S3-compatible storage for scale. */
export interface FileStore {
  write(key: string, body: Readable): Promise<{ size: number }>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
}

const safeKey = /^[a-zA-Z0-9/_.-]+$/;

const assertSafeKey = (key: string) => {
  if (!safeKey.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
  return key;
};

export function localFileStore(root: string): FileStore {
  const resolve = (key: string) => path.join(root, assertSafeKey(key));
  return {
    async write(key, body) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await pipeline(body, createWriteStream(file));
      return { size: (await stat(file)).size };
    },
    read: (key) => createReadStream(resolve(key)),
    remove: (key) => rm(resolve(key), { force: true }),
  };
}

/** The error a read of a missing file fails with, whatever the store: ENOENT, as the filesystem's. */
const missingFile = (key: string) =>
  Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' }) as NodeJS.ErrnoException;

/** Uploaded files on S3-compatible storage, under the bucket's `files/` prefix. */
export function s3FileStore(bucket: S3Bucket): FileStore {
  const { client, bucket: Bucket } = bucket;
  const objectKey = (key: string) => `${bucket.prefix}${assertSafeKey(key)}`;
  return {
    async write(key, body) {
      let size = 0;
      const counted = new PassThrough();
      counted.on('data', (chunk: Buffer) => (size += chunk.length));
      body.once('error', (error) => counted.destroy(error));
      // A multipart upload of 5 MB parts, four at a time: memory stays bounded whatever the file's size.
      const upload = new Upload({ client, params: { Bucket, Key: objectKey(key), Body: body.pipe(counted) } });
      await upload.done();
      return { size };
    },
    read(key) {
      // The object's stream arrives after a request; readers get a stream at once, as from disk.
      const out = new PassThrough();
      client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) })).then(
        (object) => {
          const stream = object.Body as Readable;
          stream.once('error', (error) => out.destroy(error));
          stream.pipe(out);
        },
        (error: unknown) => out.destroy(isMissingObject(error) ? missingFile(key) : (error as Error)),
      );
      return out;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
