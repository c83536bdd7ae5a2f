import { parseJson } from '../payments/json.ts';
import type { CallbackParse } from './provider.ts';

export type Entry = Record<string, unknown>;

export const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Both vendors push a JSON array of entries. An entry that cannot be read is counted in `skipped`
 * rather than failing the batch: the vendor resends a failed batch whole, so one bad entry would
 * otherwise block the good ones forever.
 */
export function parseBatch<T>(rawBody: string, read: (entry: Entry) => T | undefined): CallbackParse<T> {
  const value = parseJson(rawBody);
  const entries = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : undefined;
  if (!entries) return { ok: false, reason: 'malformed' };
  const events: T[] = [];
  for (const entry of entries) {
    const event = entry && typeof entry === 'object' ? read(entry as Entry) : undefined;
    if (event) events.push(event);
  }
  return { ok: true, events, skipped: entries.length - events.length };
}
