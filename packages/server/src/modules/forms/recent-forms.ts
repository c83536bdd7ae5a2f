import type { Db } from '../../db/client.ts';
import { publicForm } from './submit.ts';

type Found = NonNullable<Awaited<ReturnType<typeof publicForm>>>;

/** How long a public form, once found, is taken as it was read. */
const FRESH_MS = 1_000;
const MOST_KEPT = 1_000;

const kept = new WeakMap<Db, Map<string, { found: Found; readAt: number }>>();

/**
 * The public form a submission is for, read at most once a second per form: a busy form's answers
 * would otherwise each cost a read. Only what is found is kept, so a form just opened is found at
 * once. What a submission records is decided on the form as it is then, read again in its
 * transaction (open, its limit, its questions), so an answer never rests on a copy kept here.
 */
export async function recentPublicForm(db: Db, orgSlug: string, formSlug: string) {
  const now = performance.now();
  let forms = kept.get(db);
  if (!forms) kept.set(db, (forms = new Map()));
  const key = `${orgSlug}/${formSlug}`;
  const hit = forms.get(key);
  if (hit && now - hit.readAt < FRESH_MS) return hit.found;
  const found = await publicForm(db, orgSlug, formSlug);
  if (forms.size >= MOST_KEPT) forms.clear();
  if (found) forms.set(key, { found, readAt: now });
  else forms.delete(key);
  return found;
}
