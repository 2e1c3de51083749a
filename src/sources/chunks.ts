// Cuts a stream of bytes into Chunks with exact locations, in bounded memory, whatever its size.
import { TextDecoder } from 'node:util';
import { MAX_SECRET_LENGTH, type Chunk } from '../types.js';
import { LoneCrToLf, sniff, SNIFF_BYTES } from './decode.js';

/** Chunks hold about this many bytes: large enough that per-chunk work vanishes, small enough to bound memory. */
export const CHUNK_SIZE = 1 << 20;

/**
 * Bytes repeated where a line longer than a chunk is cut. Of these, the last four fifths hold the
 * longest match a rule can make (a key percent-encoded, three bytes a character, and as much again
 * for the text a rule frames it with), the first fifth the text before a match that decides it (a
 * boundary, a framing): a match that starts past the first fifth is whole, with what precedes it,
 * in the next chunk, and reported there only (see Chunk.ownTo).
 */
export const OVERLAP = 5 * MAX_SECRET_LENGTH;

export interface CutOptions {
  /** Most bytes in one chunk; defaults to CHUNK_SIZE. */
  chunkSize?: number;
  /** Bytes repeated where a line longer than a chunk is cut; defaults to OVERLAP. */
  overlap?: number;
}

/**
 * Cuts one file's (or stream's) bytes, pushed in blocks of any size, into chunks:
 * - NUL bytes in the first 8 KiB: the bytes as they are, with `binary` set;
 * - UTF-16 (a BOM, or the NUL-beside-ASCII pattern): transcoded to UTF-8, `decodedFrom` set, and
 *   offsets count bytes of that UTF-8, as they are the only offsets a finding in it can have;
 * - anything else, as it is (a UTF-8 BOM is left out, chunk.offset then starting at 3);
 *   a '\r' not followed by '\n' counts as a line end where the file starts with one.
 * A decoding choice never hides key bytes (see Reading below): a UTF-16 file is also searched as
 * the bytes it is, which finds ASCII appended to it (PowerShell `>` then bash `>>`), and any
 * chunk of bytes with NULs in it is also searched for text written as UTF-16 (a binary's string
 * table, UTF-16 without a BOM whose first 8 KiB are mostly CJK).
 * Chunks end on a '\n' where one lies within chunkSize; a longer line is cut within it and the
 * next chunk starts `overlap` bytes before the cut, so a key on the cut is whole in one of them;
 * ownFrom and ownTo then say which chunk reports it, so that neither a copy nor the key's head
 * before the cut is reported.
 * Synchronous, so a small file costs no promise; readChunks wraps it for streams.
 */
export class ChunkCutter {
  private readonly chunkSize: number;
  private readonly overlap: number;
  /** Blocks held until there are enough to tell the encoding. */
  private head: Buffer[] | undefined = [];
  private headLength = 0;
  private utf16: TextDecoder | undefined;
  private readonly crs = new LoneCrToLf();
  /** The reading line numbers and columns come from: the decoded text, or the bytes. */
  private main!: Reading;
  /** A UTF-16 file's bytes as they are. */
  private raw: Reading | undefined;

  constructor(
    readonly path: string,
    options: CutOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? CHUNK_SIZE;
    this.overlap = options.overlap ?? OVERLAP;
    // A cut inside a line must move forward even after stepping back to a separator and then
    // over a split UTF-8 character.
    if (!(this.overlap >= 0 && this.chunkSize > 2 * this.overlap + 4)) {
      throw new RangeError(`chunk size ${this.chunkSize} must exceed twice the overlap ${this.overlap} + 4`);
    }
  }

  push(block: Buffer): Chunk[] {
    const out: Chunk[] = [];
    if (!this.head) {
      this.main.cut(this.decode(block), out);
      this.raw?.cut(block, out);
    } else {
      this.head.push(block);
      this.headLength += block.length;
      if (this.headLength >= SNIFF_BYTES) this.begin(out);
    }
    return out;
  }

  /** The chunks still held, once the input has ended. */
  end(): Chunk[] {
    const out: Chunk[] = [];
    if (this.head) {
      if (!this.headLength) return out;
      this.begin(out);
    }
    if (this.utf16) this.main.cut(this.crs.push(Buffer.from(this.utf16.decode(), 'utf8')), out);
    if (!this.main.binary) this.main.cut(this.crs.end(), out);
    this.main.end(out);
    this.raw?.end(out);
    return out;
  }

