import { sql, type SQL } from 'drizzle-orm';
import { normalizePhone } from '../contacts/normalize.ts';

/*
 * What a search box term means. Each match is one index-backed condition ("branch"); a term that
 * can mean several things (letters: pinyin or initials) has several branches, and the list query
 * runs each branch on its own index and merges them, instead of one OR that no index serves.
 */

export type SearchKind = 'name' | 'pinyin' | 'initials' | 'phone' | 'email' | 'tag';

export interface SearchBranch {
  kind: SearchKind;
  condition: SQL;
  /**
   * The matches are few (a two-character name prefix: at most ~1,000 of a million contacts; initials:
   * a few percent) but bunched together in pinyin order ("zy..." all sit among the z's). Walking the
   * pinyin index in list order and filtering reads most of the table before the first match
   * (1.8 s at 1M contacts), so such a branch fetches its matches through its own index and sorts them.
   */
  sortMatches?: true;
}

const hasHan = /\p{Script=Han}/u;
const phoneLike = /^\+?[\d\s\-()]+$/;

/** `abc` -> `abc%` with LIKE's wildcards escaped, so a term is always a literal prefix. */
export const prefixPattern = (term: string) => `${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const reverse = (s: string) => [...s].reverse().join('');

function phoneBranches(term: string): SearchBranch[] {
  const digits = term.replace(/\D/g, '');
  if (!digits) return [];
  const international = term.trim().startsWith('+');
  if (international || digits.length >= 11) {
    const parsed = normalizePhone(international ? `+${digits}` : digits);
    // A whole number: the exact E.164 value. Otherwise treat the digits as the start of one.
    if (parsed.ok) return [{ kind: 'phone', condition: sql`c.phone = ${parsed.e164}` }];
    return [{ kind: 'phone', condition: sql`c.phone like ${prefixPattern(`+${digits}`)}` }];
  }
  // "5678": the last digits (尾号), the usual way to look a supporter up by phone.
  const suffix: SearchBranch = {
    kind: 'phone',
    condition: sql`reverse(c.phone) like ${prefixPattern(reverse(digits))}`,
  };
  if (digits.length <= 4) return [suffix];
  // "13812": the start of a mainland number, or the last digits.
  return [{ kind: 'phone', condition: sql`c.phone like ${prefixPattern(`+86${digits}`)}` }, suffix];
}

/** The branches for a search term; none for an empty term. */
export function searchBranches(raw: string): SearchBranch[] {
  const term = raw.normalize('NFKC').trim();
  if (!term) return [];
  if (term.startsWith('#')) {
    const tag = term.slice(1).trim();
    if (!tag) return [];
    return [
      {
        kind: 'tag',
        condition: sql`exists (select 1 from contact_tags ct join tags t on t.org_id = ct.org_id and t.id = ct.tag_id
                         where ct.org_id = c.org_id and ct.contact_id = c.id and t.name like ${prefixPattern(tag)})`,
      },
    ];
  }
  if (term.includes('@')) return [{ kind: 'email', condition: sql`c.email like ${prefixPattern(term.toLowerCase())}` }];
  if (phoneLike.test(term) && /\d/.test(term)) return phoneBranches(term);
  if (hasHan.test(term)) {
    const chars = [...term];
    // One character ("王"): an index on the first character, already in pinyin order.
    if (chars.length === 1) return [{ kind: 'name', condition: sql`left(c.name, 1) = ${term}` }];
    return [{ kind: 'name', condition: sql`c.name like ${prefixPattern(term)}`, sortMatches: true }];
  }
  const letters = term.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  // Nothing to read as pinyin ("%", "-"): look for names that start with it, literally.
  if (!letters) return [{ kind: 'name', condition: sql`c.name like ${prefixPattern(term)}` }];
  const pinyin: SearchBranch = { kind: 'pinyin', condition: sql`c.name_pinyin like ${prefixPattern(letters)}` };
  // One letter: the pinyin and the initials start with the same letter, so one branch finds both.
  if ([...letters].length === 1) return [pinyin];
  return [
    pinyin,
    { kind: 'initials', condition: sql`c.name_initials like ${prefixPattern(letters)}`, sortMatches: true },
  ];
}
