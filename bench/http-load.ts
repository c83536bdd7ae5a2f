/**
 * A small HTTP load generator for benchmarks against a server in another process: keep-alive
 * connections (node:http), a closed loop (N workers, each starting its next job when the last ends)
 * for throughput and an open loop (jobs started on a fixed schedule, whatever the server does) for
 * latency at a given rate, as a real crowd of donors arrives.
 */
import http from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
}

export interface HttpClient {
  request(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<HttpResult>;
  close(): void;
}

export function httpClient(baseUrl: string, connections: number): HttpClient {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: body === undefined ? headers : { 'content-length': Buffer.byteLength(body), ...headers },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

export interface LoadResult {
  done: number;
  seconds: number;
  perSecond: number;
  /** Each job's milliseconds, in completion order. */
  latencies: number[];
}

const timed = async (job: () => Promise<void>, latencies: number[]) => {
  const started = performance.now();
  await job();
  latencies.push(performance.now() - started);
};

/** `workers` loops that run `job(i)` for i = 0 … count-1 between them; a failed job fails the run. */
export async function closedLoop(
  count: number,
  workers: number,
  job: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        const i = next++;
        await timed(() => job(i), latencies);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { done: count, seconds, perSecond: count / seconds, latencies };
}

/**
 * Starts `job(i)` every 1/rate seconds for `seconds`, without waiting for earlier jobs, and resolves
 * when all have ended. The latency of a job starts at its scheduled time, so a server that falls
 * behind shows it instead of slowing the schedule down (no coordinated omission).
 */
export async function openLoop(rate: number, seconds: number, job: (i: number) => Promise<void>): Promise<LoadResult> {
  const count = Math.round(rate * seconds);
  const latencies: number[] = [];
  const jobs: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    jobs.push(
      job(i).then(() => {
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(jobs);
  const elapsed = (performance.now() - started) / 1000;
  return { done: count, seconds: elapsed, perSecond: count / elapsed, latencies };
}
