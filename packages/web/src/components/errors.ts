import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { isMessageKey, translate, type Locale } from '../i18n/translate';

/** 'body.user.email' -> ['user', 'email']; the leading part (body/query/params) is the request part. */
export function fieldNamePath(path: string): (string | number)[] {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field problems onto the form items they belong to. Returns the problems that did
 * not match a form item, so the caller can show them in the message.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, prefix: (string | number)[] = []): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const entries: { name: (string | number)[]; errors: string[] }[] = [];
  for (const field of error.fields) {
    const name = [...prefix, ...fieldNamePath(field.path)];
    // A deeper path (body.amount.0) belongs to its nearest registered ancestor.
    let match: (string | number)[] | undefined;
    for (let n = name.length; n > 0 && !match; n--)
      if (known.has(JSON.stringify(name.slice(0, n)))) match = name.slice(0, n);
    if (match) entries.push({ name: match, errors: [field.message] });
    else unmatched.push(`${field.path}: ${field.message}`);
  }
  if (entries.length) form.setFields(entries);
  return unmatched;
}

const pageLocale = (): Locale =>
  typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-CN';

/**
 * A readable sentence for any error thrown by the API client. The server explains itself in English;
 * in Chinese the sentence starts with what its code means, and keeps the server's words after it.
 */
export function errorMessage(error: unknown, locale: Locale = pageLocale()): string {
  if (error instanceof ApiError) {
    const fields = error.fields.map((f) => `${f.path.replace(/^(body|querystring|params)\./, '')}: ${f.message}`);
    const detail = fields.length ? `${error.message} (${fields.join('; ')})` : error.message;
    const key = `apiError.${error.code}`;
    return locale === 'zh-CN' && isMessageKey(key) ? `${translate(locale, key)}（${detail}）` : detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The message once every field problem is shown beside its field: what went wrong, without the list again. */
export function errorHeadline(error: unknown, locale: Locale = pageLocale()): string {
  if (!(error instanceof ApiError) || error.fields.length === 0) return errorMessage(error, locale);
  const key = `apiError.${error.code}`;
  return locale === 'zh-CN' && isMessageKey(key) ? translate(locale, key) : error.message;
}
