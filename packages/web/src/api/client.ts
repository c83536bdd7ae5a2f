/** A field the server rejected: `path` is like `body.phone`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Every failed API call: the server's `{ error: { code, message, fields } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';

/** The session's CSRF token, sent as `x-csrf-token` on every change. */
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>;

/** `/api` + path + query string; arrays repeat the key. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: FieldProblem[] } };
    if (body.error) {
      return new ApiError(
        response.status,
        body.error.code ?? 'UNKNOWN',
        body.error.message ?? response.statusText,
        body.error.fields ?? [],
      );
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, 'HTTP_' + response.status, response.statusText || `HTTP ${response.status}`);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API with the session cookie and CSRF header; throws ApiError on any failure. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** How long an identical change is taken for a repeat of the last one (a double click, a double Enter). */
export const REPEAT_WINDOW_MS = 2_000;
const lastWrites = new Map<string, { body: string; result: Promise<unknown>; settledAt?: number }>();

/**
 * Sends a change once however often it is asked for in a row: a double-clicked 保存 must not record a
 * gift twice, since gifts go to a ledger that cannot forget. A repeat of the last change to the same
 * endpoint, while it runs or within the repeat window after, gets the first call's answer. Any other
 * change to that endpoint in between (a toggle back and forth) makes the next one new again. A change the
 * server refused is not repeated from memory: the next try is sent.
 */
export function writeOnce<T>(method: string, path: string, body: unknown): Promise<T> {
  const key = `${method} ${path}`;
  const json = JSON.stringify(body) ?? '';
  const last = lastWrites.get(key);
  const repeat =
    last && last.body === json && (last.settledAt === undefined || Date.now() - last.settledAt <= REPEAT_WINDOW_MS);
  if (repeat) return last.result as Promise<T>;
  const entry: { body: string; result: Promise<unknown>; settledAt?: number } = {
    body: json,
    result: Promise.resolve(),
  };
  entry.result = request<T>(method, path, { body })
    .catch((error: unknown) => {
      // Refused by the server (a 4xx or 5xx answer): nothing was recorded, so trying again, once what
      // was wrong is fixed elsewhere, is a new request, not a repeat to answer from memory.
      if (error instanceof ApiError && lastWrites.get(key) === entry) lastWrites.delete(key);
      throw error;
    })
    .finally(() => {
      entry.settledAt = Date.now();
    });
  lastWrites.set(key, entry);
  return entry.result as Promise<T>;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => writeOnce<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => writeOnce<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => writeOnce<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string, body?: unknown) => writeOnce<T>('DELETE', path, body),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};
