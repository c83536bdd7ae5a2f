import type { SendFailure } from './failure.ts';
import type { OutgoingEmail } from './message.ts';

export type SendOutcome =
  | { status: 'sent'; attempts: number; messageId: string; response: string }
  | { status: 'failed'; attempts: number; failure: SendFailure };

/**
 * Sends one email, retrying temporary failures itself. A failed outcome is final for this call:
 * permanent, or temporary with the retries spent (the caller may queue it for later). It never throws
 * for a failed delivery, so no message is dropped without a recorded outcome.
 */
export interface EmailTransport {
  /** `outbox`: development only, nothing leaves the machine (outbox.ts). */
  readonly kind: 'smtp' | 'outbox';
  /** For the outbox, the folder the messages are written to. */
  readonly location?: string;
  send(email: OutgoingEmail): Promise<SendOutcome>;
  close(): void;
}
