// Shapes of modules/volunteers. Keep in step with the server (schemas.ts there).
import { useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import type { opportunityStatuses, signupSources, signupStatuses } from './enums';

export type OpportunityStatus = (typeof opportunityStatuses)[number];
export type SignupStatus = (typeof signupStatuses)[number];
export type SignupSource = (typeof signupSources)[number];

export interface ReminderSettings {
  /** How long before a shift starts, 1 to 168 hours. */
  hoursBefore: number;
  email: boolean;
  smsTemplateId: number | null;
}

export interface OpportunityInput {
  title: string;
  description: string;
  location: string;
  divisionCode: string | null;
  skills: string[];
  formId: number | null;
  waitlist: boolean;
  reminders: ReminderSettings;
}

/** A shift (班次) with its places: `confirmed` counts attended and no-show too. */
export interface Shift {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  /** null: no limit (不限). */
  capacity: number | null;
  location: string | null;
  confirmed: number;
  waitlisted: number;
  attended: number;
  placesLeft: number | null;
}

export interface ShiftInput {
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  location: string | null;
}

export interface Opportunity extends OpportunityInput {
  id: number;
  slug: string;
  status: OpportunityStatus;
  /** `/v/<org>/<slug>`: the public sign-up page. */
  publicUrl: string;
  startsAt: string | null;
  endsAt: string | null;
  shiftCount: number;
  signedUp: number;
  waitlisted: number;
  /** null when a shift has no limit, or there are no shifts. */
  capacity: number | null;
  shifts: Shift[];
  createdAt: string;
  updatedAt: string;
}

export interface OpportunityListItem extends Omit<Opportunity, 'shifts' | 'description' | 'reminders'> {
  /** The next shift to start; null when none is ahead. */
  nextShift: Pick<Shift, 'id' | 'title' | 'startsAt' | 'endsAt'> | null;
}

/** One place on a shift, with the volunteer's name and how to reach them (the roster). */
export interface Signup {
  id: number;
  opportunityId: number;
  shiftId: number;
  shiftTitle: string;
  shiftStartsAt: string;
  shiftEndsAt: string;
  contactId: number;
  contactName: string;
  phone: string | null;
  email: string | null;
  responseId: number | null;
  source: SignupSource;
  status: SignupStatus;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
  note: string;
  createdAt: string;
}

/** A contact's volunteer history (志愿服务记录). */
export interface ContactVolunteering {
  totalMinutes: number;
  counts: Record<'signups' | 'confirmed' | 'waitlisted' | 'attended' | 'noShow' | 'cancelled', number>;
  signups: {
    id: number;
    opportunityId: number;
    opportunityTitle: string;
    shiftId: number;
    shiftTitle: string;
    startsAt: string;
    endsAt: string;
    status: SignupStatus;
    source: SignupSource;
    checkedInAt: string | null;
    checkedOutAt: string | null;
    minutes: number | null;
    createdAt: string;
  }[];
}

export const opportunitiesKey = (org: string) => ['volunteer-opportunities', org];
export const opportunityKey = (org: string, id: number | undefined) => ['volunteer-opportunity', org, id];
export const rosterKey = (org: string, id: number) => ['volunteer-roster', org, id];

export function useOpportunities() {
  const scope = useOrg();
  return useQuery({
    queryKey: opportunitiesKey(scope.org.slug),
    queryFn: () => api.get<OpportunityListItem[]>(scope.path('/volunteers/opportunities')),
  });
}

export function useOpportunity(id: number | undefined) {
  const scope = useOrg();
  return useQuery({
    queryKey: opportunityKey(scope.org.slug, id),
    queryFn: () => api.get<Opportunity>(scope.path(`/volunteers/opportunities/${id}`)),
    enabled: id !== undefined,
  });
}

/** The whole roster of an opportunity; the page filters by shift itself, so counts stay whole. */
export function useRoster(id: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: rosterKey(scope.org.slug, id),
    queryFn: () => api.get<Signup[]>(scope.path(`/volunteers/opportunities/${id}/signups`)),
  });
}

export function useContactVolunteering(contactId: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['contact-volunteering', scope.org.slug, contactId],
    queryFn: () => api.get<ContactVolunteering>(scope.path(`/contacts/${contactId}/volunteering`)),
  });
}
