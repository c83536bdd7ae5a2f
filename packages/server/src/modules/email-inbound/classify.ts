import { simpleParser } from 'mailparser';
import { headerOf, parseHeaderBlock, parseMime, walk, type MimePart } from './mime.ts';

/** The copy a report is about, as its returned headers name it. Unverified: the service checks it. */
export interface ReturnedCopy {
  /** From X-Commonweal-Send-Id. */
  sendId?: { messageId: string; recipientId: string };
  /** The returned Message-ID, angle brackets removed. */
  messageId?: string;
}

/** One per-recipient block of a DSN (RFC 3464 §2.3) that says delivery failed for good. */
export interface HardBounce {
  finalRecipient: string;
  originalRecipient?: string;
  status: string;
  diagnostic?: string;
}

export type InboundMessage =
  | { kind: 'bounce'; reportId?: string; copy: ReturnedCopy; bounces: HardBounce[] }
  | { kind: 'complaint'; reportId?: string; copy: ReturnedCopy; feedbackType: string; recipient?: string }
  | { kind: 'unsubscribe'; reportId?: string; token: string }
  | { kind: 'other'; reportId?: string; why: string };

const MAX_BYTES = 10 * 1024 * 1024;
const sendIdPattern = /message=([A-Za-z0-9_-]{1,64})\s*;\s*recipient=([A-Za-z0-9_-]{1,64})/;
const tokenPattern = /\bunsubscribe\s+(u1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/i;

/** `rfc822; a@b.example` → `a@b.example`, lower-cased; other address types are left out. */
export function addressOf(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const semicolon = field.indexOf(';');
  const [kind, value] = semicolon < 0 ? ['rfc822', field] : [field.slice(0, semicolon), field.slice(semicolon + 1)];
  if (kind.trim().toLowerCase() !== 'rfc822') return undefined;
  const address = value
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : undefined;
}

const bracketless = (value: string | undefined) => value?.trim().replace(/^<(.*)>$/, '$1') || undefined;

/** The headers of the message a report returns: text/rfc822-headers, or the head of message/rfc822. */
export function returnedCopy(report: MimePart): ReturnedCopy {
  const returned = report.parts.find((p) =>
    ['text/rfc822-headers', 'message/rfc822', 'message/rfc822-headers', 'message/global-headers'].includes(p.type),
  );
  if (!returned) return {};
  const head = returned.body.split(/\r?\n\r?\n/)[0] ?? '';
  const headers = parseHeaderBlock(head);
  const sendId = sendIdPattern.exec(headerOf(headers, 'x-commonweal-send-id') ?? '');
  return {
    sendId: sendId ? { messageId: sendId[1]!, recipientId: sendId[2]! } : undefined,
    messageId: bracketless(headerOf(headers, 'message-id')),
  };
}

/** The per-recipient blocks of a message/delivery-status body with `Action: failed` and a 5.x.x status. */
export function hardBounces(deliveryStatus: string): HardBounce[] {
  const groups = deliveryStatus.split(/\r?\n(?:[ \t]*\r?\n)+/).slice(1);
  const bounces: HardBounce[] = [];
  for (const group of groups) {
    const fields = parseHeaderBlock(group);
    const action = headerOf(fields, 'action')?.toLowerCase();
    const status = /^([245])\.\d{1,3}\.\d{1,3}/.exec(headerOf(fields, 'status') ?? '')?.[0];
    const finalRecipient = addressOf(headerOf(fields, 'final-recipient'));
    // 4.x.x and `delayed` are transient: the MTA is still trying, or gave up on something that may pass.
    if (action !== 'failed' || !status?.startsWith('5') || !finalRecipient) continue;
    bounces.push({
      finalRecipient,
      originalRecipient: addressOf(headerOf(fields, 'original-recipient')),
      status,
      diagnostic: headerOf(fields, 'diagnostic-code')?.slice(0, 300),
    });
  }
  return bounces;
}

function classifyReport(report: MimePart, reportId: string | undefined): InboundMessage {
  const reportType = report.params['report-type']?.toLowerCase();
  if (reportType === 'delivery-status') {
    const status = report.parts.find(
      (p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status',
    );
    if (!status) return { kind: 'other', reportId, why: 'delivery report without a message/delivery-status part' };
    const bounces = hardBounces(status.body);
    if (bounces.length === 0) return { kind: 'other', reportId, why: 'delivery report without a permanent failure' };
    return { kind: 'bounce', reportId, copy: returnedCopy(report), bounces };
  }
  if (reportType === 'feedback-report') {
    const feedback = report.parts.find((p) => p.type === 'message/feedback-report');
    const fields = parseHeaderBlock(feedback?.body ?? '');
    const feedbackType = headerOf(fields, 'feedback-type')?.toLowerCase();
    if (!feedbackType) return { kind: 'other', reportId, why: 'feedback report without a Feedback-Type' };
    // RFC 5965 §7.3: abuse, fraud, virus and other are complaints; not-spam says the opposite.
    if (feedbackType === 'not-spam') return { kind: 'other', reportId, why: 'feedback report of type not-spam' };
    return {
      kind: 'complaint',
      reportId,
      copy: returnedCopy(report),
      feedbackType: feedbackType.slice(0, 40),
      recipient: addressOf(headerOf(fields, 'original-rcpt-to')),
    };
  }
  return { kind: 'other', reportId, why: `report of type ${reportType ?? 'unknown'}` };
}

/**
 * What one raw RFC 5322 message is: a bounce notice (RFC 3464 DSN), a complaint (RFC 5965 ARF), a
 * mailto: unsubscribe (`unsubscribe TOKEN` in the subject or body), or something else. Nothing in it is
 * trusted yet: the caller verifies the token or finds the copy. Never throws.
 */
export async function classifyInbound(raw: Buffer | string): Promise<InboundMessage> {
  const buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  if (buffer.length === 0) return { kind: 'other', why: 'empty message' };
  if (buffer.length > MAX_BYTES) return { kind: 'other', why: 'message too large' };
  const text = buffer.toString('utf8');
  const tree = parseMime(text);
  const reportId = bracketless(headerOf(tree.headers, 'message-id'))?.slice(0, 200);
  if (tree.headers.length === 0) return { kind: 'other', reportId, why: 'not an email message' };
  for (const part of walk(tree)) if (part.type === 'multipart/report') return classifyReport(part, reportId);
  try {
    const mail = await simpleParser(buffer, { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true });
    const token = tokenPattern.exec(mail.subject ?? '')?.[1] ?? tokenPattern.exec(mail.text ?? '')?.[1];
    if (token) return { kind: 'unsubscribe', reportId, token };
  } catch {
    return { kind: 'other', reportId, why: 'unreadable message' };
  }
  return { kind: 'other', reportId, why: 'neither a report nor an unsubscribe' };
}
