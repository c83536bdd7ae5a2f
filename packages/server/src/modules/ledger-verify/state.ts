// What `ledger verify` remembers per log origin between runs: the trusted key, the last verified
// checkpoint, and the roots of the full level-0 tiles it verified (so a later run starts where it stopped).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** ~/.commonweal/ledger: one folder per origin (URL-encoded). */
export const defaultStateDir = () => path.join(os.homedir(), '.commonweal', 'ledger');

export interface OriginState {
  /** Verifier key trusted for this origin. */
  key?: string;
  /** The last checkpoint that verified, as the signed note served. */
  checkpoint?: string;
  /** Concatenated roots of the full level-0 tiles of that checkpoint's tree (tile level 1). */
  level1?: Uint8Array;
}

const files = { key: 'key', checkpoint: 'checkpoint', level1: 'level1.hashes' } as const;

export const originStateDir = (stateDir: string, origin: string) => path.join(stateDir, encodeURIComponent(origin));

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadOriginState(stateDir: string, origin: string): Promise<OriginState> {
  const dir = originStateDir(stateDir, origin);
  const [key, checkpoint, level1] = await Promise.all([
    readIfPresent(path.join(dir, files.key)),
    readIfPresent(path.join(dir, files.checkpoint)),
    readIfPresent(path.join(dir, files.level1)),
  ]);
  return {
    key: key?.toString('utf8').trim(),
    checkpoint: checkpoint?.toString('utf8'),
    level1: level1 ? new Uint8Array(level1) : undefined,
  };
}

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

/** Saves a verified state; the checkpoint goes last, so a crash never pairs it with older hashes. */
export async function saveOriginState(stateDir: string, origin: string, state: Required<OriginState>): Promise<void> {
  const dir = originStateDir(stateDir, origin);
  await mkdir(dir, { recursive: true });
  await writeAtomically(path.join(dir, files.key), `${state.key}\n`);
  await writeAtomically(path.join(dir, files.level1), state.level1);
  await writeAtomically(path.join(dir, files.checkpoint), state.checkpoint);
}
