import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

export interface S3TestServer {
  /** STORAGE_URL for a fresh bucket on this server (every call a new bucket). */
  url(): Promise<string>;
  close(): Promise<void>;
}

// s3rver's fixed credentials. It refuses an unknown access key, but does not recompute SigV4
// signatures (the minio client's signing is its own, tested by its maintainers against AWS and MinIO).
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

let buckets = 0;

/**
 * An S3-protocol server on a free local port (s3rver: the S3 REST API over the filesystem), so the S3
 * storage adapters are tested over real HTTP with S3's XML listings, errors and headers.
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'cw-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = (await server.run()) as { port: number };
  return {
    async url() {
      const bucket = `cw-test-${process.pid}-${++buckets}`;
      await server.store.putBucket(bucket);
      return `s3+http://${ACCESS_KEY}:${SECRET_KEY}@127.0.0.1:${port}/${bucket}/instance`;
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** One S3 test server for the calling test file, started before its tests and stopped after them. */
export function useS3Server(): Pick<S3TestServer, 'url'> {
  let server: S3TestServer | undefined;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(() => server?.close());
  return { url: () => server!.url() };
}
