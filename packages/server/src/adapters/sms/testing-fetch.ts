import type { Fetch } from './provider.ts';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** undefined when the request had no body at all. */
  body: string | undefined;
}

/** A stand-in vendor for tests: records each request and answers with the given status and body. */
export function recordingFetch(answer: { status?: number; body: unknown } | Error) {
  const requests: RecordedRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body === undefined || init.body === null ? undefined : String(init.body),
    });
    if (answer instanceof Error) throw answer;
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status ?? 200 });
  };
  return { fetch, requests };
}
