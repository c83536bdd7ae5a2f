import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { ed25519NoteVerifier, openCheckpoint, tilePath, treeRootFromTiles, type TileReader } from '@commonweal/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseS3Url, s3Bucket, type S3Bucket } from '../../adapters/s3.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { checkLogAgainstDatabase } from '../../testing/ledger.ts';
import { startS3Server, type S3TestServer } from '../../testing/s3-server.ts';
import { csvText, uploadFile } from '../imports/fixtures.ts';
import { createLedgerLog } from './log.ts';
import { readLogState } from './log-state.ts';
import { recordLedgerEntries } from './outbox.ts';
import { reconcileLog } from './reconcile.ts';

let s3: S3TestServer;
let t: TestApp;
let org: TestOrg;
let bucket: S3Bucket;
let subject = 0;

beforeAll(async () => {
  s3 = await startS3Server();
  const url = await s3.url();
  bucket = s3Bucket(parseS3Url(url), 'ledger');
  t = await testApp({ jobs: true, env: { STORAGE_URL: url } });
  org = await buildOrg(t);
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

async function writeEntries(count: number) {
  await t.deps.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      Array.from({ length: count }, (_, i) => ({
        orgId: org.org.id,
        type: 'donation.received' as const,
        subjectType: 'gift',
        subjectId: ++subject,
        payload: { amount: 100 + i, currency: 'CNY', channel: '支付宝' },
      })),
    ),
  );
}

async function waitForSize(size: number) {
  for (let i = 0; i < 200; i++) {
    // The integrator creates the log (and its key) in the background after start.
    const [response, key] = await Promise.all([get('/ledger/checkpoint'), get('/ledger/key')]);
    if (response.statusCode === 200 && key.statusCode === 200) {
      const verifier = ed25519NoteVerifier(key.body.trim());
      const { checkpoint } = await openCheckpoint(response.body, [verifier], 'localhost:3000/ledger');
      if (checkpoint.size >= BigInt(size)) return checkpoint;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no checkpoint of ${size} entries`);
}

const objectBytes = async (Key: string) => {
  const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key }));
  return object.Body!.transformToByteArray();
};

// A verifier reading the bucket directly, as it would through a CDN in front of it.
const bucketTiles: TileReader = (tile) => objectBytes(`instance/ledger/${tilePath(tile)}`);

describe('the transparency log on S3-compatible storage (STORAGE_URL)', () => {
  it('integrates into the bucket, serves the same bytes, and a verifier can read the bucket directly', async () => {
    await writeEntries(300);
    const checkpoint = await waitForSize(300);
    await checkLogAgainstDatabase(t.deps.db, t.deps.ledger.tiles.storage);
    expect(await treeRootFromTiles(bucketTiles, checkpoint.size)).toEqual(checkpoint.rootHash);

    const served = await get('/ledger/tile/entries/000');
    expect(served.statusCode).toBe(200);
    expect(new Uint8Array(served.rawPayload)).toEqual(await objectBytes('instance/ledger/tile/entries/000'));
    expect(new TextDecoder().decode(await objectBytes('instance/ledger/checkpoint'))).toBe(
      (await get('/ledger/checkpoint')).body,
    );
    // The partial tiles that a full tile replaced are gone from the bucket.
    const listed = await bucket.client.send(
      new ListObjectsV2Command({ Bucket: bucket.bucket, Prefix: 'instance/ledger/tile/0/000.p/' }),
    );
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('after a crash, rewrites a lost tile and entry bundle and a torn partial tile in the bucket', async () => {
    await writeEntries(20);
    const checkpoint = await waitForSize(320);
    const Bucket = bucket.bucket;
    await bucket.client.send(new DeleteObjectCommand({ Bucket, Key: 'instance/ledger/tile/0/000' }));
    await bucket.client.send(new DeleteObjectCommand({ Bucket, Key: 'instance/ledger/tile/entries/000' }));
    await bucket.client.send(new PutObjectCommand({ Bucket, Key: 'instance/ledger/tile/0/001.p/64', Body: 'torn' }));
    const report = await reconcileLog(t.deps.database, createLedgerLog(t.deps.ledger.tiles.storage));
    expect(report.rebuiltTiles).toBe(true);
    const checked = await checkLogAgainstDatabase(t.deps.db, t.deps.ledger.tiles.storage);
    expect(checked.rootHash).toEqual(checkpoint.rootHash);
    expect((await readLogState(t.deps.db))!.durableSize).toBe(320);
  });

  it('keeps uploaded files in the bucket too (an import file)', async () => {
    const created = await org.owner.post(`/api/orgs/${org.slug}/tokens`, { name: 's3', role: 'fundraiser' });
    const rows = [
      ['姓名', '手机'],
      ['张三', '13800138000'],
    ];
    const up = await uploadFile(
      t.app,
      `/api/orgs/${org.slug}/imports`,
      created.body.token,
      '捐赠人.csv',
      Buffer.from(csvText(rows)),
    );
    expect(up.status).toBe(201);
    expect(up.body.preview[0].values).toMatchObject({ name: '张三', phone: '+8613800138000' });
    const files = await bucket.client.send(
      new ListObjectsV2Command({ Bucket: bucket.bucket, Prefix: 'instance/files/' }),
    );
    expect(files.Contents).toHaveLength(1);
  });
});
