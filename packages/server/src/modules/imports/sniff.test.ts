import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isValidUtf8, sniffFile } from './sniff.ts';

const text = '姓名,手机\n张三,13800138000\n';

describe('sniffFile', () => {
  it('tells UTF-8, UTF-8 with BOM, UTF-16 and GBK apart', () => {
    expect(sniffFile(Buffer.from(text), true)).toEqual({ format: 'csv', encoding: 'utf-8', bomLength: 0 });
    expect(sniffFile(Buffer.from(`\uFEFF${text}`), true)).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffFile(iconv.encode(text, 'utf-16le', { addBOM: true }), true)).toMatchObject({ encoding: 'utf-16le' });
    expect(sniffFile(iconv.encode(text, 'gbk'), true)).toMatchObject({ encoding: 'gb18030' });
    expect(sniffFile(iconv.encode('捐赠人,金额\n王芳,100\n', 'gb18030'), true)).toMatchObject({ encoding: 'gb18030' });
  });

  it('recognizes XLSX and refuses .xls, PDF, binary and empty files with a readable message', () => {
    expect(sniffFile(Buffer.from('PK\x03\x04rest'), false).format).toBe('xlsx');
    expect(() => sniffFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), true)).toThrow(/\.xls/);
    expect(() => sniffFile(Buffer.from('%PDF-1.4'), true)).toThrow(/PDF/);
    expect(() => sniffFile(Buffer.from([1, 0, 2, 3]), true)).toThrow(/CSV or Excel/);
    expect(() => sniffFile(Buffer.alloc(0), true)).toThrow(/empty/);
  });

  it('accepts a UTF-8 character cut off by the end of the sample, but not in a complete file', () => {
    const cut = Buffer.from('abc张').subarray(0, 4);
    expect(isValidUtf8(cut, false)).toBe(true);
    expect(isValidUtf8(cut, true)).toBe(false);
    expect(isValidUtf8(Buffer.from([0xc0, 0x80]))).toBe(false); // overlong
    expect(isValidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
    expect(isValidUtf8(Buffer.from('😀'), true)).toBe(true);
  });
});
