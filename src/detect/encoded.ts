// Keys hidden by an encoding: base64 values (Kubernetes Secrets, `echo -n key | base64`, Basic
// auth) and percent-encoded values (URLs, form bodies). Both are found the same way: a byte
// prefilter (base64 forms of the rules' keywords; any %XX escape), a bounded decode around each
// hit, the plain engine on the decoded bytes, and a location mapped back to the encoded text.
import { attribute, findKeys, WINDOW_MARGIN, type Attribution, type CompiledRule, type Engine, type KeyMatch } from './engine.js';
import { Literal } from './literal.js';
import { forEachWindow } from './windows.js';

/** A key found inside encoded text: [start, end) are bytes of the encoded text in the outer data. */
export interface EncodedMatch {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  encoding: 'base64' | 'percent';
  /** What the decoded text around the key says about its issuer (e.g. a base64-encoded .env). */
  attribution: Attribution;
  /**
   * Base64 only: the characters that encode the key itself, [keyStart, keyEnd), from the start
   * of the 4-character group its first byte is in. [start, end) may be a whole token, starting
   * far before the key: where a long line was cut, it is keyStart that says which chunk owns it.
   */
  keyStart?: number;
  keyEnd?: number;
}

/** Base64 characters a keyword fixes whatever its alignment, and where that puts the 4-character group. */
export interface Base64Needle {
  literal: Literal;
  groupOffset: number;
}

// Shorter keywords fix one or two base64 characters: too common to be worth a decode.
const MIN_BASE64_KEYWORD = 3;

export function base64Needles(engine: Engine): Base64Needle[] {
  const cores = new Map<string, number>();
  for (const { literal } of engine.keywords) {
    if (literal.bytes.length < MIN_BASE64_KEYWORD) continue;
    for (const { core, groupOffset } of base64Cores(literal.bytes)) {
      cores.set(core, groupOffset);
      cores.set(core.replace(/\+/g, '-').replace(/\//g, '_'), groupOffset);
    }
  }
  return [...cores].map(([core, groupOffset]) => ({ literal: new Literal(core), groupOffset }));
}

/**
 * Base64 turns each 3 bytes into 4 characters, so a keyword encodes three ways depending on where
 * it starts in its 3-byte group; in each, the characters built only from the keyword's bits are
 * fixed (for 'sk-': c2st, NrL, zay). groupOffset = characters from the group start to the core.
 */
export function base64Cores(keyword: Buffer): { core: string; groupOffset: number }[] {
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), keyword]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + keyword.length)) / 6);
    return { core: encoded.slice(first, end), groupOffset: first };
  });
}

// Characters of standard and URL-safe base64, without '=' which only pads the end.
const BASE64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') BASE64[c.charCodeAt(0)] = 1;
const PAD = 0x3d;
const GROUPS = Math.ceil(WINDOW_MARGIN / 3);
/** Encoded characters a window reaches on either side of its hit's group. */
const REACH = 4 * GROUPS;

interface Base64Window {
  lo: number;
  hi: number;
  cutStart: boolean;
  cutEnd: boolean;
  /** Where the run of base64 characters holding the window starts, or a point before lo if unknown. */
  runStart: number;
}

/** A base64 match, which always knows the characters that encode the key itself. */
export interface Base64Match extends EncodedMatch {
  keyStart: number;
  keyEnd: number;
}

/**
 * Keys in base64 values. A key in a value on one line is located at the whole encoded token
 * (padding included); a key in a value wrapped over several lines (`base64` output, PEM-style
 * blocks, YAML block scalars) at the characters that encode it, which start on the key's line.
 * Either way keyStart and keyEnd give those characters.
 */
export function findBase64Keys(data: Buffer, engine: Engine, needles: readonly Base64Needle[]): Base64Match[] {
  const joined = joinWrapped(data, needles);
  if (!joined) return findBase64In(data, engine, needles);
  const original = (start: number, end: number) => [joined.original(start), joined.original(end - 1) + 1] as const;
  return findBase64In(joined.data, engine, needles).map((match) => {
    const [keyStart, keyEnd] = original(match.keyStart, match.keyEnd);
    const [start, end] = joined.crosses(match.start, match.end) ? [keyStart, keyEnd] : original(match.start, match.end);
    return { ...match, start, end, keyStart, keyEnd };
  });
}

// A line of base64 this long (indentation aside), a whole number of 4-character groups, followed
// by a line that starts with base64 is taken for one line of a wrapped value: GNU base64 wraps at
// 76 columns, PEM and openssl at 64. Shorter lines are more often words than base64.
const MIN_WRAPPED_LINE = 40;

