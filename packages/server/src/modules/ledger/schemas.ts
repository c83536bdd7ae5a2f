import { z } from 'zod';

const leafIndex = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const treeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base64Hash = z.string().describe('a SHA-256 hash, standard base64');

export const entriesQuery = z.object({
  start: leafIndex.describe('first leaf index'),
  end: treeSize.describe('one past the last leaf index (at most 1,000 entries per call)'),
});

export const loggedEntrySchema = z.object({
  index: z.number().int(),
  code: z.string().describe('the public tracking code'),
  entry: z.record(z.string(), z.unknown()).describe('the entry as JSON; its RFC 8785 canonical bytes are the leaf'),
  leafHash: base64Hash,
});

export const inclusionQuery = z
  .object({
    index: leafIndex.optional(),
    code: z
      .string()
      .regex(/^[0-9A-F]{16}$/, '16 upper-case hex digits')
      .optional()
      .describe('a tracking code, instead of index'),
    size: treeSize.min(1).optional().describe('tree size; default the latest signed checkpoint'),
  })
  .refine((q) => (q.index === undefined) !== (q.code === undefined), {
    message: 'give exactly one of index and code',
    path: ['index'],
  });

export const inclusionProofSchema = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: base64Hash,
  proof: z.array(base64Hash).describe('RFC 9162 inclusion path, leaf to root'),
  checkpoint: z.string().describe('the latest signed checkpoint (a C2SP signed note)'),
});

export const consistencyQuery = z.object({
  from: treeSize,
  to: treeSize.optional().describe('default the latest signed checkpoint'),
});

export const consistencyProofSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(base64Hash).describe('RFC 9162 consistency proof'),
  checkpoint: z.string().describe('the latest signed checkpoint (a C2SP signed note)'),
});

export const textResponse = z.string();
export const binaryResponse = z.string().describe('application/octet-stream');
