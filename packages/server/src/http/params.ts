import { z } from 'zod';

export const orgSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters');

export const orgParams = z.object({ org: orgSlug });

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const orgIdParams = z.object({ org: orgSlug, id: idParam });
