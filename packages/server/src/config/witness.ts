// Parsing the witnessing variables: which logs this instance cosigns, and which witnesses cosign its log.
import {
  base64Decode,
  isValidKeyName,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
} from '@commonweal/ledger';
import { z } from 'zod';

const keyProblem = (vkey: string): string | undefined => {
  try {
    parseVerifierKey(vkey);
    return undefined;
  } catch (error) {
    return `${vkey}: ${error instanceof Error ? error.message : 'not a verifier key'}`;
  }
};

/** WITNESS_LOGS: log verifier keys (name = the log's origin), separated by commas, spaces or newlines. */
export const witnessedLogsVariable = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const keys = (text ?? '').split(/[\s,]+/).filter(Boolean);
    for (const vkey of keys) {
      const problem = keyProblem(vkey);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (parseVerifierKey(vkey).type !== SIG_TYPE_ED25519)
        ctx.addIssue({ code: 'custom', message: `${vkey}: a log key is an Ed25519 note key (type 0x01)` });
    }
    return keys.map((verifierKey) => ({ origin: verifierKey.split('+')[0]!, verifierKey }));
  });

/** LEDGER_WITNESSES: "URL VKEY" pairs separated by commas or newlines; URL is the witness's submission prefix. */
export const witnessTargetsVariable = z
  .string()
  .optional()
  .transform((text, ctx) =>
    (text ?? '')
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const [url = '', verifierKey = '', ...rest] = item.split(/\s+/);
        if (!/^https?:\/\/\S+$/.test(url) || rest.length > 0)
          ctx.addIssue({ code: 'custom', message: `"${item}" is not "https://witness.example/prefix VKEY"` });
        const problem = keyProblem(verifierKey);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
        return { url: url.replace(/\/+$/, ''), verifierKey };
      }),
  );

/** Whether `skey` is shaped like a cosigner key; its key ID is checked against the key when the server starts. */
function cosignerKeyShape(skey: string): boolean {
  const [p1, p2, name = '', id = '', ...rest] = skey.split('+');
  try {
    const raw = base64Decode(rest.join('+'));
    return (
      p1 === 'PRIVATE' &&
      p2 === 'KEY' &&
      isValidKeyName(name) &&
      /^[0-9a-f]{8}$/.test(id) &&
      raw.length === 33 &&
      raw[0] === SIG_TYPE_COSIGNATURE_V1
    );
  } catch {
    return false;
  }
}

/** WITNESS_KEY: this instance's cosigner key, PRIVATE+KEY+name+keyid+base64(0x04 || seed). */
export const witnessKeyVariable = z
  .string()
  .refine(cosignerKeyShape, 'must be a cosigner key: PRIVATE+KEY+name+keyid+base64(0x04 || 32-byte seed)')
  .optional();