  private begin(out: Chunk[]): void {
    const head = this.head!.length === 1 ? this.head![0]! : Buffer.concat(this.head!, this.headLength);
    this.head = undefined;
    const encoding = sniff(head);
    const reading = (kind: ReadingKind, offset = 0) =>
      new Reading(this.path, this.chunkSize, this.overlap, kind, offset);
    if (encoding === 'utf16le' || encoding === 'utf16be') {
      // The decoder drops the BOM, so the first chunk starts at the first character.
      this.utf16 = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
      this.main = reading({ decodedFrom: encoding });
      // Searched for ASCII only: UTF-16 in it is what the decoded reading finds, and would be
      // found twice (at two different offsets) if this reading looked for it too.
      this.raw = reading({ binary: true, noUtf16: true });
    } else {
      this.main = reading(encoding === 'binary' ? { binary: true } : {}, encoding === 'utf8bom' ? 3 : 0);
    }
    this.main.cut(this.decode(encoding === 'utf8bom' ? head.subarray(3) : head), out);
    this.raw?.cut(head, out);
  }

  private decode(block: Buffer): Buffer {
    if (this.main.binary) return block;
    // The decoder carries split code units and surrogate pairs over to the next block.
    if (this.utf16) block = Buffer.from(this.utf16.decode(block, { stream: true }), 'utf8');
    return this.crs.push(block);
  }
}

interface ReadingKind {
  binary?: boolean;
  decodedFrom?: 'utf16le' | 'utf16be';
  /** Do not look for UTF-16 text in chunks holding NULs. */
  noUtf16?: boolean;
}

/** One reading of a file (its bytes, or its decoded text) cut into chunks, with their locations. */
class Reading {
  readonly binary: boolean;
  /** Text not yet in a chunk: less than chunkSize between pushes. */
  private parts: Buffer[] = [];
  private held = 0;
  private line = 1;
  private column = 0;
  /** Set after a cut inside a line: where the next chunk's own part of its data starts. */
  private ownFrom: number | undefined;

  constructor(
    private readonly path: string,
    private readonly chunkSize: number,
    private readonly overlap: number,
    private readonly kind: ReadingKind,
    private offset: number,
  ) {
    this.binary = kind.binary === true;
  }

  end(out: Chunk[]): void {
    if (this.held) this.emit(this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.held), out);
    this.parts = [];
    this.held = 0;
  }

  private emit(data: Buffer, out: Chunk[], ownTo?: number): void {
    const c: Chunk = { path: this.path, data, line: this.line, column: this.column, offset: this.offset };
    if (this.ownFrom !== undefined) c.ownFrom = this.ownFrom;
    if (ownTo !== undefined) c.ownTo = ownTo;
    this.ownFrom = undefined;
    if (this.kind.binary) c.binary = true;
    if (this.kind.decodedFrom) c.decodedFrom = this.kind.decodedFrom;
    out.push(c);
    if (!this.kind.noUtf16 && !this.kind.decodedFrom && data.includes(0)) out.push(...utf16Text(c));
  }

  cut(block: Buffer, out: Chunk[]): void {
    if (!block.length) return;
    const { chunkSize, overlap } = this;
    // Blocks gather until a chunk's worth is there, so a small file is one chunk, never copied.
    this.parts.push(block);
    this.held += block.length;
    if (this.held < chunkSize) return;
    const buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.held);
    let pos = 0;
    while (buf.length - pos >= chunkSize) {
      const window = buf.subarray(pos, pos + chunkSize);
      const nl = window.lastIndexOf(10);
      if (nl !== -1) {
        const data = window.subarray(0, nl + 1);
        this.emit(data, out);
        this.line += countNewlines(data);
        this.column = 0;
        this.offset += data.length;
        pos += data.length;
      } else {
        const { end, next, handOver } = lineCut(window, overlap);
        this.emit(window.subarray(0, end), out, handOver);
        this.ownFrom = handOver - next;
        this.column += utf16Units(window, next);
        this.offset += next;
        pos += next;
      }
    }
    this.parts = pos < buf.length ? [buf.subarray(pos)] : [];
    this.held = buf.length - pos;
  }
}

/** Runs shorter than this many characters hold no key. */
const MIN_UTF16_RUN = 16;
/** Every run of MIN_UTF16_RUN pairs holds a byte, or the byte after one, of every STEP-th offset. */
const STEP = 2 * MIN_UTF16_RUN - 2;
const TEXT_BYTE = new Uint8Array(256);
for (let b = 0x20; b < 0x7f; b++) TEXT_BYTE[b] = 1;
for (const b of [0x09, 0x0a, 0x0d]) TEXT_BYTE[b] = 1;

/** A printable ASCII byte then a NUL: one character of UTF-16LE text. */
const isPair = (data: Buffer, i: number) => data[i + 1] === 0 && TEXT_BYTE[data[i]!] === 1;

