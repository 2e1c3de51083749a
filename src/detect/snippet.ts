// The line around a key, for a reader to recognise it by: the chunk's bytes are gone by report
// time, so the detector cuts this while it has them. Every key in it is redacted here.
import { redact, redactKeys } from '../redact.js';

/** Bytes of the line kept on each side of the key: enough to see `OPENAI_API_KEY = "`. */
const CONTEXT = 40;

interface Span {
  start: number;
  end: number;
  secret: string;
}

// Control characters and bidi overrides would move a terminal's cursor or reorder the line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]+/g;
// What a key (or its base64) is made of: a cut edge in the middle of one is trimmed back past it.
const KEY_CHARS_AT_START = /^[A-Za-z0-9+/=_-]+/;
const KEY_CHARS_AT_END = /[A-Za-z0-9+/=_-]+$/;

/**
 * The line holding `key`, at most CONTEXT bytes either side, with `key` and every other key
 * found in the chunk (`spans`, ordered by start) replaced by its redacted form. Never a key.
 * `midLine`: data starts inside a long line a source cut, not at the start of one.
 */
export function snippetOf(data: Buffer, key: Span, spans: readonly Span[], midLine: boolean): string {
  // Newlines are looked for only within reach, so a megabyte line of keys costs no more per key.
  // A line that goes on past the reach is given an end just beyond it, which marks the cut.
  const from = Math.max(0, key.start - CONTEXT);
  const to = Math.min(data.length, key.end + CONTEXT);
  const back = data.subarray(from, key.start).lastIndexOf(0x0a);
  const ahead = data.subarray(key.end, to).indexOf(0x0a);
  const lineStart = back !== -1 ? from + back + 1 : from === 0 ? 0 : from - 1;
  const lineEnd = ahead !== -1 ? key.end + ahead : to === data.length ? data.length : to + 1;
  let lo = Math.max(lineStart, key.start - CONTEXT);
  let hi = Math.min(lineEnd, key.end + CONTEXT);
  spans = neighbours(spans, key);
  // Another key across an edge is left out whole, never shown in part.
  for (const s of spans) {
    if (s.start < lo && s.end > lo) lo = Math.min(s.end, key.start);
    if (s.start < hi && s.end > hi) hi = Math.max(s.start, key.end);
  }
  // Put together as bytes and decoded once: one flat string per finding, not a rope of pieces.
  const parts: Buffer[] = [];
  let at = lo;
  for (const s of spans) {
    if (s.end <= lo || s.start >= hi || s.start < at) continue;
    parts.push(data.subarray(at, s.start), Buffer.from(redact(s.secret)));
    at = s.end;
  }
  parts.push(data.subarray(at, hi));
  let text = Buffer.concat(parts).toString('utf8').replace(CONTROL, ' ');
  const cutStart = lo > lineStart || (lineStart === 0 && midLine);
  const cutEnd = hi < lineEnd;
  if (cutStart) text = text.replace(KEY_CHARS_AT_START, '');
  if (cutEnd) text = text.replace(KEY_CHARS_AT_END, '');
  text = redactKeys(text.trim());
  return `${cutStart ? '…' : ''}${text}${cutEnd ? '…' : ''}`;
}

/** Keys within a few places of `key` in spans: enough for 80 bytes, and linear over a chunk of keys. */
const NEIGHBOURS = 8;

function neighbours(spans: readonly Span[], key: Span): readonly Span[] {
  // Lower bound of key.start: spans are ordered by start.
  let a = 0;
  let b = spans.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (spans[mid]!.start < key.start) a = mid + 1;
    else b = mid;
  }
  return spans.slice(Math.max(0, a - NEIGHBOURS), a + NEIGHBOURS);
}
