import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { classifySmtpError, type SendFailure } from './failure.ts';
import { InvalidEmailError, mailOptionsFor, type OutgoingEmail } from './message.ts';
import type { EmailTransport, SendOutcome } from './transport.ts';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SmtpTransportOptions {
  /** SMTP_URL: smtp://user:pass@host:port, or smtps:// for TLS from the start. */
  url: string;
  /** The provider's limit, across all connections of this transport. */
  messagesPerSecond: number;
  maxConnections?: number;
  retry?: RetryPolicy;
  /** Called before each wait between tries (logging, metrics). */
  onRetry?: (failure: SendFailure, attempt: number, delayMs: number) => void | Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** Exponential backoff with full jitter, so throttled workers do not come back in step. */
export const backoffDelay = (policy: RetryPolicy, attempt: number, random = Math.random) =>
  Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

const rateWindow = (messagesPerSecond: number) =>
  messagesPerSecond >= 1
    ? { rateLimit: Math.floor(messagesPerSecond), rateDelta: 1_000 }
    : { rateLimit: 1, rateDelta: Math.round(1_000 / messagesPerSecond) };

/** One pooled, rate-limited SMTP transport per provider. */
export function createSmtpTransport(options: SmtpTransportOptions): EmailTransport {
  if (!(options.messagesPerSecond > 0)) throw new Error('messagesPerSecond must be positive');
  const retry = options.retry ?? defaultRetryPolicy;
  const url = new URL(options.url);
  const mailer = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    // nodemailer's pool limit: at most rateLimit messages per rateDelta milliseconds.
    ...rateWindow(options.messagesPerSecond),
  });

  async function send(email: OutgoingEmail): Promise<SendOutcome> {
    let mailOptions;
    try {
      mailOptions = mailOptionsFor(email);
    } catch (error) {
      if (!(error instanceof InvalidEmailError)) throw error;
      return {
        status: 'failed',
        attempts: 0,
        failure: { kind: 'permanent', reason: 'invalid-message', message: error.message },
      };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const info = await mailer.sendMail(mailOptions);
        return { status: 'sent', attempts: attempt, messageId: info.messageId, response: info.response };
      } catch (error) {
        const failure = classifySmtpError(error);
        if (failure.kind === 'permanent' || attempt >= retry.attempts)
          return { status: 'failed', attempts: attempt, failure };
        const delayMs = backoffDelay(retry, attempt);
        await options.onRetry?.(failure, attempt, delayMs);
        await sleep(delayMs);
      }
    }
  }

  return { kind: 'smtp', send, close: () => mailer.close() };
}
