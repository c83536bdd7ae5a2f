import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { z } from 'zod';

export interface EmailAddress {
  name?: string;
  address: string;
}

/** One copy of a message for one recipient, as the campaign sender hands it over. */
export interface OutgoingEmail {
  from: EmailAddress;
  replyTo?: EmailAddress;
  to: EmailAddress;
  subject: string;
  html: string;
  text: string;
  /** The message (campaign, test send…) and the recipient: a resumed send recognizes what it already sent. */
  sendId: { messageId: string; recipientId: string };
  /**
   * RFC 2369 / RFC 8058 unsubscribe: the one-click https URL and a mailto: fallback. Every campaign
   * email has one; a transactional email (a receipt the donor asked for by giving) has none.
   */
  unsubscribe?: { url: string; mailto: string };
  /** Files built in memory (a receipt's PDF); never read from a path or fetched from a URL. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** A message that cannot be built as given; sending it again will not help. */
export class InvalidEmailError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidEmailError';
  }
}

export const sendIdHeader = 'X-Commonweal-Send-Id';

// CR and LF end a header line; the other controls (and Unicode line separators) have no place in one.
const controlCharacters = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** Display names and subjects are free text: line breaks become spaces, so they cannot start a header. */
export const oneLine = (value: string) => value.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();

const mailbox = z.email();
const sendIdPart = /^[A-Za-z0-9_-]{1,64}$/;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function address(field: string, value: EmailAddress) {
  // Addresses are refused rather than repaired: a repaired address would reach someone else.
  if (!mailbox.safeParse(value.address).success) throw new InvalidEmailError(field, 'not a valid email address');
  return { name: oneLine(value.name ?? ''), address: value.address };
}

function unsubscribeUrl(value: string) {
  const url = URL.canParse(value) ? new URL(value) : null;
  // RFC 8058 requires https; plain http is accepted only for a development server on this machine.
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!url || !secure || url.href !== value) {
    throw new InvalidEmailError('unsubscribe.url', 'must be an https URL without spaces or line breaks');
  }
  return value;
}

function unsubscribeMailto(value: string) {
  const match = /^mailto:([^?\s]+)(\?[A-Za-z0-9_.~%=&+-]*)?$/.exec(value);
  if (!match || !mailbox.safeParse(match[1]).success) {
    throw new InvalidEmailError('unsubscribe.mailto', 'must be a mailto: URL of a valid address');
  }
  return value;
}

/** Stable per (message, recipient), so a resent copy carries the same Message-ID and receivers can drop it. */
export const messageIdFor = (sendId: OutgoingEmail['sendId'], fromAddress: string) => {
  const digest = createHash('sha256').update(`${sendId.messageId}\n${sendId.recipientId}`).digest('hex');
  return `<${digest.slice(0, 32)}@${fromAddress.split('@')[1]}>`;
};

/** Nodemailer options for one email, with every header checked or made safe. */
export function mailOptionsFor(email: OutgoingEmail): SendMailOptions {
  const { messageId, recipientId } = email.sendId;
  if (!sendIdPart.test(messageId) || !sendIdPart.test(recipientId)) {
    throw new InvalidEmailError('sendId', 'message and recipient ids are 1–64 letters, digits, _ or -');
  }
  const from = address('from', email.from);
  const to = address('to', email.to);
  return {
    from,
    to,
    replyTo: email.replyTo ? address('replyTo', email.replyTo) : undefined,
    // The envelope is set explicitly: nothing in the headers can add a recipient.
    envelope: { from: from.address, to: [to.address] },
    subject: oneLine(email.subject),
    html: email.html,
    text: email.text,
    messageId: messageIdFor(email.sendId, from.address),
    // The inner array makes one List-Unsubscribe header with both URLs, as RFC 8058 expects.
    list: email.unsubscribe
      ? { unsubscribe: [[unsubscribeUrl(email.unsubscribe.url), unsubscribeMailto(email.unsubscribe.mailto)]] }
      : undefined,
    headers: {
      ...(email.unsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      [sendIdHeader]: `message=${messageId}; recipient=${recipientId}`,
    },
    attachments: email.attachments?.map((a) => ({
      filename: oneLine(a.filename),
      content: a.content,
      contentType: a.contentType,
    })),
    // One message, one recipient: no Bcc, no attachments from paths or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
