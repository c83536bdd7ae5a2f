/** Why a ledger operation refused its input; stable codes so callers can map them (e.g. to HTTP statuses). */
export type LedgerErrorCode =
  | 'MALFORMED' // input does not parse (bad base64, wrong lengths, bad lines)
  | 'PROOF_INVALID' // a Merkle proof does not verify
  | 'NOTE_MALFORMED' // signed-note structure is wrong
  | 'NOTE_UNVERIFIED' // no signature from a known key
  | 'NOTE_BAD_SIGNATURE' // a signature from a known key failed to verify
  | 'KEY_INVALID' // a verifier or signer key string is wrong
  | 'TILE_MISSING'; // a tile reader could not provide a needed tile

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
