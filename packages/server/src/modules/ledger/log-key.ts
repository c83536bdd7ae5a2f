import {
  formatVerifierKey,
  generateKeyPair,
  isValidKeyName,
  parseSignerKey,
  SIG_TYPE_ED25519,
} from '@commonweal/ledger';

/** The log's origin (and key name): the public URL's host and path, then `/ledger`, e.g. `ngo.example/ledger`. */
export function logOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  const origin = `${url.host}${url.pathname.replace(/\/+$/, '')}/ledger`;
  if (!isValidKeyName(origin))
    throw new Error(`PUBLIC_URL gives the log origin ${origin}, which is not a valid key name`);
  return origin;
}

export interface LogKeys {
  signerKey: string;
  verifierKey: string;
}

/** The configured signer key (its name must be the origin), or a new Ed25519 key named after the origin. */
export async function logKeys(origin: string, configuredSignerKey?: string): Promise<LogKeys> {
  if (!configuredSignerKey) {
    const { skey, vkey } = await generateKeyPair(origin);
    return { signerKey: skey, verifierKey: vkey };
  }
  const key = await parseSignerKey(configuredSignerKey);
  if (key.type !== SIG_TYPE_ED25519) throw new Error('LEDGER_SIGNER_KEY must be an Ed25519 (type 0x01) log key');
  if (key.name !== origin) {
    throw new Error(`LEDGER_SIGNER_KEY is named ${key.name}, but the log origin is ${origin}`);
  }
  return { signerKey: configuredSignerKey, verifierKey: formatVerifierKey(key.name, key.type, key.publicKey) };
}
