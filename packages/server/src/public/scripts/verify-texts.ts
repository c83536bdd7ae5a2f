/**
 * What the in-browser verifier says, in the page's language. The server writes these as JSON into
 * the button's data-texts; `{name}` marks a value the script fills in.
 */
export interface VerifyTexts {
  checking: string;
  /** `{index}`, `{size}`: the entry's leaf index and the checkpoint's tree size. */
  ok: string;
  failed: string;
  pending: string;
  summaryOk: string;
  summaryFailed: string;
  summaryPending: string;
  reasons: {
    /** `{fingerprint}`: what the browser computed. */
    keyMismatch: string;
    signature: string;
    inclusion: string;
    malformed: string;
    noEntry: string;
    /** `{code}`: the entry the proof is really for. */
    otherEntry: string;
    /** `{status}`: the HTTP status. */
    http: string;
    unsupported: string;
    network: string;
  };
}
