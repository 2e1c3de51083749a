// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  MAX_SECRET_LENGTH
} from "./chunk-FEOP7AJT.js";

// src/sources/chunks.ts
import { TextDecoder } from "node:util";

// src/sources/decode.ts
var SNIFF_BYTES = 8192;
function sniff(head) {
  if (head[0] === 255 && head[1] === 254) return "utf16le";
  if (head[0] === 254 && head[1] === 255) return "utf16be";
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.indexOf(0) === -1) {
    return head[0] === 239 && head[1] === 187 && head[2] === 191 ? "utf8bom" : "utf8";
  }
  return utf16WithoutBom(sample) ?? "binary";
}
var isTextByte = (b) => b >= 32 && b < 127 || b === 9 || b === 10 || b === 13;
function utf16WithoutBom(sample) {
  const pairs = sample.length >> 1;
  if (pairs < 2) return void 0;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    const a = sample[i];
    const b = sample[i + 1];
    if (b === 0 && isTextByte(a)) le++;
    else if (a === 0 && isTextByte(b)) be++;
  }
  const enough = pairs * 0.7;
  return le >= enough ? "utf16le" : be >= enough ? "utf16be" : void 0;
}
function hasLoneCr(head) {
  const sample = head.subarray(0, SNIFF_BYTES + 1);
  for (let i = sample.indexOf(13); i !== -1 && i < sample.length - 1; i = sample.indexOf(13, i + 1)) {
    if (sample[i + 1] !== 10) return true;
  }
  return false;
}
var LoneCrToLf = class {
  rewrite;
  /** A '\r' ending the last block waits for the next block's first byte to say whether it is lone. */
  held = false;
  push(block) {
    if (!block.length) return block;
    this.rewrite ??= hasLoneCr(block);
    if (!this.rewrite) return block;
    if (this.held) block = Buffer.concat([CR, block]);
    this.held = block[block.length - 1] === 13;
    const end = this.held ? block.length - 1 : block.length;
    let out = block;
    for (let i = block.indexOf(13); i !== -1 && i < end; i = block.indexOf(13, i + 1)) {
      if (block[i + 1] === 10) continue;
      if (out === block) out = Buffer.from(block);
      out[i] = 10;
    }
    return out.subarray(0, end);
  }
  end() {
    return this.held ? Buffer.from([10]) : EMPTY;
  }
};
var CR = Buffer.from([13]);
var EMPTY = Buffer.alloc(0);

