import { pinyin } from 'pinyin-pro';

const MAX_LENGTH = 40;

/**
 * A web address from a Chinese title, for staff who leave it to us: 一顿热午餐 → yi-dun-re-wu-can.
 * Latin words and digits are kept as they are written; everything else separates syllables.
 */
export function slugFromTitle(title: string): string {
  const parts = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  let slug = '';
  for (const part of parts) {
    const next = slug ? `${slug}-${part}` : part;
    if (next.length > MAX_LENGTH) break;
    slug = next;
  }
  return slug.length >= 2 ? slug : `campaign${slug ? `-${slug}` : ''}`;
}

/** The first of base, base-2, base-3 … that `taken` says is free. */
export async function freeSlug(base: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(slug))) return slug;
  }
}
