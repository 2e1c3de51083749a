// Cuts a stream of bytes into Chunks with exact locations, in bounded memory, whatever its size.
import { TextDecoder } from 'node:util';
import { MAX_SECRET_LENGTH, type Chunk } from '../types.js';
import { LoneCrToLf, sniff, SNIFF_BYTES } from './decode.js';

/** Chunks hold about this many bytes: large enough that per-chunk work vanishes, small enough to bound memory. */
export const CHUNK_SIZE = 1 << 20;

export interface CutOptions {
  /** Most bytes in one chunk; defaults to CHUNK_SIZE. */
  chunkSize?: number;
  /** Bytes repeated where a line longer than a chunk is cut; defaults to MAX_SECRET_LENGTH. */
  overlap?: number;
}

/**
 * Cuts one file's (or stream's) bytes, pushed in blocks of any size, into chunks:
 * - NUL bytes in the first 8 KiB: the bytes as they are, with `binary` set;
 * - UTF-16 (a BOM, or the NUL-beside-ASCII pattern): transcoded to UTF-8, `decodedFrom` set, and
 *   offsets count bytes of that UTF-8, as they are the only offsets a finding in it can have;
 * - anything else, as it is (a UTF-8 BOM is left out, chunk.offset then starting at 3);
 *   a '\r' not followed by '\n' counts as a line end where the file starts with one.
 * Chunks end on a '\n' where one lies within chunkSize; a longer line is cut within it and the
 * next chunk starts `overlap` bytes before the cut, so a key on the cut is whole in one of them.
 * Synchronous, so a small file costs no promise; readChunks wraps it for streams.
 */
export class ChunkCutter {
  private readonly chunkSize: number;
  private readonly overlap: number;
  /** Blocks held until there are enough to tell the encoding. */
  private head: Buffer[] | undefined = [];
  private headLength = 0;
  private binary = false;
  private utf16: { name: 'utf16le' | 'utf16be'; decoder: TextDecoder } | undefined;
  private readonly crs = new LoneCrToLf();
  /** Text not yet in a chunk: less than chunkSize between pushes. */
  private parts: Buffer[] = [];
  private held = 0;
  private line = 1;
  private column = 0;
  private offset = 0;

  constructor(
    readonly path: string,
    options: CutOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? CHUNK_SIZE;
    this.overlap = options.overlap ?? MAX_SECRET_LENGTH;
    // A cut inside a line must move forward even after stepping back to a separator and then
    // over a split UTF-8 character.
    if (!(this.overlap >= 0 && this.chunkSize > 2 * this.overlap + 4)) {
      throw new RangeError(`chunk size ${this.chunkSize} must exceed twice the overlap ${this.overlap} + 4`);
    }
  }

  push(block: Buffer): Chunk[] {
    const out: Chunk[] = [];
    if (!this.head) {
      this.cut(this.decode(block), out);
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
    if (this.utf16) this.cut(this.crs.push(Buffer.from(this.utf16.decoder.decode(), 'utf8')), out);
    if (!this.binary) this.cut(this.crs.end(), out);
    if (this.held) out.push(this.chunk(this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.held)));
    this.parts = [];
    this.held = 0;
    return out;
  }

  private begin(out: Chunk[]): void {
    const head = this.head!.length === 1 ? this.head![0]! : Buffer.concat(this.head!, this.headLength);
    this.head = undefined;
    const encoding = sniff(head);
    if (encoding === 'binary') this.binary = true;
    if (encoding === 'utf16le' || encoding === 'utf16be') {
      // The decoder drops the BOM, so the first chunk starts at the first character.
      this.utf16 = { name: encoding, decoder: new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be') };
    }
    if (encoding === 'utf8bom') this.offset = 3;
    this.cut(this.decode(encoding === 'utf8bom' ? head.subarray(3) : head), out);
  }

  private decode(block: Buffer): Buffer {
    if (this.binary) return block;
    // The decoder carries split code units and surrogate pairs over to the next block.
    if (this.utf16) block = Buffer.from(this.utf16.decoder.decode(block, { stream: true }), 'utf8');
    return this.crs.push(block);
  }

  private chunk(data: Buffer): Chunk {
    const c: Chunk = { path: this.path, data, line: this.line, column: this.column, offset: this.offset };
    if (this.binary) c.binary = true;
    if (this.utf16) c.decodedFrom = this.utf16.name;
    return c;
  }

  private cut(block: Buffer, out: Chunk[]): void {
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
        out.push(this.chunk(data));
        this.line += countNewlines(data);
        this.column = 0;
        this.offset += data.length;
        pos += data.length;
      } else {
        const end = cutPoint(window, overlap);
        out.push(this.chunk(window.subarray(0, end)));
        let next = end - overlap;
        // Start on a character, so the next chunk's column counts whole characters.
        for (let k = 0; k < 3 && isContinuation(window[next]!); k++) next--;
        this.column += utf16Units(window, next);
        this.offset += next;
        pos += next;
      }
    }
    this.parts = pos < buf.length ? [buf.subarray(pos)] : [];
    this.held = buf.length - pos;
  }
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
