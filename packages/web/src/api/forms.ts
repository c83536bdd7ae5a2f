// Shapes of modules/forms. Keep in step with the server (schemas.ts there).
import { useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import type { ConsentChannel } from './giving';
import type { contactTargets, fieldTypes, formStatuses, regionLevels, responseStatuses } from './enums';

export { contactTargets, fieldTypes, regionLevels } from './enums';
export type RegionLevel = (typeof regionLevels)[number];
export type FieldType = (typeof fieldTypes)[number];
export type ContactTarget = (typeof contactTargets)[number];
export type FormStatus = (typeof formStatuses)[number];
export type ResponseStatus = (typeof responseStatuses)[number];

/** One question of a form. */
export interface FieldDef {
  key: string;
  type: FieldType;
  label: string;
  help?: string;
  required?: boolean;
  options?: string[];
  min?: number | null;
  max?: number | null;
  page?: number;
  showIf?: { key: string; equals: string } | null;
  mapTo?: ContactTarget | null;
  consent?: { channel: ConsentChannel; purpose: string } | null;
  /** Region questions (省/市/区): how far down the answer goes; district when left out. */
  level?: RegionLevel | null;
  /** File questions: images only (the default), or PDF documents too. */
  accept?: 'image' | 'document' | null;
}

export interface FormSettings {
  thankYou?: string;
  redirectUrl?: string | null;
  closesAt?: string | null;
  responseLimit?: number | null;
  themeColor?: string;
  tags?: string[];
  /** 需要人机验证: submissions need a passed captcha. */
  captcha?: boolean;
  /** Staff told by email of new responses (how many and the link, never the answers). */
  notifyEmails?: string[];
}

export interface FormInput {
  slug?: string;
  title: string;
  description?: string;
  fields: FieldDef[];
  settings: FormSettings;
}

export interface FormDef extends Required<Omit<FormInput, 'slug'>> {
  id: number;
  slug: string;
  status: FormStatus;
  /** Open, before its closing time and below its limit. */
  accepting: boolean;
  /** `/f/<org>/<slug>`: the public page. */
  publicUrl: string;
  responseCount: number;
  createdAt: string;
  updatedAt: string;
}

export type FormListItem = Pick<
  FormDef,
  'id' | 'slug' | 'title' | 'status' | 'accepting' | 'publicUrl' | 'responseCount' | 'createdAt'
>;

/** A file a response carries: staff download it through the API. */
export interface FileAnswer {
  file: string;
  name: string;
  size: number;
  type: string;
}

export type Answer = string | string[] | number | boolean | FileAnswer;

/** One filled-in form, and the contact it went to (or seems to be). */
export interface FormResponse {
  id: number;
  answers: Record<string, Answer>;
  status: ResponseStatus;
  contactId: number | null;
  contactName: string | null;
  matchedContactId: number | null;
  matchedContactName: string | null;
  createdAt: string;
}

export function useForms() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['forms', scope.org.slug],
    queryFn: () => api.get<FormListItem[]>(scope.path('/forms')),
  });
}

export function useFormDef(id: number | undefined) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['form', scope.org.slug, id],
    queryFn: () => api.get<FormDef>(scope.path(`/forms/${id}`)),
    enabled: id !== undefined,
  });
}

export function useFormResponses(id: number) {
  const scope = useOrg();
  return useQuery({
    queryKey: ['form-responses', scope.org.slug, id],
    queryFn: () => api.get<FormResponse[]>(scope.path(`/forms/${id}/responses`)),
  });
}
