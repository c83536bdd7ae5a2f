import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock.ts';
import { permanent } from './failures.ts';
import { isSmsCapableE164 } from './phone.ts';
import type { SmsMessage, SmsProvider } from './provider.ts';

export interface OutboxConfig {
  /** A folder under DATA_DIR, e.g. DATA_DIR/sms-outbox. */
  directory: string;
}

export interface OutboxDeps {
  clock: Clock;
  newMessageId?: () => string;
}

export interface OutboxEntry extends SmsMessage {
  providerMessageId: string;
  /** ISO 8601. */
  at: string;
}

const outboxFile = (directory: string) => path.join(directory, 'outbox.jsonl');

/**
 * For development and the demo: every message is appended as one JSON line to outbox.jsonl and
 * reported as sent, so sends work without a vendor account. Nothing reaches a phone; the console
 * says so (开发模式：短信未真正发出). Invalid numbers still fail, as they would with a vendor.
 */
export function outboxSmsProvider(config: OutboxConfig, deps: OutboxDeps): SmsProvider {
  const newMessageId = deps.newMessageId ?? (() => `outbox_${randomBytes(12).toString('base64url')}`);
  return {
    name: 'outbox',
    async send(message) {
      if (!isSmsCapableE164(message.phone)) {
        return permanent('invalid-number', 'LOCAL_INVALID_NUMBER', `${message.phone} 不是可以接收短信的手机号码`);
      }
      const entry: OutboxEntry = { ...message, providerMessageId: newMessageId(), at: deps.clock.now().toISOString() };
      await mkdir(config.directory, { recursive: true });
      // One write per line with O_APPEND, so concurrent sends never interleave inside a line.
      await appendFile(outboxFile(config.directory), `${JSON.stringify(entry)}\n`, 'utf8');
      return { ok: true, providerMessageId: entry.providerMessageId };
    },
  };
}

/** The messages the outbox has "sent", oldest first; none when nothing was sent yet. */
export async function readOutbox(directory: string): Promise<OutboxEntry[]> {
  let text: string;
  try {
    text = await readFile(outboxFile(directory), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxEntry);
}
