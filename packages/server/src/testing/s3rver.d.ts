// s3rver ships no types; this is the part the S3 test server uses.
declare module 's3rver' {
  export default class S3rver {
    constructor(options: { address?: string; port?: number; silent?: boolean; directory: string });
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    store: { putBucket(name: string): Promise<void> };
  }
}
