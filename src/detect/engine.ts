// Runs rules over raw bytes: keyword prefilter, regex on small windows, entropy and placeholder
// checks, one match per span. Knows nothing of chunks, encodings or findings.
import { MAX_SECRET_LENGTH, type Confidence } from '../types.js';
import { looksLikePlaceholder, shannonEntropy } from './entropy.js';
import { LinearRegExp } from './linear-regex.js';
import { Literal } from './literal.js';
import type { Rule } from './rules.js';
import { forEachWindow } from './windows.js';

export interface CompiledRule {
  rule: Rule;
  /** Position in the rule list: the tie-break between equally long matches of two rules. */
  order: number;
  regex: RegExp | LinearRegExp;
  context?: {
    regex: RegExp | LinearRegExp;
    lines: number;
    confidence: Confidence;
    others?: { description: string; providers: { name: string; regex: RegExp | LinearRegExp }[] };
  };
}

export interface Engine {
  rules: CompiledRule[];
  /** Each distinct keyword once, with the rules it triggers. */
  keywords: { literal: Literal; rules: CompiledRule[] }[];
}

/** A key found in a buffer: bytes [start, end) of it. */
export interface KeyMatch {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
}

// A match may reach MAX_SECRET_LENGTH bytes beyond its keyword either way, and a rule's regex may
// frame the key with as much text again; a window this wide around a hit holds all of that.
export const WINDOW_MARGIN = 2 * MAX_SECRET_LENGTH;

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

export function compileRules(rules: readonly Rule[]): Engine {
  const compiled = rules.map((rule, order): CompiledRule => ({
    rule,
    order,
    // 'd' gives each group's indices, which locate the secret inside the match. A custom rule
    // runs on the linear-time engine, whatever its pattern (see linear-regex.ts).
    regex: rule.linear ? new LinearRegExp(rule.regex) : new RegExp(rule.regex, 'gd'),
    ...(rule.context && {
      context: {
        regex: rule.linear ? new LinearRegExp(rule.context.regex, true) : new RegExp(rule.context.regex, 'i'),
        lines: rule.context.lines,
        confidence: rule.context.confidence,
        ...(rule.context.others && {
          others: {
            description: rule.context.others.description,
            providers: Object.entries(rule.context.others.providers).map(([name, pattern]) => ({
              name,
              regex: rule.linear ? new LinearRegExp(pattern, true) : new RegExp(pattern, 'i'),
            })),
          },
        }),
      },
    }),
  }));
  const byKeyword = new Map<string, CompiledRule[]>();
  for (const rule of compiled) {
    for (const keyword of new Set(rule.rule.keywords)) {
      const list = byKeyword.get(keyword) ?? [];
      list.push(rule);
      byKeyword.set(keyword, list);
    }
  }
  return {
    rules: compiled,
    keywords: [...byKeyword].map(([keyword, list]) => ({ literal: new Literal(keyword), rules: list })),
  };
}

