/** A parsed record (a row of cells) or a record that could not be read, with its line numbers. */
export type ParsedRecord =
  { kind: 'row'; line: number; cells: string[] } | { kind: 'error'; line: number; endLine: number; reason: string };

export interface CsvLimits {
  maxFieldChars: number;
  maxRecordChars: number;
  maxColumns: number;
}

export const defaultLimits: CsvLimits = { maxFieldChars: 32_000, maxRecordChars: 256_000, maxColumns: 500 };

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  Start,
  Unquoted,
  Quoted,
  QuoteSeen,
  Skip,
}

type Failure = { kind: 'long' | 'record' | 'columns' } | { kind: 'quote'; quoteLine: number };

const describe = (failure: Failure, line: number, endLine: number, limits: CsvLimits): string => {
  const lines = endLine > line ? `lines ${line}–${endLine}` : `line ${line}`;
  switch (failure.kind) {
    case 'long':
      return `A value on ${lines} is longer than ${limits.maxFieldChars.toLocaleString('en')} characters, so the row was skipped.`;
    case 'record':
      return `The row on ${lines} is longer than ${limits.maxRecordChars.toLocaleString('en')} characters, so it was skipped.`;
    case 'columns':
      return `The row on ${lines} has more than ${limits.maxColumns} columns, so it was skipped.`;
    case 'quote':
      return (
        `A quotation mark (") opened on line ${failure.quoteLine} is never closed, so ${lines} could not be read. ` +
        'Check the quotation marks in that row.'
      );
  }
};

/** Counts the delimiters of the first line (outside quotes) to tell comma, tab and semicolon files apart. */
export function detectDelimiter(head: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * A streaming RFC 4180 parser that never throws on bad input. It is lenient where spreadsheets are
 * sloppy (stray quotes inside values, text after a closing quote) and reports, with line numbers,
 * what it cannot read: an unclosed quote, a value, row or column count over the limits. After a bad
 * record it resumes at the next line, so one broken row costs one rejection, not the file.
 */
export class CsvParser {
  private readonly delimiter: number;
  private cells: string[] = [];
  private field = '';
  private state = State.Start;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private recordChars = 0;
  private inRecord = false;
  private pendingCR = false;
  private failure: Failure | null = null;

  constructor(
    delimiter = ',',
    private readonly limits: CsvLimits = defaultLimits,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): ParsedRecord[] {
    const out: ParsedRecord[] = [];
    const n = chunk.length;
    let i = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
    }
    const delimiter = this.delimiter;
    while (i < n) {
      switch (this.state) {
        case State.Start: {
          this.inRecord = true;
          if (chunk.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            i++;
          } else this.state = State.Unquoted;
          break;
        }
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            j++;
          }
          this.field += chunk.slice(i, j);
          if (this.field.length > this.limits.maxFieldChars) {
            this.fail({ kind: 'long' });
            i = j;
            break;
          }
          if (j === n) {
            i = n;
            break;
          }
          if (chunk.charCodeAt(j) === delimiter) {
            this.endField();
            i = j + 1;
          } else {
            this.endField();
            i = this.endLine(chunk, j, out);
          }
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === QUOTE) break;
            if (c === LF) this.line++;
            j++;
          }
          this.field += chunk.slice(i, j);
          if (this.field.length > this.limits.maxFieldChars) {
            this.fail({ kind: 'quote', quoteLine: this.quoteLine });
            i = j;
            break;
          }
          if (j === n) {
            i = n;
            break;
          }
          this.state = State.QuoteSeen;
          i = j + 1;
          break;
        }
        case State.QuoteSeen: {
          const c = chunk.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === delimiter) {
            this.endField();
            i++;
          } else if (c === LF || c === CR) {
            this.endField();
            i = this.endLine(chunk, i, out);
          } else this.state = State.Unquoted; // text after a closing quote is kept as written
          break;
        }
        case State.Skip: {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === LF || c === CR) break;
            j++;
          }
          i = j === n ? n : this.endLine(chunk, j, out);
          break;
        }
      }
    }
    return out;
  }

  /** Flushes the last record; an open quote at the end of the file is reported. */
  end(): ParsedRecord[] {
    const out: ParsedRecord[] = [];
    if (this.state === State.Quoted) this.fail({ kind: 'quote', quoteLine: this.quoteLine });
    if (this.state !== State.Skip && this.inRecord) this.endField();
    if (this.inRecord || this.failure) this.emit(out, this.line);
    return out;
  }

  private endField() {
    if (this.state === State.Skip) return;
    this.recordChars += this.field.length;
    this.cells.push(this.field);
    this.field = '';
    this.state = State.Start;
    if (this.cells.length > this.limits.maxColumns) this.fail({ kind: 'columns' });
    else if (this.recordChars > this.limits.maxRecordChars) this.fail({ kind: 'record' });
  }

  private fail(failure: Failure) {
    this.failure ??= failure;
    this.state = State.Skip;
    this.cells = [];
    this.field = '';
  }

  private endLine(chunk: string, j: number, out: ParsedRecord[]): number {
    let next = j + 1;
    if (chunk.charCodeAt(j) === CR) {
      if (next < chunk.length) {
        if (chunk.charCodeAt(next) === LF) next++;
      } else this.pendingCR = true;
    }
    this.emit(out, this.line);
    this.line++;
    this.recordLine = this.line;
    return next;
  }

  private emit(out: ParsedRecord[], endLine: number) {
    if (this.failure) {
      out.push({
        kind: 'error',
        line: this.recordLine,
        endLine,
        reason: describe(this.failure, this.recordLine, endLine, this.limits),
      });
    } else if (this.cells.some((cell) => cell.trim() !== '')) {
      out.push({ kind: 'row', line: this.recordLine, cells: this.cells });
    }
    this.cells = [];
    this.field = '';
    this.failure = null;
    this.state = State.Start;
    this.recordChars = 0;
    this.inRecord = false;
  }
}
