// Dependency-free: the console imports this file, so it must not import anything but other enums.ts files.

export { sendStatuses as mailingStatuses } from '../outreach/enums.ts';

/**
 * One recipient's copy. `sending` is claimed by a sender; a copy a crashed sender left there is
 * `uncertain`: it may have gone out, so it is never sent again.
 */
export const recipientStatuses = ['pending', 'sending', 'sent', 'failed', 'bounced', 'skipped', 'uncertain'] as const;

export const blockTypes = ['heading', 'paragraph', 'button', 'image', 'divider'] as const;

export const suppressionReasons = ['bounce', 'complaint', 'manual'] as const;
