import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../config/config.ts';
import { parseS3Url } from './s3.ts';

describe('STORAGE_URL', () => {
  it('reads the endpoint, keys, bucket, prefix and options', () => {
    expect(parseS3Url('s3+http://minio:mini%2Fo%40secret@127.0.0.1:9000/commonweal')).toEqual({
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
      accessKey: 'minio',
      secretKey: 'mini/o@secret',
      region: 'us-east-1',
      pathStyle: true,
      bucket: 'commonweal',
      prefix: '',
    });
    expect(
      parseS3Url('s3://AKID:SECRET@oss-cn-hangzhou.aliyuncs.com/ngo-data/prod/a?region=oss-cn-hangzhou&style=virtual'),
    ).toMatchObject({
      endPoint: 'oss-cn-hangzhou.aliyuncs.com',
      port: undefined,
      useSSL: true,
      region: 'oss-cn-hangzhou',
      pathStyle: false,
      bucket: 'ngo-data',
      prefix: 'prod/a/',
    });
  });

  it('is checked at start, with a reason for each mistake', () => {
    const problem = (url: string) => {
      try {
        loadConfig({ STORAGE_URL: url });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.join('\n');
      }
      return 'accepted';
    };
    expect(problem('http://x:y@host/bucket')).toMatch(/STORAGE_URL: must start with s3:\/\//);
    expect(problem('s3://host/bucket')).toMatch(/STORAGE_URL: must carry ACCESS_KEY:SECRET_KEY/);
    expect(problem('s3://k:s@host')).toMatch(/STORAGE_URL: must name the bucket/);
    expect(problem('s3://k:s@host/b?style=odd')).toMatch(/STORAGE_URL: style must be path or virtual/);
    expect(problem('not a url')).toMatch(/STORAGE_URL: must be a URL/);
    expect(loadConfig({ STORAGE_URL: 's3://k:s@host/b' }).STORAGE_URL?.bucket).toBe('b');
    expect(loadConfig({}).STORAGE_URL).toBeUndefined();
  });
});
