import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from '../contacts/tables.ts';
import { forms } from '../forms/tables.ts';
import { organizations } from '../platform/tables.ts';
import { opportunityStatuses, reminderChannels, reminderStatuses, signupSources, signupStatuses } from './enums.ts';
import type { ReminderSettings } from './schemas.ts';

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** An open call for volunteers (志愿活动 / 招募): public at /v/<org>/<slug> while open. */
export const volunteerOpportunities = pgTable(
  'volunteer_opportunities',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** Where, as people say it (甘肃民勤县); a shift may name a place of its own. */
    location: text().notNull().default(''),
    /** The national division code of the place, when known. */
    divisionCode: text(),
    skills: jsonb().$type<string[]>().notNull().default([]),
    status: text({ enum: opportunityStatuses }).notNull().default('draft'),
    /** The sign-up form (from the form builder); required before the opportunity opens. */
    formId: bigint({ mode: 'number' }),
    /** A full shift puts new volunteers on its waiting list (候补) instead of refusing them. */
    waitlist: boolean().notNull().default(false),
    reminders: jsonb().$type<ReminderSettings>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('volunteer_opportunities_slug_key').on(t.orgId, t.slug),
    // One form signs people up for one opportunity, so its own page knows where to send them.
    unique('volunteer_opportunities_form_key').on(t.orgId, t.formId),
    foreignKey({ columns: [t.orgId, t.formId], foreignColumns: [forms.orgId, forms.id] }),
  ],
);

/** A shift (班次): when, how many, and where if not the opportunity's place. */
export const volunteerShifts = pgTable(
  'volunteer_shifts',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    opportunityId: bigint({ mode: 'number' }).notNull(),
    title: text().notNull().default(''),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** Places; null means no limit. */
    capacity: integer(),
    location: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('volunteer_shifts_opportunity_idx').on(t.orgId, t.opportunityId, t.startsAt),
    index('volunteer_shifts_starts_idx').on(t.startsAt),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [volunteerOpportunities.orgId, volunteerOpportunities.id],
    }).onDelete('cascade'),
    check('volunteer_shifts_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('volunteer_shifts_capacity_positive', sql`${t.capacity} is null or ${t.capacity} >= 1`),
  ],
);

/** A volunteer's place on a shift (报名), and what they did there: check-in, check-out, minutes. */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    orgId: orgId(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    opportunityId: bigint({ mode: 'number' }).notNull(),
    shiftId: bigint({ mode: 'number' }).notNull(),
    contactId: bigint({ mode: 'number' }).notNull(),
    /** The form response they signed up with; null when staff added them. */
    responseId: bigint({ mode: 'number' }),
    source: text({ enum: signupSources }).notNull(),
    status: text({ enum: signupStatuses }).notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedOutAt: timestamp({ withTimezone: true }),
    /** Hours served (志愿服务时长), in whole minutes. */
    minutes: integer(),
    note: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // One live place per person per shift: signing up again is answered with the place they have.
    uniqueIndex('volunteer_signups_live_key')
      .on(t.orgId, t.shiftId, t.contactId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('volunteer_signups_shift_idx').on(t.orgId, t.shiftId, t.status),
    index('volunteer_signups_opportunity_idx').on(t.orgId, t.opportunityId),
    index('volunteer_signups_contact_idx').on(t.orgId, t.contactId),
    foreignKey({ columns: [t.orgId, t.shiftId], foreignColumns: [volunteerShifts.orgId, volunteerShifts.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [volunteerOpportunities.orgId, volunteerOpportunities.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    check('volunteer_signups_minutes_range', sql`${t.minutes} is null or ${t.minutes} between 0 and 1440`),
  ],
);

/** One reminder per signup per channel: claimed before it is sent, so it never goes twice. */
export const volunteerReminders = pgTable(
  'volunteer_reminders',
  {
    orgId: orgId(),
    signupId: bigint({ mode: 'number' }).notNull(),
    channel: text({ enum: reminderChannels }).notNull(),
    status: text({ enum: reminderStatuses }).notNull().default('sending'),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    reason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.signupId, t.channel] }),
    index('volunteer_reminders_sending_idx').on(t.status, t.claimedAt),
    foreignKey({
      columns: [t.orgId, t.signupId],
      foreignColumns: [volunteerSignups.orgId, volunteerSignups.id],
    }).onDelete('cascade'),
  ],
);
