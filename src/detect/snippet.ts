// The line around a key, for a reader to recognise it by: the chunk's bytes are gone by report
// time, so the detector cuts this while it has them. Every key in it is redacted here.
import { redactKeys } from '../errors.js';
import { redact } from './secret.js';

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
  const lineStart = data.lastIndexOf(0x0a, key.start - 1) + 1;
  const newline = data.indexOf(0x0a, key.end);
  const lineEnd = newline === -1 ? data.length : newline;
  let lo = Math.max(lineStart, key.start - CONTEXT);
  let hi = Math.min(lineEnd, key.end + CONTEXT);
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
