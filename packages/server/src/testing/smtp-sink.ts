import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';

/** Debian's postfix package ships smtp-sink; the SMTP suites skip when it is missing. */
export const smtpSinkPath = '/usr/sbin/smtp-sink';
export const smtpSinkInstalled = existsSync(smtpSinkPath);

export interface SmtpSink {
  port: number;
  url: string;
  /** Raw messages as received (smtp-sink's X-Client-*, X-Mail-Args, X-Rcpt-Args lines first). */
  messages(): Promise<string[]>;
  waitForMessages(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * A real SMTP server on a free port (or the given one), dumping each message to its own file.
 * `options` are smtp-sink's own: `-Q MAIL` answers 421 and hangs up, `-r RCPT` a 4xx, `-f RCPT` a 5xx.
 */
export async function startSmtpSink(options: string[] = [], port?: number): Promise<SmtpSink> {
  const listenPort = port ?? (await freePort());
  const dir = await mkdtemp(path.join(tmpdir(), 'cw-smtp-sink-'));
  // As root, smtp-sink must be told which user to run as.
  const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const child = spawn(smtpSinkPath, [...user, '-d', `${dir}/%M.`, ...options, `127.0.0.1:${listenPort}`, '64'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  await until(`smtp-sink on port ${listenPort}`, async () => {
    if (child.exitCode !== null) throw new Error(`smtp-sink exited: ${stderr}`);
    return (await accepts(listenPort)) || undefined;
  });

  // smtp-sink creates a transaction's file at MAIL and unlinks it once the client gives the transaction
  // up, which can be just after the client has its answer: a file listed here may still be empty, or
  // gone by the time it is read. Neither is a message.
  const readMessage = (file: string) =>
    readFile(path.join(dir, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
  const messages = async () => {
    const files = (await readdir(dir)).sort();
    await sleep(50);
    const read = await Promise.all(files.map(readMessage));
    return read.filter((message) => message !== '');
  };
  return {
    port: listenPort,
    url: `smtp://127.0.0.1:${listenPort}`,
    messages,
    waitForMessages: (count) =>
      until(`${count} messages`, async () => {
        const all = await messages();
        return all.length >= count ? all : undefined;
      }),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
