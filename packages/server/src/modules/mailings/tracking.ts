import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whose copy an open or a click belongs to. */
export interface TrackedCopy {
  orgId: string;
  mailingId: number;
  contactId: number;
}

const keys = new Map<string, Buffer>();
const keyFor = (secret: string) => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac('sha256', secret).update('commonweal mailing tracking v1').digest()));
  return key;
};

// The signature covers the copy and what is tracked (the open, or the link's URL), so a tracking link
// cannot be turned into a redirect to anywhere else.
const sign = (secret: string, payload: string, what: string) =>
  createHmac('sha256', keyFor(secret)).update(`${payload}\n${what}`).digest().subarray(0, 16).toString('base64url');

const payloadOf = (copy: TrackedCopy) =>
  Buffer.from(JSON.stringify([copy.orgId, copy.mailingId, copy.contactId])).toString('base64url');

export const trackingToken = (secret: string, copy: TrackedCopy, what: string) => {
  const payload = payloadOf(copy);
  return `${payload}.${sign(secret, payload, what)}`;
};

/** The copy a token names, when its signature over `what` holds. */
export function verifyTrackingToken(secret: string, token: string, what: string): TrackedCopy | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, payload, what));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  try {
    const [orgId, mailingId, contactId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    if (typeof orgId !== 'string' || !Number.isSafeInteger(mailingId) || !Number.isSafeInteger(contactId))
      return undefined;
    return { orgId, mailingId: mailingId as number, contactId: contactId as number };
  } catch {
    return undefined;
  }
}

const unescapeHref = (href: string) => href.replace(/&#38;|&amp;/g, '&');
const escapeHref = (href: string) => href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The HTML with every web link sent through the click counter and a 1×1 image for opens. Links into
 * this instance's email pages (unsubscribe, preferences) are left alone.
 */
export function addTracking(html: string, publicUrl: string, secret: string, copy: TrackedCopy): string {
  const own = `${publicUrl}/email/`;
  const linked = html.replace(/href="(https?:\/\/[^"]+)"/g, (whole, href: string) => {
    const url = unescapeHref(href);
    if (url.startsWith(own)) return whole;
    const token = trackingToken(secret, copy, url);
    return `href="${escapeHref(`${publicUrl}/email/c/${token}?u=${encodeURIComponent(url)}`)}"`;
  });
  const pixel = `<img src="${publicUrl}/email/o/${trackingToken(secret, copy, 'open')}.gif" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;">`;
  return linked.includes('</body>') ? linked.replace('</body>', `${pixel}</body>`) : linked + pixel;
}
