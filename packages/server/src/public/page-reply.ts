import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from './html.ts';
import { pickLang } from './i18n.ts';
import type { PageContext } from './layout.ts';
import { textsFor } from './texts.ts';

/** The page language: `?lang=` first, then the browser's Accept-Language. */
export const pageContext = (request: FastifyRequest): PageContext => {
  const lang = pickLang((request.query as { lang?: string }).lang, request.headers['accept-language']);
  return { lang, t: textsFor(lang) };
};

/**
 * How long a page may be kept on the way:
 * - `public`: the same for everyone, briefly cached, varying by language;
 * - `live`: live figures or a one-time form token, never cached;
 * - `private`: a donor's own page, never cached and never shared.
 */
const cachePolicies = {
  public: { 'cache-control': 'public, max-age=60', vary: 'Accept-Language' },
  live: { 'cache-control': 'no-store' },
  private: { 'cache-control': 'private, no-store' },
} as const;

export type CachePolicy = keyof typeof cachePolicies;

export const sendHtml = (reply: FastifyReply, policy: CachePolicy, status: number, body: SafeHtml) =>
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .headers(cachePolicies[policy])
    .send(body.value);