/**
 * The ASCII text written as UTF-16LE in a chunk of bytes, as `strings -el` finds it: one chunk per
 * run of (printable byte, NUL) pairs, at either alignment, with `stride` 2 so that findings get
 * their byte offsets in the file. UTF-16BE text is the same pattern one byte on. Looks at every
 * STEP-th byte only, until one is in a pair: binary data costs a thirtieth of a byte-by-byte pass.
 */
export function utf16Text(parent: Chunk): Chunk[] {
  const { data } = parent;
  const out: Chunk[] = [];
  // Lines end at a 0x0a byte, as git and the byte reading count them; "\n\0" is one in UTF-16LE.
  let line = parent.line;
  let lineStart = -1;
  let counted = 0;
  let done = 0;
  for (let probe = 0; probe + 1 < data.length; probe += STEP) {
    const at = isPair(data, probe) ? probe : isPair(data, probe + 1) ? probe + 1 : -1;
    if (at < 0) continue;
    let start = at;
    while (start - 2 >= done && isPair(data, start - 2)) start -= 2;
    let end = at;
    while (isPair(data, end)) end += 2;
    done = end;
    // The next probe lies in any run long enough that starts after this one.
    probe = Math.max(probe, end - STEP);
    const n = (end - start) >> 1;
    if (n < MIN_UTF16_RUN) continue;
    const text = Buffer.allocUnsafe(n);
    for (let j = 0; j < n; j++) text[j] = data[start + 2 * j]!;
    for (let nl = data.indexOf(10, counted); nl !== -1 && nl < start; nl = data.indexOf(10, nl + 1)) {
      line++;
      lineStart = nl;
    }
    counted = start;
    // In characters, where the line is UTF-16 from its start; in binary data, offsets tell.
    const column = lineStart < 0 ? parent.column + (start >> 1) : (start - lineStart - 1) >> 1;
    const c: Chunk = { ...parent, data: text, line, column, offset: parent.offset + start };
    // The parent's own part, in characters of the run: a match is reported where its bytes are.
    if (parent.ownFrom !== undefined) c.ownFrom = Math.max(0, Math.ceil((parent.ownFrom - start) / 2));
    if (parent.ownTo !== undefined) c.ownTo = Math.max(0, Math.ceil((parent.ownTo - start) / 2));
    c.decodedFrom = 'utf16le';
    c.stride = 2;
    out.push(c);
  }
  return out;
}

/** A ChunkCutter over a stream (stdin, a git blob): bounded memory, whatever its size. */
export async function* readChunks(
  path: string,
  blocks: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: CutOptions = {},
): AsyncGenerator<Chunk> {
  const cutter = new ChunkCutter(path, options);
  for await (const block of blocks) yield* cutter.push(block);
  yield* cutter.end();
}

// Bytes a key, or the base64 or percent-encoding of one, can hold.
const KEY_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=%') {
  KEY_BYTE[c.charCodeAt(0)] = 1;
}

/** Where a chunk full of one line's bytes is cut, as offsets into it. */
export interface LineCut {
  /** The chunk ends here (exclusive). */
  end: number;
  /** The next chunk starts here, `overlap` bytes or a split character's few more before end. */
  next: number;
  /** Matches starting from here on are the next chunk's: it holds them whole, with the text before them (Chunk.ownTo). */
  handOver: number;
}

/**
 * How to cut a chunk's worth of one line, `window`, repeating `overlap` bytes in the next chunk:
 * the one hand-over both the file reader (here) and the diff reader (diff.ts) cut by, so a key
 * on a cut is reported by the same chunk whichever source read it.
 */
export function lineCut(window: Buffer, overlap: number): LineCut {
  const end = cutPoint(window, overlap);
  const handOver = end - overlap + Math.floor(overlap / 5);
  let next = end - overlap;
  // Start on a character, so the next chunk's column counts whole characters.
  for (let k = 0; k < 3 && isContinuation(window[next]!); k++) next--;
  return { end, next, handOver };
}

/**
 * Where to end a chunk inside a line: after the last byte in its final `overlap` bytes that no
 * key can hold, so the chunk never ends on a truncated key the detector could take for a shorter
 * one. A run of key bytes longer than that (a base64 blob) is cut at the window's end; the
 * overlap then brings the whole key into the next chunk at the same offset.
 */
function cutPoint(window: Buffer, overlap: number): number {
  for (let i = window.length - 1; i >= window.length - overlap; i--) {
    if (!KEY_BYTE[window[i]!]) return i + 1;
  }
  return window.length;
}

const isContinuation = (b: number) => (b & 0xc0) === 0x80;

function countNewlines(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * UTF-16 code units in data[0, end) decoded as UTF-8, as the detector counts columns: broken
 * UTF-8 counts the replacement characters it decodes to.
 */
export function utf16Units(data: Buffer, end: number): number {
  return data.toString('utf8', 0, end).length;
}
