import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../platform/index.ts';

// Links a donor keeps (in an email, on a thank-you page) that open their own receipt, yearly
// statement or monthly gift without a password. They hold ids only and are signed, so none can be guessed or altered.

const keys = new Map<string, Buffer>();
const keyFor = (secretKey: string) => {
  let key = keys.get(secretKey);
  if (!key) keys.set(secretKey, (key = deriveKey(secretKey, 'donor document links v1')));
  return key;
};
const mac = (secretKey: string, claims: string) =>
  createHmac('sha256', keyFor(secretKey)).update(claims).digest('base64url').slice(0, 27);

const sign = (secretKey: string, claims: string) => `${claims}.${mac(secretKey, claims)}`;

function verify(secretKey: string, token: string): string | undefined {
  const at = token.lastIndexOf('.');
  if (at < 0) return undefined;
  const claims = token.slice(0, at);
  const given = Buffer.from(token.slice(at + 1));
  const expected = Buffer.from(mac(secretKey, claims));
  return given.length === expected.length && timingSafeEqual(given, expected) ? claims : undefined;
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** r.<org>.<receipt id>.<mac>: one receipt. */
export const receiptToken = (secretKey: string, orgId: string, receiptId: number) =>
  sign(secretKey, `r.${orgId}.${receiptId}`);

export function verifyReceiptToken(secretKey: string, token: string) {
  const claims = verify(secretKey, token);
  const m = claims ? new RegExp(`^r\\.(${uuid})\\.(\\d{1,15})$`).exec(claims) : null;
  return m ? { orgId: m[1]!, receiptId: Number(m[2]) } : undefined;
}

/** s.<org>.<contact id>.<mac>: a supporter's yearly statements (any year). */
export const statementToken = (secretKey: string, orgId: string, contactId: number) =>
  sign(secretKey, `s.${orgId}.${contactId}`);

export function verifyStatementToken(secretKey: string, token: string) {
  const claims = verify(secretKey, token);
  const m = claims ? new RegExp(`^s\\.(${uuid})\\.(\\d{1,15})$`).exec(claims) : null;
  return m ? { orgId: m[1]!, contactId: Number(m[2]) } : undefined;
}

/** m.<org>.<monthly gift id>.<mac>: a donor's page for their monthly gift (change, pause, cancel). */
export const monthlyGiftToken = (secretKey: string, orgId: string, monthlyGiftId: number) =>
  sign(secretKey, `m.${orgId}.${monthlyGiftId}`);

export function verifyMonthlyGiftToken(secretKey: string, token: string) {
  const claims = verify(secretKey, token);
  const m = claims ? new RegExp(`^m\\.(${uuid})\\.(\\d{1,15})$`).exec(claims) : null;
  return m ? { orgId: m[1]!, monthlyGiftId: Number(m[2]) } : undefined;
}
