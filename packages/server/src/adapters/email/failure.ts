/** Why a send failed, and whether trying again later can succeed. */
export interface SendFailure {
  kind: 'temporary' | 'permanent';
  reason: 'throttled' | 'deferred' | 'rejected' | 'connection' | 'invalid-message' | 'unknown';
  /** The SMTP reply code, when the server answered. */
  code?: number;
  response?: string;
  message: string;
}

// Replies that mean "too much, slow down": service closing, mailbox busy, local error, storage.
const throttlingCodes = new Set([421, 450, 451, 452]);
const connectionErrors = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED']);

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** 4xx: try again later; 5xx: never; no reply at all (connection lost or refused): try again. */
export function classifySmtpError(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const message = e.message ?? String(error);
  const details = { code: e.responseCode, response: e.response, message };
  if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500) {
    return { kind: 'temporary', reason: throttlingCodes.has(e.responseCode) ? 'throttled' : 'deferred', ...details };
  }
  if (e.responseCode && e.responseCode >= 500) return { kind: 'permanent', reason: 'rejected', ...details };
  if (e.code && connectionErrors.has(e.code)) return { kind: 'temporary', reason: 'connection', ...details };
  // A failure that is neither an SMTP reply nor a network error (a protocol surprise) is retried
  // too: giving up on it would drop a message that may well go through.
  return { kind: 'temporary', reason: 'unknown', ...details };
}
