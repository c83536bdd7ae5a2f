import { z } from 'zod';
/** The languages of the public pages: zh-CN first, English for visitors whose browser asks for it. */
export const publicLangs = ['zh-CN', 'en'] as const;
export type Lang = (typeof publicLangs)[number];

/** `?lang=` of a public page; an unknown value is ignored rather than refused. */
export const langQuery = z.object({ lang: z.enum(publicLangs).optional().catch(undefined) });

/**
 * The page's language: `?lang=` when given, else the visitor's first Accept-Language if it is
 * Chinese or English, else zh-CN.
 */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  const asked = query?.toLowerCase();
  if (asked?.startsWith('en')) return 'en';
  if (asked?.startsWith('zh')) return 'zh-CN';
  const first = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q)[0]?.tag;
  return first?.startsWith('en') ? 'en' : 'zh-CN';
}
