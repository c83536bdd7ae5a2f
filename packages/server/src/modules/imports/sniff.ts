import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../../errors/app-error.ts';

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface Sniffed {
  format: FileFormat;
  /** For XLSX the cells carry their own encoding; reported as utf-8. */
  encoding: TextEncoding;
  /** Bytes of byte-order mark to drop before decoding. */
  bomLength: number;
}

export const fileInvalid = (message: string) =>
  new AppError('IMPORT_FILE_INVALID', message, [{ path: 'file', message }]);

const startsWith = (sample: Uint8Array, bytes: number[]) => bytes.every((b, i) => sample[i] === b);

/**
 * True when the bytes are valid UTF-8. A multi-byte character cut off by the end of the sample is
 * allowed (`complete` false), because the sample is the head of a longer file.
 */
export function isValidUtf8(bytes: Uint8Array, complete = false): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return false;
    if (i + need >= n) return !complete && checkTail(bytes, i + 1);
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

// The bytes after a lead byte cut off by the end of the sample must all be continuation bytes.
const checkTail = (bytes: Uint8Array, from: number) => {
  for (let i = from; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) return false;
  return true;
};

/**
 * Decides how to read a file from its first bytes: XLSX by its ZIP signature, otherwise text whose
 * encoding is found by byte-order mark, then a strict UTF-8 check, then GB18030 (a superset of GBK
 * and GB2312, what Excel on Chinese Windows writes), or Big5 when chardet is sure of it.
 */
export function sniffFile(sample: Uint8Array, complete: boolean): Sniffed {
  if (sample.length === 0) throw fileInvalid('The file is empty.');
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx', encoding: 'utf-8', bomLength: 0 };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw fileInvalid(
      'This is an old Excel file (.xls). Open it in Excel or WPS and save it as .xlsx or CSV, then upload it again.',
    );
  }
  if (startsWith(sample, [0x25, 0x50, 0x44, 0x46]))
    throw fileInvalid('This is a PDF. Upload a CSV or Excel (.xlsx) file.');
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { format: 'csv', encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { format: 'csv', encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { format: 'csv', encoding: 'utf-16be', bomLength: 2 };
  if (sample.includes(0)) {
    throw fileInvalid(
      'This file does not look like a CSV or Excel file. Save the spreadsheet as CSV or .xlsx and upload it again.',
    );
  }
  if (isValidUtf8(sample, complete)) return { format: 'csv', encoding: 'utf-8', bomLength: 0 };
  // chardet often calls short GBK text Big5; believe it only when GB18030 cannot decode the bytes.
  const [guess] = chardet.analyse(sample);
  if (
    guess?.name === 'Big5' &&
    guess.confidence >= 50 &&
    iconv.decode(Buffer.from(sample), 'gb18030').includes('\uFFFD')
  ) {
    return { format: 'csv', encoding: 'big5', bomLength: 0 };
  }
  return { format: 'csv', encoding: 'gb18030', bomLength: 0 };
}
