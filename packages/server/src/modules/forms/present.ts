import type * as repo from './repo.ts';
import { formOpen } from './submit.ts';

export const formPath = (orgSlug: string, formSlug: string) => `/f/${orgSlug}/${formSlug}`;

export function presentForm(row: repo.FormRow, orgSlug: string, responseCount: number) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    fields: row.fields,
    settings: row.settings,
    status: row.status,
    /** Whether the public page takes answers now: an open form past its closing time or limit does not. */
    accepting: row.status === 'open' && formOpen(row, new Date(), responseCount) === 'open',
    publicUrl: formPath(orgSlug, row.slug),
    responseCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentResponse(
  row: repo.ResponseRow,
  names: { contactName: string | null; matchedContactName: string | null } = {
    contactName: null,
    matchedContactName: null,
  },
) {
  return {
    id: row.id,
    answers: row.answers,
    status: row.status,
    contactId: row.contactId,
    contactName: names.contactName,
    matchedContactId: row.matchedContactId,
    matchedContactName: names.matchedContactName,
    createdAt: row.createdAt.toISOString(),
  };
}
