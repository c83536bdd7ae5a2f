import { z } from 'zod';

/** tlog-witness answers in plain text: cosignature lines (200), a size (409) or a reason. */
export const witnessText = z.string();

export const witnessedLogSchema = z.object({
  origin: z.string(),
  verifierKeys: z.array(z.string()),
  size: z.string().describe('latest tree size cosigned, as a decimal string (uint64)'),
  rootHash: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const witnessedLogList = z.object({ verifierKey: z.string(), logs: z.array(witnessedLogSchema) });
