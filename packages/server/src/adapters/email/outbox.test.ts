import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createOutboxTransport } from './outbox.ts';

describe('the development outbox', () => {
  it('writes each email as an .eml file a mail client opens, with the same headers SMTP would carry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cw-outbox-'));
    try {
      const outbox = createOutboxTransport(path.join(dir, 'outbox'));
      const outcome = await outbox.send({
        from: { name: '绿洲治沙', address: 'news@ngo.example.org' },
        to: { name: '马兰', address: 'malan@example.org' },
        subject: '春天的消息',
        html: '<p>你好</p>',
        text: '你好',
        sendId: { messageId: 'mailing-1', recipientId: 'c7' },
        unsubscribe: { url: 'http://localhost:3000/email/unsubscribe/t', mailto: 'mailto:news@ngo.example.org' },
      });
      expect(outcome.status).toBe('sent');
      const [file] = await readdir(path.join(dir, 'outbox'));
      expect(file).toMatch(/-mailing-1-c7\.eml$/);
      const raw = await readFile(path.join(dir, 'outbox', file!), 'utf8');
      const mail = await simpleParser(raw);
      expect(mail.subject).toBe('春天的消息');
      expect(mail.to).toMatchObject({ value: [{ address: 'malan@example.org', name: '马兰' }] });
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const bad = await outbox.send({
        from: { address: 'news@ngo.example.org' },
        to: { address: 'not an address' },
        subject: 'x',
        html: '',
        text: '',
        sendId: { messageId: 'm', recipientId: 'r' },
      });
      expect(bad).toMatchObject({ status: 'failed', failure: { kind: 'permanent', reason: 'invalid-message' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