// src/sources/chunks.ts
var CHUNK_SIZE = 1 << 20;
var OVERLAP = 5 * MAX_SECRET_LENGTH;
var ChunkCutter = class {
  constructor(path, options = {}) {
    this.path = path;
    this.chunkSize = options.chunkSize ?? CHUNK_SIZE;
    this.overlap = options.overlap ?? OVERLAP;
    if (!(this.overlap >= 0 && this.chunkSize > 2 * this.overlap + 4)) {
      throw new RangeError(`chunk size ${this.chunkSize} must exceed twice the overlap ${this.overlap} + 4`);
    }
  }
  path;
  chunkSize;
  overlap;
  /** Blocks held until there are enough to tell the encoding. */
  head = [];
  headLength = 0;
  utf16;
  crs = new LoneCrToLf();
  /** The reading line numbers and columns come from: the decoded text, or the bytes. */
  main;
  /** A UTF-16 file's bytes as they are. */
  raw;
  push(block) {
    const out = [];
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
  end() {
    const out = [];
    if (this.head) {
      if (!this.headLength) return out;
      this.begin(out);
    }
    if (this.utf16) this.main.cut(this.crs.push(Buffer.from(this.utf16.decode(), "utf8")), out);
    if (!this.main.binary) this.main.cut(this.crs.end(), out);
    this.main.end(out);
    this.raw?.end(out);
    return out;
  }
  begin(out) {
    const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head, this.headLength);
    this.head = void 0;
    const encoding = sniff(head);
    const reading = (kind, offset = 0) => new Reading(this.path, this.chunkSize, this.overlap, kind, offset);
    if (encoding === "utf16le" || encoding === "utf16be") {
      this.utf16 = new TextDecoder(encoding === "utf16le" ? "utf-16le" : "utf-16be");
      this.main = reading({ decodedFrom: encoding });
      this.raw = reading({ binary: true, noUtf16: true });
    } else {
      this.main = reading(encoding === "binary" ? { binary: true } : {}, encoding === "utf8bom" ? 3 : 0);
    }
    this.main.cut(this.decode(encoding === "utf8bom" ? head.subarray(3) : head), out);
    this.raw?.cut(head, out);
  }
  decode(block) {
    if (this.main.binary) return block;
    if (this.utf16) block = Buffer.from(this.utf16.decode(block, { stream: true }), "utf8");
    return this.crs.push(block);
  }
};
var Reading = class {
  constructor(path, chunkSize, overlap, kind, offset) {
    this.path = path;
    this.chunkSize = chunkSize;
    this.overlap = overlap;
    this.kind = kind;
    this.offset = offset;
    this.binary = kind.binary === true;
  }
  path;
  chunkSize;
  overlap;
  kind;
  offset;
  binary;
  /** Text not yet in a chunk: less than chunkSize between pushes. */
  parts = [];
  held = 0;
  line = 1;
  column = 0;
  /** Set after a cut inside a line: where the next chunk's own part of its data starts. */
  ownFrom;
  end(out) {
    if (this.held) this.emit(this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.held), out);
    this.parts = [];
    this.held = 0;
  }
  emit(data, out, ownTo) {
    const c = { path: this.path, data, line: this.line, column: this.column, offset: this.offset };
    if (this.ownFrom !== void 0) c.ownFrom = this.ownFrom;
    if (ownTo !== void 0) c.ownTo = ownTo;
    this.ownFrom = void 0;
    if (this.kind.binary) c.binary = true;
    if (this.kind.decodedFrom) c.decodedFrom = this.kind.decodedFrom;
    out.push(c);
    if (!this.kind.noUtf16 && !this.kind.decodedFrom && data.includes(0)) out.push(...utf16Text(c));
  }
  cut(block, out) {
    if (!block.length) return;
    const { chunkSize, overlap } = this;
    this.parts.push(block);
    this.held += block.length;
    if (this.held < chunkSize) return;
    const buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.held);
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
};
var MIN_UTF16_RUN = 16;
var STEP = 2 * MIN_UTF16_RUN - 2;
var TEXT_BYTE = new Uint8Array(256);
for (let b = 32; b < 127; b++) TEXT_BYTE[b] = 1;
for (const b of [9, 10, 13]) TEXT_BYTE[b] = 1;
var isPair = (data, i) => data[i + 1] === 0 && TEXT_BYTE[data[i]] === 1;
function utf16Text(parent) {
  const { data } = parent;
  const out = [];
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
    probe = Math.max(probe, end - STEP);
    const n = end - start >> 1;
    if (n < MIN_UTF16_RUN) continue;
    const text = Buffer.allocUnsafe(n);
    for (let j = 0; j < n; j++) text[j] = data[start + 2 * j];
    for (let nl = data.indexOf(10, counted); nl !== -1 && nl < start; nl = data.indexOf(10, nl + 1)) {
      line++;
      lineStart = nl;
    }
    counted = start;
    const column = lineStart < 0 ? parent.column + (start >> 1) : start - lineStart - 1 >> 1;
    const c = { ...parent, data: text, line, column, offset: parent.offset + start };
    if (parent.ownFrom !== void 0) c.ownFrom = Math.max(0, Math.ceil((parent.ownFrom - start) / 2));
    if (parent.ownTo !== void 0) c.ownTo = Math.max(0, Math.ceil((parent.ownTo - start) / 2));
    c.decodedFrom = "utf16le";
    c.stride = 2;
    out.push(c);
  }
  return out;
}
async function* readChunks(path, blocks, options = {}) {
  const cutter = new ChunkCutter(path, options);
  for await (const block of blocks) yield* cutter.push(block);
  yield* cutter.end();
}
var KEY_BYTE = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=%") {
  KEY_BYTE[c.charCodeAt(0)] = 1;
}
function lineCut(window, overlap) {
  const end = cutPoint(window, overlap);
  const handOver = end - overlap + Math.floor(overlap / 5);
  let next = end - overlap;
  for (let k = 0; k < 3 && isContinuation(window[next]); k++) next--;
  return { end, next, handOver };
}
function cutPoint(window, overlap) {
  for (let i = window.length - 1; i >= window.length - overlap; i--) {
    if (!KEY_BYTE[window[i]]) return i + 1;
  }
  return window.length;
}
var isContinuation = (b) => (b & 192) === 128;
function countNewlines(data) {
  let n = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  return n;
}
function utf16Units(data, end) {
  return data.toString("utf8", 0, end).length;
}

export {
  CHUNK_SIZE,
  OVERLAP,
  ChunkCutter,
  utf16Text,
  readChunks,
  lineCut,
  utf16Units
};
