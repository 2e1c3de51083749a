// A stand-in for the detector: finds a marker in chunks and locates it from the chunk's fields
// the way a detector must, so the tests check that sources give it what it needs.
import type { Chunk } from '../../src/types.js';

/** Every chunk of a source, each with its own copy of the bytes (a source may reuse its buffer). */
export async function collect(source: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for await (const c of source) out.push({ ...c, data: Buffer.from(c.data) });
  return out;
}

export interface Hit {
  path: string;
  line: number;
  /** 0-based, UTF-16 code units */
  column: number;
  offset: number;
}

/** Every place the marker lies wholly inside a chunk, de-duplicated by (path, offset). */
export function findMarker(chunks: Chunk[], marker: string): Hit[] {
  const needle = Buffer.from(marker);
  const hits = new Map<string, Hit>();
  for (const c of chunks) {
    // Walks each chunk once, line by line up to each hit.
    let line = c.line;
    let lineStart = 0;
    let column = c.column;
    let scanned = 0;
    for (let i = c.data.indexOf(needle); i !== -1; i = c.data.indexOf(needle, i + 1)) {
      for (let nl = c.data.indexOf(10, scanned); nl !== -1 && nl < i; nl = c.data.indexOf(10, nl + 1)) {
        line++;
        lineStart = nl + 1;
        column = 0;
      }
      scanned = Math.max(scanned, lineStart);
      column += units(c.data.subarray(scanned, i));
      scanned = i;
      hits.set(`${c.path}\0${c.offset + i}`, { path: c.path, line, column, offset: c.offset + i });
    }
  }
  return [...hits.values()];
}

/** UTF-16 code units of UTF-8 bytes, counted as a detector can: by character starts. */
function units(b: Buffer): number {
  let n = 0;
  for (const x of b) if ((x & 0xc0) !== 0x80) n += x >= 0xf0 ? 2 : 1;
  return n;
}

/** Where the marker is in a text, by the text's own reckoning: the truth to compare with. */
export function truth(text: string, marker: string, path: string): Hit[] {
  const hits: Hit[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  let bytes = 0;
  for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) {
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < i; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    bytes += Buffer.byteLength(text.slice(scanned, i));
    scanned = i;
    hits.push({ path, line, column: i - lineStart, offset: bytes });
  }
  return hits;
}

/**
 * Puts a file's chunks back together by offset, checking that overlapping chunks agree on the
 * bytes they share and that no byte is missing.
 */
export function reassemble(chunks: Chunk[]): Buffer {
  const end = Math.max(0, ...chunks.map((c) => c.offset + c.data.length));
  const out = Buffer.alloc(end);
  const seen = new Uint8Array(end);
  const start = chunks.length ? Math.min(...chunks.map((c) => c.offset)) : 0;
  for (const c of chunks) {
    for (let i = 0; i < c.data.length; i++) {
      const at = c.offset + i;
      if (seen[at] && out[at] !== c.data[i]) throw new Error(`chunks disagree at offset ${at}`);
      out[at] = c.data[i]!;
      seen[at] = 1;
    }
  }
  for (let i = start; i < end; i++) if (!seen[i]) throw new Error(`no chunk covers offset ${i}`);
  return out.subarray(start);
}
