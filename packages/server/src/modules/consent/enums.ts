// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

export const consentChannels = ['email', 'sms', 'wechat', 'phone', 'post'] as const;
export const consentStatuses = ['granted', 'withdrawn'] as const;
export const consentSources = ['form', 'import', 'staff', 'api', 'unsubscribe'] as const;
/** What proves a consent record. */
export const evidenceTypes = [
  'form_submission',
  'import_file',
  'staff_entry',
  'paper_form',
  'phone_call',
  'email_reply',
  'sms_reply',
  'unsubscribe_link',
  'api_request',
  'erasure',
] as const;
