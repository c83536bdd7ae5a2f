/** The email transport interface: one send per recipient, with a final outcome. */
export type { EmailTransport, SendOutcome } from './transport.ts';
/** Why a send failed, and whether it may be tried again. */
export { classifySmtpError, type SendFailure } from './failure.ts';
/** One recipient's email, and the headers built from it. */
export {
  InvalidEmailError,
  mailOptionsFor,
  messageIdFor,
  oneLine,
  sendIdHeader,
  type EmailAddress,
  type OutgoingEmail,
} from './message.ts';
/** The pooled, rate-limited SMTP transport with retries. */
export {
  backoffDelay,
  createSmtpTransport,
  defaultRetryPolicy,
  type RetryPolicy,
  type SmtpTransportOptions,
} from './smtp.ts';
/** Development: emails written to a folder as .eml files instead of sent. */
export { createOutboxTransport } from './outbox.ts';
