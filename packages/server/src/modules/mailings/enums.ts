// Dependency-free: the console imports this file, so it must not import anything but other enums.ts files.

export { sendStatuses as mailingStatuses } from '../outreach/enums.ts';

/**
 * One recipient's copy. `sending` is claimed by a sender; a copy a crashed sender left there is
 * `uncertain`: it may have gone out, so it is never sent again.
 */
export const recipientStatuses = ['pending', 'sending', 'sent', 'failed', 'bounced', 'skipped', 'uncertain'] as const;

export const blockTypes = ['heading', 'paragraph', 'button', 'image', 'divider'] as const;

export const suppressionReasons = ['bounce', 'complaint', 'manual'] as const;

/** Where a suppression came from: refused while sending, a bounce notice or complaint report that came back by email, or staff. */
export const suppressionOrigins = ['send', 'bounce-notice', 'complaint-report', 'staff'] as const;