/** Every key in data, in order of position, one per span. Buffer edges count as token boundaries. */
export function findKeys(data: Buffer, engine: Engine): KeyMatch[] {
  const { keywords } = engine;
  // Hits of all keywords in one sorted list, each as start * keywords.length + keyword index.
  const found: number[] = [];
  const encoded: number[] = [];
  for (const [index, { literal }] of keywords.entries()) {
    found.length = 0;
    literal.findAll(data, found);
    for (const start of found) encoded.push(start * keywords.length + index);
  }
  if (encoded.length === 0) return [];
  const hits = Float64Array.from(encoded);
  if (keywords.length > 1) hits.sort();
  const starts = new Float64Array(hits.length);
  const ends = new Float64Array(hits.length);
  const keyword = new Uint32Array(hits.length);
  for (let i = 0; i < hits.length; i++) {
    keyword[i] = hits[i]! % keywords.length;
    starts[i] = (hits[i]! - keyword[i]!) / keywords.length;
    ends[i] = starts[i]! + keywords[keyword[i]!]!.literal.bytes.length;
  }

  const matches: KeyMatch[] = [];
  forEachWindow(data, starts, ends, WINDOW_MARGIN, (window) => {
    // latin1 maps each byte to one character, so string indices are byte offsets. Keys are ASCII,
    // and any other byte stays a non-key character, which is what the rules' boundaries expect.
    const text = unescapeBoundaries(data, window.lo, window.hi, starts, window.first, window.last);
    for (const rule of triggeredRules(engine, keyword.subarray(window.first, window.last))) {
      const { regex } = rule;
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) regex.lastIndex++;
        // A match touching a cut edge saw a fake end of text there; the key it belongs to, if any,
        // lies well inside the window of its own keyword.
        if ((window.cutStart && m.index === 0) || (window.cutEnd && m.index + m[0].length === text.length)) continue;
        const span = m.indices?.[rule.rule.secretGroup];
        if (!span || span[0] === span[1]) continue;
        const secret = text.slice(span[0], span[1]);
        const body = m[rule.rule.bodyGroup ?? rule.rule.secretGroup] ?? secret;
        if (shannonEntropy(body) < rule.rule.entropy || looksLikePlaceholder(body)) continue;
        matches.push({
          rule,
          start: window.lo + span[0],
          end: window.lo + span[1],
          secret: Buffer.from(secret, 'latin1').toString('utf8'),
        });
      }
    }
  });
  return oneMatchPerSpan(matches);
}

// Token characters: an escape that stands for one of these glues the key to a word, as in `\u0041sk-`.
const TOKEN = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') TOKEN[c.charCodeAt(0)] = 1;
const BACKSLASH = 0x5c;
// JSON's and C's one-letter escapes of control characters: \n, \t, \r, \f, \b, \v.
const LETTER_ESCAPES = new Uint8Array(256);
for (const c of 'ntrfbv') LETTER_ESCAPES[c.charCodeAt(0)] = 1;

/**
 * Bytes [lo, hi) of data as latin1 text, with each escape that ends right before a keyword hit
 * blanked to spaces of the same length: in `"line\nsk-…"` (JSON), `Bearer\u0020sk-…`, `\x20sk-…` (C)
 * and `key=3Dsk-…` (quoted-printable) the escape's last character is a letter or digit, which
 * the rules' token boundaries would otherwise take for a word glued to the key. Escapes that
 * stand for a token character (`\u0041sk-`) and escaped backslashes (`\\nsk-`) are left alone, so
 * `task-` and `ask-` stay words. Offsets do not move, so locations stay right.
 */
function unescapeBoundaries(data: Buffer, lo: number, hi: number, starts: ArrayLike<number>, first: number, last: number): string {
  let text: string | undefined;
  let patched: string[] | undefined;
  let done = lo;
  for (let i = first; i < last; i++) {
    const at = starts[i]!;
    const length = escapeBefore(data, at, lo);
    if (length === 0 || at - length < done) continue;
    patched ??= [];
    text ??= data.toString('latin1', lo, hi);
    patched.push(text.slice(done - lo, at - length - lo), ' '.repeat(length));
    done = at;
  }
  if (!patched) return data.toString('latin1', lo, hi);
  patched.push(text!.slice(done - lo));
  return patched.join('');
}

/** Length of the escape of a non-token character that ends at data[at] and starts at or after floor, or 0. */
function escapeBefore(data: Buffer, at: number, floor: number): number {
  const escaped = (length: number): boolean => {
    const slash = at - length;
    if (slash < floor || data[slash] !== BACKSLASH) return false;
    // An odd run of backslashes escapes what follows; an even one is escaped backslashes.
    let run = 1;
    while (slash - run >= floor && data[slash - run] === BACKSLASH) run++;
    return run % 2 === 1;
  };
  if (at - 2 >= floor && LETTER_ESCAPES[data[at - 1]!] && escaped(2)) return 2;
  if (at - 4 >= floor && data[at - 3] === 0x78 /* x */ && !TOKEN[hexByte(data, at - 2, 2)] && escaped(4)) return 4;
  if (at - 6 >= floor && data[at - 5] === 0x75 /* u */ && !TOKEN[hexByte(data, at - 4, 4)] && escaped(6)) return 6;
  // Quoted-printable writes '=' as =3D.
  if (at - 3 >= floor && data[at - 3] === 0x3d && data[at - 2] === 0x33 && (data[at - 1] === 0x44 || data[at - 1] === 0x64)) return 3;
  return 0;
}

