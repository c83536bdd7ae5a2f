// Whole-reply keywords. T and N are too short to look for inside a longer reply, and so are the
// Latin words, which would match inside ordinary English.
const wholeReplyKeywords = new Set(['TD', 'T', 'N', 'STOP', 'UNSUBSCRIBE', 'UNSUB', '退订', '退訂', '取消订阅']);
// Chinese phrases that mean "stop" wherever they appear: 请帮我退订, 回复TD退订.
const anywhereKeywords = ['退订', '退訂', '取消订阅', '取消訂閱'];

/** Upper-cases and drops white space, punctuation and symbols; NFKC turns full-width ＴＤ into TD. */
const normalizeReply = (text: string) =>
  text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

/**
 * The opt-out keyword an inbound reply carries (回复TD退订 and its variants), or undefined when
 * the reply is not an opt-out. Leans towards opting out: a missed opt-out keeps messaging someone
 * who asked to stop.
 */
export function optOutKeyword(reply: string): string | undefined {
  const normalized = normalizeReply(reply);
  if (!normalized) return undefined;
  if (wholeReplyKeywords.has(normalized)) return normalized;
  if (/^(TD|T|N)?(退订|退訂)(TD|T|N)?$/.test(normalized)) return normalized;
  return anywhereKeywords.find((keyword) => normalized.includes(keyword));
}
