// @commonweal/ledger: transparency-log primitives that run in Node 20 and in browsers (WebCrypto only).

/** Error with a stable code (MALFORMED, PROOF_INVALID, NOTE_*, KEY_INVALID, TILE_MISSING) thrown by everything here. */
export { LedgerError, type LedgerErrorCode } from './errors.ts';
/** Byte helpers: strict standard base64 and hex codecs, equality, concatenation, canonical uint64 decimals. */
export { base64Decode, base64Encode, bytesEqual, concatBytes, hexDecode, hexEncode, parseDecimalU64 } from './bytes.ts';
/** Synchronous SHA-256 (WebCrypto's digest is async only). */
export { sha256 } from '#sha256';
/** RFC 6962 / RFC 9162 hashing: leaf (0x00) and node (0x01) hashes, MTH of a whole list or a range. */
export { emptyRoot, HASH_SIZE, hashChildren, hashLeaf, merkleRoot, subtreeRoot } from './hash.ts';
/** Inclusion and consistency proofs: generation (RFC 9162 PATH/SUBPROOF, as leaf ranges or hashes) and verification. */
export {
  consistencyProof,
  consistencyProofRanges,
  inclusionProof,
  inclusionProofRanges,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type LeafRange,
} from './proof.ts';
/** Subtree inclusion and consistency verification ([start, end) of a larger tree; Merkle Tree Certificates). */
export { isValidSubtree, verifySubtreeConsistency, verifySubtreeInclusion } from './subtree.ts';
/** Verifier keys `name+keyid+base64key`, signer keys `PRIVATE+KEY+name+keyid+base64`, key IDs and key generation. */
export {
  computeKeyId,
  formatVerifierKey,
  generateKeyPair,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  type KeyMaterial,
} from './keys.ts';
/** C2SP signed-note: parse, sign, open (unknown keys ignored, malformed notes rejected), Ed25519 signers/verifiers. */
export {
  addSignatureLines,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatSignatureLine,
  MAX_SIGNATURES,
  openNote,
  parseNote,
  parseSignatureLine,
  signNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  type ParsedNote,
} from './note.ts';
/** A NoteVerifier for any supported vkey: Ed25519 log keys (0x01) or cosigner keys (0x04). */
export { verifierFromKey } from './verifiers.ts';
/** C2SP tlog-checkpoint: origin, tree size, root hash, extension lines; format, parse, sign and open. */
export {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from './checkpoint.ts';
/** C2SP tlog-cosignature: Ed25519 cosignature/v1 signer, verifier, signed message and timestamp. */
export { cosignatureMessage, cosignatureTimestamp, cosignatureVerifier, cosigner } from './cosignature.ts';
/** C2SP tlog-tiles layout: tile and entry-bundle paths (x001/x234/067, .p/W), widths, edge tiles, entry bundles. */
export {
  decodeEntryBundle,
  edgeTiles,
  encodeEntryBundle,
  entryBundlePath,
  formatTileIndex,
  MAX_TILE_LEVEL,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
  tileWidthAt,
  type ParsedTilePath,
  type TileId,
} from './tiles.ts';
/** Tiled log: append leaves to tiles, and compute roots, leaf hashes and proofs from tiles alone via a TileReader. */
export {
  appendLeaves,
  consistencyProofFromTiles,
  inclusionProofFromTiles,
  leafHashFromTiles,
  memoryTileReader,
  overlayReader,
  rangeHashesFromTiles,
  treeRootFromTiles,
  type TileReader,
  type TileWrite,
} from './tile-log.ts';
/** C2SP tlog-witness server: the add-checkpoint handler (200/400/403/404/409/422) and its atomic store contract. */
export {
  handleAddCheckpoint,
  MAX_PROOF_LINES,
  memoryWitnessStore,
  parseAddCheckpointRequest,
  TLOG_SIZE_CONTENT_TYPE,
  type AddCheckpointDeps,
  type WitnessRecord,
  type WitnessResponse,
  type WitnessStore,
} from './witness.ts';
/** C2SP tlog-witness client: one add-checkpoint call, or a verified cosignature with 409 recovery. */
export {
  addCheckpoint,
  formatAddCheckpointRequest,
  requestCosignature,
  type AddCheckpointResult,
  type FetchLike,
} from './witness-client.ts';
/** C2SP tlog-proof: offline proof file for one entry (index, inclusion proof, signed checkpoint, optional extra). */
export {
  formatTlogProof,
  parseTlogProof,
  TLOG_PROOF_HEADER,
  verifyTlogProof,
  type TlogProof,
  type VerifiedTlogProof,
} from './tlog-proof.ts';
