// Dependency-free: the console imports this file, so it must not import anything but other enums.ts files.

/** draft → open (taking sign-ups on its public page) → closed. */
export const opportunityStatuses = ['draft', 'open', 'closed'] as const;

/**
 * A place on a shift. `confirmed` and `waitlisted` are live; `attended` and `no_show` are what staff
 * recorded on the day; `cancelled` frees the place (and promotes the first waitlisted).
 */
export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;

/** A volunteer signed up through the public page (or its API), or staff added them. */
export const signupSources = ['form', 'staff'] as const;

/** How a reminder reaches a volunteer before their shift. */
export const reminderChannels = ['email', 'sms'] as const;

/**
 * A reminder is claimed (`sending`) before it goes, so it is sent at most once; one a stopped worker
 * left there may have gone out and is never sent again (`uncertain`).
 */
export const reminderStatuses = ['sending', 'sent', 'failed', 'skipped', 'uncertain'] as const;

/** The longest a shift's hours may be logged as: one day. */
export const MAX_SHIFT_MINUTES = 24 * 60;
