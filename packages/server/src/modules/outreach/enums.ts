// Dependency-free: the console imports this file, so it must not import anything but other enums.ts files.

/** A mailing's or SMS send's state: draft → (scheduled →) sending ⇄ paused → sent; cancelled from any state before sent. */
export const sendStatuses = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
