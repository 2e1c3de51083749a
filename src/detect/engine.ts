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
  context?: { regex: RegExp | LinearRegExp; lines: number; confidence: Confidence };
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
    const text = data.toString('latin1', window.lo, window.hi);
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

/** Whether the rule's context pattern occurs within its line range around bytes [start, end) of data. */
export function hasContext(data: Buffer, start: number, end: number, rule: CompiledRule): boolean {
  const context = rule.context;
  if (!context) return false;
  const floor = Math.max(0, start - CONTEXT_BYTES);
  const ceiling = Math.min(data.length, end + CONTEXT_BYTES);
  let lo = start;
  // Each step moves to the newline before the previous one: lines + 1 steps reach `lines` lines up.
  for (let n = 0; n <= context.lines; n++) {
    const newline = data.subarray(floor, lo).lastIndexOf(0x0a);
    if (newline === -1) {
      lo = floor;
      break;
    }
    lo = floor + newline;
  }
  let hi = end;
  for (let n = 0; n <= context.lines; n++) {
    const newline = data.subarray(hi, ceiling).indexOf(0x0a);
    if (newline === -1) {
      hi = ceiling;
      break;
    }
    hi += newline + 1;
  }
  return context.regex.test(data.toString('latin1', lo, hi));
}
