// Where a log is read from: an HTTP(S) base URL (with retries for transient failures) or a file://
// directory in the same layout. Both answer undefined for a path that does not exist.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerifyFailure } from './errors.ts';
import { httpGet, keepAliveAgents } from './http-get.ts';

export interface LogSource {
  /** The base, for messages. */
  base: string;
  /** The bytes at a path relative to the base (`checkpoint`, `tile/0/000`), or undefined when absent (404). */
  get(relative: string): Promise<Uint8Array | undefined>;
  /** Releases kept-alive connections. */
  close(): void;
}

export interface HttpSourceOptions {
  attempts?: number;
  /** Milliseconds before the first retry; doubled for each later one. */
  backoffMs?: number;
  timeoutMs?: number;
}

const transient = (status: number) => status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function httpSource(base: string, options: HttpSourceOptions): LogSource {
  const { attempts = 5, backoffMs = 100, timeoutMs = 30_000 } = options;
  const agents = keepAliveAgents();
  return {
    base,
    async get(relative) {
      const url = `${base}/${relative}`;
      let problem = '';
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
        let response: Awaited<ReturnType<typeof httpGet>>;
        try {
          response = await httpGet(new URL(url), agents, timeoutMs);
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
          continue;
        }
        if (response.status === 404 || response.status === 410) return undefined;
        if (response.status >= 200 && response.status < 300) return response.body;
        problem = `HTTP ${response.status}`;
        if (!transient(response.status)) break;
      }
      throw new VerifyFailure('FETCH_FAILED', `Could not fetch ${url}: ${problem || 'no answer'}`);
    },
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function fileSource(directory: string): LogSource {
  return {
    base: directory,
    async get(relative) {
      try {
        return new Uint8Array(await readFile(path.join(directory, ...relative.split('/'))));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new VerifyFailure('FETCH_FAILED', `Could not read ${relative} in ${directory}: ${code ?? 'error'}`);
      }
    },
    close: () => undefined,
  };
}

/** A source for `http(s)://…` or `file://…` (a plain path counts as a directory too). */
export function logSource(location: string, options: HttpSourceOptions = {}): LogSource {
  const trimmed = location.replace(/\/+$/, '');
  if (/^https?:\/\//i.test(trimmed)) return httpSource(trimmed, options);
  if (/^file:\/\//i.test(trimmed)) return fileSource(fileURLToPath(trimmed));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new VerifyFailure('FETCH_FAILED', `Unsupported URL ${location}: use http://, https:// or file://`);
  }
  return fileSource(path.resolve(trimmed));
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops new work and rejects. */
export async function forEachConcurrently<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failed = false;
  const worker = async () => {
    for (let next = iterator.next(); !next.done && !failed; next = iterator.next()) {
      try {
        await work(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
