// This instance as a C2SP tlog-witness for other logs: its cosigner key and the add-checkpoint endpoint.
import {
  cosigner,
  ed25519NoteVerifier,
  formatVerifierKey,
  generateKeyPair,
  handleAddCheckpoint,
  LedgerError,
  parseSignerKey,
  SIG_TYPE_COSIGNATURE_V1,
  type NoteSigner,
  type NoteVerifier,
  type WitnessResponse,
} from '@commonweal/ledger';
import type { Clock } from '../../adapters/clock.ts';
import { ConfigError, type Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { listWitnessedLogs, storedWitnessKey, witnessStore } from './repo.ts';

export interface WitnessDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'WITNESS_KEY' | 'WITNESS_LOGS'>;
  clock: Clock;
}

export interface WitnessIdentity {
  signer: NoteSigner;
  /** `name+keyid+base64(0x04 || public key)`: what other instances configure to check our cosignatures. */
  verifierKey: string;
}

/** The cosigner's key name: this instance's host, then /witness. */
export const witnessKeyName = (publicUrl: string) => `${new URL(publicUrl).host}/witness`;

const identities = new WeakMap<Db, Promise<WitnessIdentity>>();

async function loadIdentity(deps: WitnessDeps): Promise<WitnessIdentity> {
  const signerKey =
    deps.config.WITNESS_KEY ??
    (
      await storedWitnessKey(deps.db, async () => {
        const pair = await generateKeyPair(witnessKeyName(deps.config.PUBLIC_URL), SIG_TYPE_COSIGNATURE_V1);
        return { signerKey: pair.skey, verifierKey: pair.vkey };
      })
    ).signerKey;
  const key = await parseSignerKey(signerKey);
  const now = () => BigInt(Math.floor(deps.clock.now().getTime() / 1000));
  return {
    signer: await cosigner(signerKey, now),
    verifierKey: formatVerifierKey(key.name, key.type, key.publicKey),
  };
}

/** This instance's cosigner: WITNESS_KEY, or the key generated on first use and kept in the database. */
export function witnessIdentity(deps: WitnessDeps): Promise<WitnessIdentity> {
  let identity = identities.get(deps.db);
  if (!identity) {
    identity = loadIdentity(deps);
    identity.catch(() => identities.delete(deps.db));
    identities.set(deps.db, identity);
  }
  return identity;
}

/** Loads (or generates) the cosigner at start, so a bad WITNESS_KEY stops the server with a readable message. */
export async function prepareWitness(deps: WitnessDeps): Promise<WitnessIdentity> {
  try {
    return await witnessIdentity(deps);
  } catch (error) {
    if (!deps.config.WITNESS_KEY || !(error instanceof LedgerError)) throw error;
    throw new ConfigError([`WITNESS_KEY: ${error.message}`]);
  }
}

function trustedLogs(config: WitnessDeps['config']): Map<string, NoteVerifier[]> {
  const logs = new Map<string, NoteVerifier[]>();
  for (const { origin, verifierKey } of config.WITNESS_LOGS) {
    logs.set(origin, [...(logs.get(origin) ?? []), ed25519NoteVerifier(verifierKey)]);
  }
  return logs;
}

/** POST …/add-checkpoint: the tlog-witness request in, the spec's status and body out. */
export async function addCheckpoint(deps: WitnessDeps, body: string): Promise<WitnessResponse> {
  const { signer } = await witnessIdentity(deps);
  const keysOf = (origin: string) =>
    deps.config.WITNESS_LOGS.filter((l) => l.origin === origin)
      .map((l) => l.verifierKey)
      .join('\n');
  return handleAddCheckpoint(body, {
    logs: trustedLogs(deps.config),
    store: witnessStore(deps.db, keysOf, () => deps.clock.now()),
    cosigners: [signer],
  });
}

/** The logs this instance witnesses, with the latest size it cosigned (0 before the first submission). */
export async function witnessedLogs(deps: WitnessDeps) {
  const cosigned = new Map((await listWitnessedLogs(deps.db)).map((row) => [row.origin, row]));
  const origins = [...new Set(deps.config.WITNESS_LOGS.map((l) => l.origin))];
  return origins.map((origin) => {
    const row = cosigned.get(origin);
    return {
      origin,
      verifierKeys: deps.config.WITNESS_LOGS.filter((l) => l.origin === origin).map((l) => l.verifierKey),
      size: row?.size ?? '0',
      rootHash: row?.rootHash ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}
