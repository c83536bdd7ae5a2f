// Dependency-free: the console imports this file, so it must not import anything but other enums.ts files.

/** Who sends an organization's text messages; `outbox` writes them to a file, outside production only. */
export const smsProviderNames = ['aliyun', 'tencent', 'outbox'] as const;

/** What a template placeholder is filled with. */
/** The volunteer_* values are filled only in volunteer shift reminders (empty in a mass send). */
export const smsMergeValues = [
  'contact_name',
  'organization_name',
  'fixed',
  'volunteer_opportunity',
  'volunteer_time',
  'volunteer_place',
] as const;

export { sendStatuses as smsSendStatuses } from '../outreach/enums.ts';

/**
 * One recipient's copy. `sending` is claimed by a sender; a copy a crashed sender left there, or whose
 * provider call ended ambiguously, is `uncertain`: it may have gone out, so it is never sent again.
 * `sent` is accepted by the vendor; a delivery receipt then makes it `delivered` or `undelivered`.
 */
export const smsRecipientStatuses = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'skipped',
  'uncertain',
] as const;