/** The value of `digits` hex digits at data[at], clamped to 0xff (any non-ASCII character is not a token character); 0x41 ('A', a token character) when they are not all hex, so the caller refuses it. */
function hexByte(data: Buffer, at: number, digits: number): number {
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const digit = HEX_DIGITS[data[at + i]!]!;
    if (digit === -1) return 0x41;
    value = value * 16 + digit;
  }
  return Math.min(value, 0xff);
}
const HEX_DIGITS = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_DIGITS['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_DIGITS['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** The rules that the keywords found in a window ask for, in rule order. */
function triggeredRules(engine: Engine, keywords: Uint32Array): CompiledRule[] {
  const first = keywords[0]!;
  // Usually every hit in a window is the same keyword, whose list is already in rule order.
  if (keywords.every((k) => k === first)) return engine.keywords[first]!.rules;
  const rules = new Set<CompiledRule>();
  for (const k of new Set(keywords)) for (const rule of engine.keywords[k]!.rules) rules.add(rule);
  return [...rules].sort((a, b) => a.order - b.order);
}

/** Where two rules match overlapping text, keeps the longer match, then the surer rule, then the earlier one. */
function oneMatchPerSpan(matches: KeyMatch[]): KeyMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end || a.rule.order - b.rule.order);
  const kept: KeyMatch[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (!last || match.start >= last.end) kept.push(match);
    else if (better(match, last)) kept[kept.length - 1] = match;
  }
  return kept;
}

function better(a: KeyMatch, b: KeyMatch): boolean {
  const length = a.end - a.start - (b.end - b.start);
  if (length !== 0) return length > 0;
  const rank = RANK[a.rule.rule.confidence] - RANK[b.rule.rule.confidence];
  return rank !== 0 ? rank > 0 : a.rule.order < b.rule.order;
}

// Context further than this from the key, even on a listed line, is not about the key.
const CONTEXT_BYTES = 2048;

/** What the text around a key says about who issued it: the rule's provider, another one, or nothing. */
export type Attribution = { own: true } | { other: string } | undefined;

/**
 * Looks for the rule's context, and for the other issuers it lists, within its line range around
 * bytes [start, end) of data: the key's own line first, then one line further up and down at a
 * time, so that in a .env file naming several providers each key goes with the name nearest to
 * it. On the same line the rule's own context wins.
 */
export function attribute(data: Buffer, start: number, end: number, rule: CompiledRule): Attribution {
  const context = rule.context;
  if (!context) return undefined;
  const floor = Math.max(0, start - CONTEXT_BYTES);
  const ceiling = Math.min(data.length, end + CONTEXT_BYTES);
  const lineStart = (at: number) => {
    const newline = data.subarray(floor, at).lastIndexOf(0x0a);
    return newline === -1 ? floor : floor + newline + 1;
  };
  const lineEnd = (at: number) => {
    const newline = data.subarray(at, ceiling).indexOf(0x0a);
    return newline === -1 ? ceiling : at + newline;
  };
  // [lo, hi) grows by a line each way per ring; hi stops before a newline, lo just after one.
  let lo = lineStart(start);
  let hi = lineEnd(end);
  let text = data.toString('latin1', lo, hi);
  for (let ring = 0; ; ring++) {
    if (context.regex.test(text)) return { own: true };
    const other = context.others?.providers.find((provider) => provider.regex.test(text));
    if (other) return { other: other.name };
    if (ring === context.lines || (lo === floor && hi === ceiling)) return undefined;
    const parts: string[] = [];
    if (lo > floor) {
      const above = lineStart(lo - 1);
      parts.push(data.toString('latin1', above, lo));
      lo = above;
    }
    if (hi < ceiling) {
      const below = lineEnd(hi + 1);
      parts.push(data.toString('latin1', hi, below));
      hi = below;
    }
    // The two new lines are tested together: a name above and one below are equally near.
    text = parts.join('\n');
  }
}
