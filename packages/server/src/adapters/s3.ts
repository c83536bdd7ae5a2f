import { NoSuchKey, NotFound, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';

/** Where an S3-compatible bucket is and how to reach it, parsed from STORAGE_URL. */
export interface S3Location {
  endPoint: string;
  port?: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
  pathStyle: boolean;
  bucket: string;
  /** Key prefix under which Commonweal keeps its objects: '' or ending in '/'. */
  prefix: string;
}

export class S3UrlError extends Error {}

/**
 * `s3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[/prefix][?region=…&style=path|virtual]` (HTTPS), or
 * `s3+http://…` for a server on plain HTTP (a MinIO on the same machine). Keys are URL-encoded.
 */
export function parseS3Url(url: string): S3Location {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new S3UrlError('must be a URL like s3://ACCESS_KEY:SECRET_KEY@host/bucket');
  }
  if (parsed.protocol !== 's3:' && parsed.protocol !== 's3+http:') {
    throw new S3UrlError('must start with s3:// (HTTPS) or s3+http:// (plain HTTP)');
  }
  if (!parsed.username || !parsed.password) throw new S3UrlError('must carry ACCESS_KEY:SECRET_KEY@ before the host');
  const [bucket, ...rest] = parsed.pathname.split('/').filter(Boolean);
  if (!bucket) throw new S3UrlError('must name the bucket: s3://…@host/bucket');
  const style = parsed.searchParams.get('style') ?? 'path';
  if (style !== 'path' && style !== 'virtual') throw new S3UrlError('style must be path or virtual');
  return {
    endPoint: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : undefined,
    useSSL: parsed.protocol === 's3:',
    accessKey: decodeURIComponent(parsed.username),
    secretKey: decodeURIComponent(parsed.password),
    region: parsed.searchParams.get('region') ?? 'us-east-1',
    pathStyle: style === 'path',
    bucket,
    prefix: rest.length > 0 ? `${rest.join('/')}/` : '',
  };
}

/** A bucket, its client, and the key prefix of one part of Commonweal's storage (`files/`, `ledger/`). */
export interface S3Bucket {
  client: S3Client;
  bucket: string;
  prefix: string;
}

export function s3Bucket(location: S3Location, part: string): S3Bucket {
  const scheme = location.useSSL ? 'https' : 'http';
  const client = new S3Client({
    endpoint: `${scheme}://${location.endPoint}${location.port ? `:${location.port}` : ''}`,
    region: location.region,
    forcePathStyle: location.pathStyle,
    credentials: { accessKeyId: location.accessKey, secretAccessKey: location.secretKey },
  });
  return { client, bucket: location.bucket, prefix: `${location.prefix}${part}/` };
}

/** True for S3's "no such object" answers (GET and HEAD). */
export const isMissingObject = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/** Every key under `prefix`, listed page by page. */
export async function listKeys(bucket: S3Bucket, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: bucket.client },
    { Bucket: bucket.bucket, Prefix: prefix },
  )) {
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
  }
  return keys;
}
