import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { assertLogPath, type LogStorage } from './log-storage.ts';
import { isMissingObject, listKeys, type S3Bucket } from './s3.ts';

// Tiles, entry bundles and partial tiles never change once written (a wider tile gets a new path);
// only the checkpoint does, and a verifier must see a new one at once.
const cacheControl = (path: string) => (path === 'checkpoint' ? 'no-cache' : 'public, max-age=31536000, immutable');

const contentType = (path: string) =>
  path === 'checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream';

/**
 * The log on S3-compatible storage (MinIO, AWS S3, Aliyun OSS, Tencent COS), under the bucket's
 * `ledger/` prefix and laid out as the tlog-tiles URL paths, so that the bucket (or a CDN in front of
 * it) can serve verifiers directly. A PUT is atomic and durable once it is answered, so nothing is
 * written to a temporary name and there is nothing to clean up after a crash.
 */
export function s3LogStorage(bucket: S3Bucket): LogStorage {
  const { client, bucket: Bucket } = bucket;
  const key = (path: string) => `${bucket.prefix}${assertLogPath(path)}`;
  const orUndefined = async <T>(request: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await request();
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw error;
    }
  };
  return {
    read: (path) =>
      orUndefined(async () => {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key(path) }));
        return object.Body!.transformToByteArray();
      }),
    async writeDurably(files) {
      await Promise.all(
        files.map((file) =>
          client.send(
            new PutObjectCommand({
              Bucket,
              Key: key(file.path),
              Body: file.data,
              ContentType: contentType(file.path),
              CacheControl: cacheControl(file.path),
            }),
          ),
        ),
      );
    },
    size: (path) =>
      orUndefined(async () => (await client.send(new HeadObjectCommand({ Bucket, Key: key(path) }))).ContentLength),
    async remove(path) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key(path) }));
    },
    async removePartials(fullPath) {
      const keys = await listKeys(bucket, `${key(fullPath)}.p/`);
      // DeleteObjects takes at most 1,000 keys a request.
      for (let i = 0; i < keys.length; i += 1000) {
        const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
      }
    },
    cleanUp: async () => undefined,
  };
}
