// Turns byte offsets in a chunk into the line and UTF-16 columns that editors and SARIF use,
// touching only the bytes up to the last finding.

/** Anywhere on a key's line, this marker tells keysentry the key is meant to be there. */
export const ALLOW_MARKER = 'keysentry:allow';

export interface Place {
  line: number;
  /** 1-based, UTF-16 code units. */
  column: number;
  /** Exclusive. */
  endColumn: number;
  /** The line carries ALLOW_MARKER. */
  allowed: boolean;
}

/** Locates byte spans of one buffer; spans must come in ascending order of start. */
export class Locator {
  private line: number;
  private lineStart = 0;
  private nextNewline: number;
  /** UTF-16 units from the line start (plus the chunk's column on its first line) up to byte columnAt. */
  private column: number;
  private columnAt = 0;
  private allowedLine = -1;
  private allowed = false;

  constructor(
    private readonly data: Buffer,
    start: { line: number; column: number },
  ) {
    this.line = start.line;
    this.column = start.column;
    this.nextNewline = data.indexOf(0x0a);
  }

  locate(start: number, end: number): Place {
    const { data } = this;
    while (this.nextNewline !== -1 && this.nextNewline < start) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = data.indexOf(0x0a, this.lineStart);
    }
    if (this.columnAt < this.lineStart) {
      this.columnAt = this.lineStart;
      this.column = 0;
    }
    // Decoding (rather than counting bytes) gives invalid UTF-8 the width its replacement characters have.
    this.column += data.toString('utf8', this.columnAt, start).length;
    this.columnAt = start;
    if (this.allowedLine !== this.line) {
      this.allowedLine = this.line;
      const lineEnd = this.nextNewline === -1 ? data.length : this.nextNewline;
      this.allowed = data.subarray(this.lineStart, lineEnd).includes(ALLOW_MARKER);
    }
    const column = this.column + 1;
    // A span over several lines (a key in wrapped base64) is marked to the end of its first line.
    let stop = end;
    if (this.nextNewline !== -1 && this.nextNewline < end) {
      stop = this.nextNewline > start && data[this.nextNewline - 1] === 0x0d ? this.nextNewline - 1 : this.nextNewline;
    }
    return { line: this.line, column, endColumn: column + data.toString('utf8', start, stop).length, allowed: this.allowed };
  }
}
