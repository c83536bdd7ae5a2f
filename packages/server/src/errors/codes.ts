/**
 * Every error code the API can answer with, and its HTTP status. A code missing here does not
 * compile, so each module's codes are listed in one place.
 */
export const errorStatus = {
  // transport
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  // platform
  SETUP_ALREADY_DONE: 409,
  INVALID_CREDENTIALS: 401,
  SLUG_TAKEN: 409,
  EMAIL_TAKEN: 409,
  INVITATION_INVALID: 410,
  LAST_OWNER: 409,
  // supporters
  CONTACT_ERASED: 409,
  CONTACT_MERGED: 409,
  MERGE_CONFLICT: 409,
  MERGE_NOT_REVERSIBLE: 409,
  IMPORT_FILE_INVALID: 422,
  IMPORT_NOT_READY: 409,
  SEGMENT_INVALID: 422,
  BACKUP_INVALID: 422,
  // ledger
  LEDGER_RANGE_INVALID: 400,
  LEDGER_BEYOND_CHECKPOINT: 404,
  // fund flows
  GIFT_IN_USE: 409,
  REFUND_EXCEEDS_GIFT: 409,
  FUNDS_INSUFFICIENT: 409,
  BUDGET_EXCEEDED: 409,
  STOCK_INSUFFICIENT: 409,
  CURRENCY_MISMATCH: 422,
  PROJECT_CLOSED: 409,
  // engagement
  TEMPLATE_INVALID: 422,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429>;

export type ErrorCode = keyof typeof errorStatus;
