import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { InvalidEmailError, mailOptionsFor, type OutgoingEmail } from './message.ts';
import type { EmailTransport, SendOutcome } from './transport.ts';

/**
 * Development only: each email is built exactly as for SMTP and written to `dir` as an .eml file that
 * any mail client opens, instead of being sent. `commonweal start` uses it when SMTP_URL is unset
 * and NODE_ENV is development, so the demo's mailings and receipts can be tried end to end.
 */
export function createOutboxTransport(dir: string): EmailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let serial = 0;
  async function send(email: OutgoingEmail): Promise<SendOutcome> {
    let options;
    try {
      options = mailOptionsFor(email);
    } catch (error) {
      if (!(error instanceof InvalidEmailError)) throw error;
      return {
        status: 'failed',
        attempts: 0,
        failure: { kind: 'permanent', reason: 'invalid-message', message: error.message },
      };
    }
    const info = await builder.sendMail(options);
    await mkdir(dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++serial}-${email.sendId.messageId}-${email.sendId.recipientId}.eml`;
    await writeFile(path.join(dir, name), info.message as Buffer);
    return { status: 'sent', attempts: 1, messageId: info.messageId, response: `written to ${name}` };
  }
  return { kind: 'outbox', location: dir, send, close: () => builder.close() };
}