interface Joined {
  /** data without the line breaks (and the next line's indentation) inside wrapped base64. */
  data: Buffer;
  /** Offset in data of a byte of the joined buffer. */
  original(at: number): number;
  /** Whether joined bytes [start, end) came from more than one line. */
  crosses(start: number, end: number): boolean;
}

/**
 * The joined view of data, or undefined when it holds no wrapped base64 that a needle occurs in.
 * One pass, linear.
 */
function joinWrapped(data: Buffer, needles: readonly Base64Needle[]): Joined | undefined {
  // Bytes [cutFrom[i], cutTo[i]) of data are dropped: '\r'?'\n' and the indentation after it.
  const cutFrom: number[] = [];
  const cutTo: number[] = [];
  // lineFrom[i]: where the base64 of the line ending at cut i starts.
  const lineFrom: number[] = [];
  // Any run of MIN_WRAPPED_LINE base64 characters covers one of every MIN_WRAPPED_LINE positions:
  // looking at those only reads a fraction of ordinary text, which has no such runs. A wrapped
  // line is base64 up to its line end, so where a sample is base64 only the run that ends the line
  // is measured, walking back from the next '\n': long runs that end elsewhere (hashes in lock
  // files, minified code) are never read, and each line end is looked at once.
  let lineEnd = -1;
  for (let at = MIN_WRAPPED_LINE - 1; at < data.length; ) {
    if (!BASE64[data[at]!]) {
      at += MIN_WRAPPED_LINE;
      continue;
    }
    if (lineEnd < at) {
      lineEnd = data.indexOf(0x0a, at);
      if (lineEnd === -1) break;
    }
    at = lineEnd + MIN_WRAPPED_LINE;
    const end = data[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
    let start = end;
    while (start > 0 && BASE64[data[start - 1]!]) start--;
    if (end - start < MIN_WRAPPED_LINE || (end - start) % 4 !== 0) continue;
    // A wrapped line is all base64 but for its indentation: code ending in a long name is not.
    let lineStart = start;
    while (lineStart > 0 && (data[lineStart - 1] === 0x20 || data[lineStart - 1] === 0x09)) lineStart--;
    if (lineStart > 0 && data[lineStart - 1] !== 0x0a) continue;
    let next = end;
    if (data[next] === 0x0d) next++;
    if (data[next] !== 0x0a) continue;
    next++;
    while (next < data.length && (data[next] === 0x20 || data[next] === 0x09)) next++;
    if (next === data.length || !BASE64[data[next]!]) continue;
    cutFrom.push(end);
    cutTo.push(next);
    lineFrom.push(start);
  }
  if (cutFrom.length === 0) return undefined;
  keepBlocksWithNeedles(data, needles, cutFrom, cutTo, lineFrom);
  if (cutFrom.length === 0) return undefined;

  // joinedAt[i]: where cut i falls in the joined buffer; removed[i]: bytes dropped up to it, inclusive.
  const joinedAt = new Float64Array(cutFrom.length);
  const removed = new Float64Array(cutFrom.length);
  let dropped = 0;
  for (let i = 0; i < cutFrom.length; i++) {
    joinedAt[i] = cutFrom[i]! - dropped;
    dropped += cutTo[i]! - cutFrom[i]!;
    removed[i] = dropped;
  }
  // One copy per line into one buffer: subarrays and Buffer.concat cost more than the line itself.
  const joined = Buffer.allocUnsafe(data.length - dropped);
  let to = 0;
  for (let i = 0, from = 0; i <= cutFrom.length; i++) {
    const stop = i < cutFrom.length ? cutFrom[i]! : data.length;
    to += data.copy(joined, to, from, stop);
    from = i < cutFrom.length ? cutTo[i]! : data.length;
  }
  /** Number of cuts at or before joined offset at. */
  const cutsUpTo = (at: number): number => {
    let lo = 0;
    let hi = joinedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (joinedAt[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    data: joined,
    original: (at) => {
      const n = cutsUpTo(at);
      return at + (n === 0 ? 0 : removed[n - 1]!);
    },
    crosses: (start, end) => cutsUpTo(end - 1) > cutsUpTo(start),
  };
}

/**
 * Drops the cuts of every block (run of wrapped lines) in which no needle occurs, inside a line or
 * across a line break: joined or not, such a block gives no window, so the result is the same, and
 * a chunk of PEM certificates or base64 blobs is searched as it is, without a joined copy.
 */
function keepBlocksWithNeedles(
  data: Buffer,
  needles: readonly Base64Needle[],
  cutFrom: number[],
  cutTo: number[],
  lineFrom: number[],
): void {
  const longest = Math.max(0, ...needles.map(({ literal }) => literal.bytes.length));
  // A needle longer than a wrapped line could span two breaks: not worth the checks, keep all.
  if (longest > MIN_WRAPPED_LINE) return;
  let kept = 0;
  for (let first = 0; first < cutFrom.length; ) {
    let last = first;
    while (last + 1 < cutFrom.length && lineFrom[last + 1] === cutTo[last]) last++;
    let end = cutTo[last]!;
    while (end < data.length && BASE64[data[end]!]) end++;
    const block = data.subarray(lineFrom[first], end);
    let found = needles.some(({ literal }) => block.indexOf(literal.bytes) !== -1);
    for (let i = first; !found && i <= last; i++) found = needles.some(({ literal }) => splitAt(data, literal.bytes, cutFrom[i]!, cutTo[i]!));
    if (found) {
      for (let i = first; i <= last; i++, kept++) {
        cutFrom[kept] = cutFrom[i]!;
        cutTo[kept] = cutTo[i]!;
      }
    }
    first = last + 1;
  }
  cutFrom.length = kept;
  cutTo.length = kept;
}

/** Whether needle occurs split by the cut [from, to): its head ends at from, its tail starts at to. */
function splitAt(data: Buffer, needle: Buffer, from: number, to: number): boolean {
  for (let head = 1; head < needle.length; head++) {
    let same = true;
    for (let i = 0; same && i < needle.length; i++) {
      same = data[i < head ? from - head + i : to + i - head] === needle[i];
    }
    if (same) return true;
  }
  return false;
}

function findBase64In(data: Buffer, engine: Engine, needles: readonly Base64Needle[]): Base64Match[] {
  const groupStarts: number[] = [];
  const found: number[] = [];
  for (const { literal, groupOffset } of needles) {
    found.length = 0;
    literal.findAll(data, found);
    for (const at of found) if (at >= groupOffset) groupStarts.push(at - groupOffset);
  }
  if (groupStarts.length === 0) return [];
  groupStarts.sort((a, b) => a - b);

  const matches: Base64Match[] = [];
  const tokens = new TokenFinder(data);
  // One pending window per alignment (start mod 4): windows of one alignment merge, so however
  // many hits a token holds, each of its characters is decoded at most four times.
  const pending: (Base64Window | undefined)[] = [];
  // Bytes [runStart, checked) are known base64 characters; `ended`: checked is where the run
  // really ends. Scans only ever move forward past `checked` or back at most REACH from a hit,
  // so a megabyte of base64 costs one pass however many hits it holds.
  let runStart = 0;
  let checked = 0;
  let ended = true;
  for (const g of groupStarts) {
    if (!BASE64[data[g]!]) continue;
    if (g >= checked) {
      const floor = Math.max(checked, g - REACH - 4);
      let start = g;
      while (start > floor && BASE64[data[start - 1]!]) start--;
      // Reaching the unfinished previous run joins it; stopping at g - REACH - 4 leaves the real
      // start unknown, which the window treats as "more before".
      if (!(start === checked && !ended)) runStart = start;
      checked = g;
      ended = false;
    }
    if (!ended) {
      const reach = Math.min(data.length, g + REACH);
      while (checked < reach && BASE64[data[checked]!]) checked++;
      ended = checked < reach || checked === data.length;
    }
    const lo = g - 4 * Math.min(GROUPS, Math.floor((g - runStart) / 4));
    const hi = Math.min(checked, g + REACH);
    // Fewer than 4 characters before lo cannot hold a group of this alignment: lo is the real start.
    const cutStart = lo - 4 >= runStart;
    const cutEnd = !(ended && hi === checked);
    const alignment = g % 4;
    const window = pending[alignment];
    if (window && lo <= window.hi && runStart <= window.hi) {
      if (hi >= window.hi) Object.assign(window, { hi, cutEnd });
      continue;
    }
    if (window) decodeBase64(data, window, engine, tokens, matches);
    pending[alignment] = { lo, hi, cutStart, cutEnd, runStart };
  }
  for (const window of pending) if (window) decodeBase64(data, window, engine, tokens, matches);
  return matches;
}

function decodeBase64(data: Buffer, window: Base64Window, engine: Engine, tokens: TokenFinder, out: Base64Match[]): void {
  const decoded = Buffer.from(data.toString('latin1', window.lo, window.hi), 'base64');
  const keys = inner(decoded, window.cutStart, window.cutEnd, engine);
  if (keys.length === 0) return;
  const [start, end] = tokens.around(window.lo, window.hi);
  for (const match of keys) {
    // window.lo starts a 4-character group, and each group decodes to 3 bytes.
    const keyStart = window.lo + 4 * Math.floor(match.start / 3);
    const keyEnd = Math.min(window.hi, window.lo + 4 * Math.ceil(match.end / 3));
    out.push({ ...encoded(match, decoded, start, end, 'base64'), keyStart, keyEnd });
  }
}

/** The whole base64 token around a window, found only for windows that hold a key. */
class TokenFinder {
  private start = 0;
  private end = 0;

  constructor(private readonly data: Buffer) {}

  around(lo: number, hi: number): [number, number] {
    const { data } = this;
    // Many windows may share one long token: find each token once.
    if (lo < this.start || lo >= this.end) {
      for (this.start = lo; this.start > 0 && BASE64[data[this.start - 1]!]; this.start--);
      this.end = hi;
    }
    while (this.end < data.length && BASE64[data[this.end]!]) this.end++;
    let end = this.end;
    while (end < data.length && end < this.end + 2 && data[end] === PAD) end++;
    return [this.start, end];
  }
}

// A percent-encoded byte takes up to three characters.
const PERCENT_MARGIN = 3 * WINDOW_MARGIN;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

// Letters, digits, '-' and '_': URL encoders leave them as they are, so an escape of one means
// something encoded every byte, or hid a token on purpose.
const TOKEN = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') TOKEN[c.charCodeAt(0)] = 1;

/**
 * Keys written with %XX escapes, or hidden from the plain scan by an escape right before them
 * (Bearer%20sk-…); each is located at exactly the characters that encode it. Keys the plain scan
 * also finds come back too: the caller drops those.
 */
export function findPercentKeys(data: Buffer, engine: Engine): EncodedMatch[] {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = data.indexOf(0x25); at !== -1; at = data.indexOf(0x25, at + 1)) {
    const byte = escaped(data, at, data.length);
    if (byte === -1) continue;
    if (TOKEN[byte] || engine.keywords.some(({ literal }) => literal.isAt(data, at + 3))) {
      starts.push(at);
      ends.push(at + 3);
    }
  }
  if (starts.length === 0) return [];
  const matches: EncodedMatch[] = [];
  forEachWindow(data, starts, ends, PERCENT_MARGIN, (window) => {
    const decoded = Buffer.allocUnsafe(window.hi - window.lo);
    // source[i] = offset in data of decoded byte i; one more entry for the end.
    const source = new Int32Array(decoded.length + 1);
    let length = 0;
    for (let at = window.lo; at < window.hi; ) {
      const byte = escaped(data, at, window.hi);
      source[length] = at;
      if (byte === -1) {
        decoded[length++] = data[at++]!;
      } else {
        decoded[length++] = byte;
        at += 3;
      }
    }
    source[length] = window.hi;
    const text = decoded.subarray(0, length);
    for (const match of inner(text, window.cutStart, window.cutEnd, engine)) {
      matches.push(encoded(match, text, source[match.start]!, source[match.end]!, 'percent'));
    }
  });
  return matches;
}

/** The byte %XX at data[at] stands for, or -1. */
function escaped(data: Buffer, at: number, end: number): number {
  if (data[at] !== 0x25 || at + 2 >= end) return -1;
  const high = HEX[data[at + 1]!]!;
  const low = HEX[data[at + 2]!]!;
  return high === -1 || low === -1 ? -1 : (high << 4) | low;
}

/** Keys in decoded bytes, minus fragments cut off by a window edge that was not a real end. */
function inner(decoded: Buffer, cutStart: boolean, cutEnd: boolean, engine: Engine): KeyMatch[] {
  return findKeys(decoded, engine).filter(
    (match) => !(cutStart && match.start === 0) && !(cutEnd && match.end === decoded.length),
  );
}

function encoded(
  match: KeyMatch,
  decoded: Buffer,
  start: number,
  end: number,
  encoding: EncodedMatch['encoding'],
): EncodedMatch {
  return {
    rule: match.rule,
    start,
    end,
    secret: match.secret,
    encoding,
    attribution: attribute(decoded, match.start, match.end, match.rule),
  };
}
