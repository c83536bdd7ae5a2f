import { hexEncode, sha256 } from '@commonweal/ledger';

/**
 * The fingerprint of the log's key shown on the public pages: SHA-256 of the /ledger/key file (the
 * verifier key and a newline), in hex, which is what `curl -s …/ledger/key | sha256sum` prints.
 * Shared by the server, which prints it, and the in-browser verifier, which recomputes it.
 */
export const keyFingerprint = (keyFile: string) => hexEncode(sha256(new TextEncoder().encode(keyFile)));
