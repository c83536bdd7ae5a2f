import { LedgerError } from './errors.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 with padding (RFC 4648 §4), the encoding every C2SP spec uses. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

/**
 * Strict standard base64 decoding: padding required, no whitespace, no URL alphabet.
 * Like Go's base64.StdEncoding (non-strict mode) it accepts non-zero trailing bits.
 */
export function base64Decode(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new LedgerError('MALFORMED', 'base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let acc = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const isPad = code === 61 && i + 4 === text.length && j >= 4 - pad;
      const v = isPad ? 0 : code < 128 ? B64_INDEX[code]! : -1;
      if (v < 0) throw new LedgerError('MALFORMED', 'invalid base64 character');
      acc = (acc << 6) | v;
    }
    if (o < out.length) out[o++] = (acc >> 16) & 255;
    if (o < out.length) out[o++] = (acc >> 8) & 255;
    if (o < out.length) out[o++] = acc & 255;
  }
  return out;
}

/** Lowercase hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Decodes even-length hex (either case). */
export function hexDecode(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new LedgerError('MALFORMED', 'invalid hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Byte-for-byte equality; lengths must match too. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8, rejecting invalid sequences instead of replacing them. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new LedgerError('MALFORMED', 'invalid UTF-8');
  }
}

/** A string whose UTF-16 holds a lone surrogate cannot be encoded as UTF-8 faithfully. */
export function isWellFormedUnicode(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export function uint32BE(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

export function uint64BE(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

export function readUint32BE(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

export function readUint64BE(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset);
}

const U64_MAX = (1n << 64n) - 1n;

/** ASCII decimal with no leading zeroes (except "0"), within uint64, as every C2SP format requires. */
export function parseDecimalU64(text: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(text))
    throw new LedgerError('MALFORMED', `not a canonical decimal: ${JSON.stringify(text)}`);
  const value = BigInt(text);
  if (value > U64_MAX) throw new LedgerError('MALFORMED', 'integer exceeds 2^64-1');
  return value;
}
