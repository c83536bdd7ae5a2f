import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxSmsProvider, readOutbox } from './outbox.ts';

describe('outbox SMS provider', () => {
  let directory: string;
  beforeEach(async () => {
    directory = path.join(await mkdtemp(path.join(tmpdir(), 'sms-outbox-')), 'sms-outbox');
  });
  afterEach(async () => rm(path.dirname(directory), { recursive: true, force: true }));

  const clock = { now: () => new Date('2026-11-23T01:02:03.000Z') };
  const message = {
    phone: '+8613800138000',
    signName: '公益测试',
    templateCode: 'SMS_123456789',
    templateParams: { name: '张三' },
    reference: 'msg-1',
  };

  it('writes each message to DATA_DIR and reports it sent', async () => {
    let n = 0;
    const sms = outboxSmsProvider({ directory }, { clock, newMessageId: () => `outbox-${++n}` });
    expect(await readOutbox(directory)).toEqual([]);
    expect(await sms.send(message)).toEqual({ ok: true, providerMessageId: 'outbox-1' });
    expect(await sms.send({ ...message, phone: '+8613900139000' })).toEqual({
      ok: true,
      providerMessageId: 'outbox-2',
    });
    expect(await readOutbox(directory)).toEqual([
      { ...message, providerMessageId: 'outbox-1', at: '2026-11-23T01:02:03.000Z' },
      { ...message, phone: '+8613900139000', providerMessageId: 'outbox-2', at: '2026-11-23T01:02:03.000Z' },
    ]);
  });

  it('keeps every line whole when many sends run at once', async () => {
    const sms = outboxSmsProvider({ directory }, { clock });
    const long = '长'.repeat(2000);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => sms.send({ ...message, templateParams: { long, i: String(i) } })),
    );
    const entries = await readOutbox(directory);
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((entry) => entry.providerMessageId)).size).toBe(50);
  });

  it('fails an invalid number as a vendor would, and writes nothing', async () => {
    const sms = outboxSmsProvider({ directory }, { clock });
    expect(await sms.send({ ...message, phone: '138' })).toMatchObject({
      ok: false,
      failure: { kind: 'invalid-number', retryable: false },
    });
    expect(await readOutbox(directory)).toEqual([]);
  });
});
