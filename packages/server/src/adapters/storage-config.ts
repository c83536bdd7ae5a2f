import path from 'node:path';
import { fileLogStorage, type LogStorage } from './log-storage.ts';
import { s3LogStorage } from './log-storage-s3.ts';
import { s3Bucket, type S3Location } from './s3.ts';
import { localFileStore, s3FileStore, type FileStore } from './storage.ts';

/** Where uploaded files and the transparency log live. */
export interface Storage {
  files: FileStore;
  log: LogStorage;
}

/** DATA_DIR/files and DATA_DIR/ledger by default; the bucket's files/ and ledger/ when STORAGE_URL is set. */
export function openStorage(config: { DATA_DIR: string; STORAGE_URL?: S3Location }): Storage {
  if (config.STORAGE_URL) {
    return {
      files: s3FileStore(s3Bucket(config.STORAGE_URL, 'files')),
      log: s3LogStorage(s3Bucket(config.STORAGE_URL, 'ledger')),
    };
  }
  return {
    files: localFileStore(path.join(config.DATA_DIR, 'files')),
    log: fileLogStorage(path.join(config.DATA_DIR, 'ledger')),
  };
}
