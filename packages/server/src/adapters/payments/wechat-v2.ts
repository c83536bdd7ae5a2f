import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** An APIv2 message: the flat <xml> of string fields that requests, answers and notifications are. */
export type V2Fields = Record<string, string | undefined>;

export type V2SignType = 'MD5' | 'HMAC-SHA256';

/**
 * 签名算法 step 1 (stringA): the non-empty fields but `sign`, sorted by name in ASCII order, as
 * key=value joined with &; step 2 appends &key=<APIv2 key> (stringSignTemp).
 */
export function v2SignString(fields: V2Fields, apiV2Key: string): string {
  const stringA = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  return `${stringA}&key=${apiV2Key}`;
}

/** MD5 or HMAC-SHA256 (keyed with the APIv2 key) of stringSignTemp, in upper-case hex. */
export function v2Sign(fields: V2Fields, apiV2Key: string, signType: V2SignType): string {
  const text = v2SignString(fields, apiV2Key);
  const digest =
    signType === 'MD5'
      ? createHash('md5').update(text, 'utf8').digest('hex')
      : createHmac('sha256', apiV2Key).update(text, 'utf8').digest('hex');
  return digest.toUpperCase();
}

/**
 * Checks the `sign` of an answer or notification: with the algorithm its own sign_type names, MD5 when
 * it names none (the papay notifications carry no sign_type).
 */
export function verifyV2(fields: V2Fields, apiV2Key: string): boolean {
  const { sign } = fields;
  if (!sign) return false;
  const signType = fields.sign_type ?? 'MD5';
  if (signType !== 'MD5' && signType !== 'HMAC-SHA256') return false;
  const expected = Buffer.from(v2Sign(fields, apiV2Key, signType));
  const given = Buffer.from(sign.toUpperCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The <xml> body of a request, each value in CDATA. */
export const toV2Xml = (fields: V2Fields) =>
  `<xml>${Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `<${name}>${cdata(value)}</${name}>`)
    .join('')}</xml>`;

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => entities[name]!);

/**
 * Reads a flat APIv2 <xml> (one level of elements, values plain or in CDATA); undefined for anything
 * else. No DTDs or entities beyond the five XML ones, so a stranger's body cannot expand.
 */
export function parseV2Xml(text: string): V2Fields | undefined {
  const body = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(text)?.[1];
  if (body === undefined) return undefined;
  const fields: V2Fields = {};
  const element = /\s*<([A-Za-z_][\w-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = element.exec(body))) {
    const [, name, inCdata, plain] = match;
    fields[name!] = inCdata ?? unescape(plain ?? '');
    end = element.lastIndex;
  }
  return body.slice(end).trim() === '' ? fields : undefined;
}

/** yyyyMMddHHmmss (time_end, time_expire) in Beijing time; undefined if it is not one. */
export function parseV2Time(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const v2Time = (date: Date) =>
  new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/\D/g, '');
