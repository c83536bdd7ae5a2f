import { parseJson } from '../payments/json.ts';
import { unavailable } from './failures.ts';
import type { FailedSend, Fetch } from './provider.ts';

export type VendorResponse = { ok: true; status: number; json: Record<string, unknown> | undefined } | FailedSend;

/** POSTs to a vendor; a network error is `unavailable` (retryable), never a thrown exception. */
export async function postToVendor(
  fetch: Fetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
): Promise<VendorResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', ...init.headers },
      // No body at all rather than "": fetch would add a text/plain Content-Type that ACS3 must sign.
      body: init.body || undefined,
    });
    text = await response.text();
  } catch (error) {
    return unavailable('NETWORK', `短信服务商暂时无法连接：${String(error)}`);
  }
  const value = parseJson(text);
  const json =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  return { ok: true, status: response.status, json };
}
