/**
 * Why `commonweal ledger verify` failed, each with its own process exit code (documented in
 * docs/ledger-verify.md; scripts and monitors rely on them).
 */
export const verifyExitCodes = {
  FETCH_FAILED: 3,
  CHECKPOINT_MALFORMED: 4,
  BAD_SIGNATURE: 5,
  KEY_INVALID: 6,
  TILE_MISSING: 7,
  ENTRY_BUNDLE_ALTERED: 8,
  HASH_TILE_ALTERED: 9,
  ROOT_MISMATCH: 10,
  REWRITE: 11,
  FORK: 12,
  WITNESS_MISSING: 13,
  LOG_TOO_LARGE: 14,
} as const;

export type VerifyFailureCode = keyof typeof verifyExitCodes;

/** A verification that did not pass, with signed evidence (checkpoints) when there is any. */
export class VerifyFailure extends Error {
  override readonly name = 'VerifyFailure';
  constructor(
    readonly code: VerifyFailureCode,
    message: string,
    readonly evidence: Record<string, string> = {},
  ) {
    super(message);
  }

  get exitCode(): number {
    return verifyExitCodes[this.code];
  }
}
