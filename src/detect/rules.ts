// Rules are data: one JSON file per provider in <package root>/rules, each rule carrying its own
// examples. This module defines their shape and checks rules from any source before use.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Confidence, Provider } from '../types.js';
import { LinearRegExp, syntaxProblem } from './linear-regex.js';

export interface RuleContext {
  /** Pattern (matched case-insensitively) for a name or host that ties a key to its provider. */
  regex: string;
  /** How many lines above and below the key to look; 0 means the key's own line only. */
  lines: number;
  /** Confidence when the context is there: a shape several providers share becomes attributable. */
  confidence: Confidence;
  /**
   * Other issuers of the same key shape. When one of them is named nearer the key than `regex`
   * matches (the same line range, nearest line first), the key is not this rule's provider's: it is
   * reported with provider 'unknown' and low confidence, and --verify sends it nowhere.
   */
  others?: RuleOthers;
}

export interface RuleOthers {
  /** Start of the finding's description, which goes on with "; context names <name>". */
  description: string;
  /** Display name → pattern (matched case-insensitively) that names that issuer. */
  providers: Record<string, string>;
}

export interface RuleExamples {
  /** Templates for KeyGen.expand that must each yield exactly one finding of this rule. */
  match: string[];
  /** Templates (or harmless literals) that must yield no finding of this rule. */
  noMatch: string[];
}

export interface Rule {
  /** Stable name that users disable, allow-list and see in reports; unique across all rules. */
  id: string;
  /** Who issued the key: picks the verifier and tells the user where to rotate it. */
  provider: Provider;
  /** One line shown with every finding: what leaked. */
  description: string;
  /** JavaScript regex source for the key and its token boundaries, run on text around a keyword hit. */
  regex: string;
  /** Capture group holding the key itself; the rest of the match only frames it. */
  secretGroup: number;
  /** Capture group of the random part after fixed prefixes, where entropy means something; defaults to secretGroup. */
  bodyGroup?: number;
  /** ASCII literals every match contains at least one of: searched in raw bytes before any regex runs. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the body: random keys pass, typed placeholders fail. */
  entropy: number;
  /** How sure a match is a real key of this provider when no context says more. */
  confidence: Confidence;
  /** Text near the key that changes the confidence, for shapes that say little on their own. */
  context?: RuleContext;
  /** What the rule must and must not report: run by one table-driven test for every rule. */
  examples?: RuleExamples;
  /**
   * Set on a user's custom rule (never read from a rule file): its patterns run on the linear-time
   * engine (linear-regex.ts), since whoever can change the config can write a pattern that hangs V8's.
   */
  linear?: true;
}

const PROVIDERS: readonly Provider[] = ['openai', 'deepseek'];
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
const FIELDS = new Set([
  'id', 'provider', 'description', 'regex', 'secretGroup', 'bodyGroup', 'keywords', 'entropy',
  'confidence', 'context', 'examples',
]);
const CONTEXT_FIELDS = new Set(['regex', 'lines', 'confidence', 'others']);
/** Context further away than this says little about the key and costs a scan per candidate. */
const MAX_CONTEXT_LINES = 10;

/** Built-in rules live beside src/ and dist/, so one relative path works from both. */
const BUILTIN_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Every rule in dir/*.json, files in name order, rules in file order. */
export function loadRules(dir: string = BUILTIN_DIR): Rule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new Error(`cannot read rules from ${dir}: ${(error as Error).message}`);
  }
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    for (const rule of validateRules(raw, file)) {
      const other = seen.get(rule.id);
      if (other) throw new Error(`${file}: rule "${rule.id}" is already defined in ${other}`);
      seen.set(rule.id, file);
      rules.push(rule);
    }
  }
  return rules;
}

/**
 * Checks rules from a rule file or the user's config and returns clean copies.
 * Throws an Error with a one-line message naming the source and the rule.
 */
export function validateRules(raw: unknown, source: string, options: { linear?: boolean } = {}): Rule[] {
  if (!Array.isArray(raw)) throw new Error(`${source}: expected an array of rules`);
  const ids = new Set<string>();
  return raw.map((item: unknown, index) => {
    const rule = validateRule(item, source, index, options.linear === true);
    if (ids.has(rule.id)) throw new Error(`${source}: rule "${rule.id}" is defined twice`);
    ids.add(rule.id);
    return rule;
  });
}

function validateRule(item: unknown, source: string, index: number, linear: boolean): Rule {
  if (!isRecord(item)) throw new Error(`${source}: rule #${index + 1} is not an object`);
  const { id } = item;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(id)) {
    throw new Error(`${source}: rule #${index + 1} needs an "id" of letters, digits, '.', '_' or '-'`);
  }
  // Typed on the declaration so that TypeScript narrows the checked values after each call.
  const fail: (problem: string) => never = (problem) => {
    throw new Error(`${source}: rule "${id}": ${problem}`);
  };
  for (const key of Object.keys(item)) if (!FIELDS.has(key)) fail(`unknown field "${key}"`);

  const { description, regex, keywords, entropy } = item;
  const provider = oneOf(item.provider, PROVIDERS) ?? fail(`"provider" must be one of ${PROVIDERS.join(', ')}`);
  const confidence = oneOf(item.confidence, CONFIDENCES) ?? fail(`"confidence" must be one of ${CONFIDENCES.join(', ')}`);
  if (typeof description !== 'string' || description.trim() === '') fail('"description" must be a non-empty string');

  if (typeof regex !== 'string' || regex === '') fail('"regex" must be a non-empty string');
  const groups = linear
    ? compileLinear(regex, false, (message) => fail(`invalid "regex": ${message}`))
    : compile(regex, '', (message) => fail(`invalid regex: ${message}`));
  if (linear ? new LinearRegExp(regex).test('') : new RegExp(regex).test('')) fail('"regex" matches empty text');
  const group = (field: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > groups) {
      fail(`"${field}" must be a capture group number from 0 to ${groups}`);
    }
    return value;
  };
  const secretGroup = group('secretGroup', item.secretGroup);
  const bodyGroup = item.bodyGroup === undefined ? undefined : group('bodyGroup', item.bodyGroup);

  if (!Array.isArray(keywords) || keywords.length === 0) fail('"keywords" must be a non-empty array');
  if (!keywords.every((k): k is string => typeof k === 'string' && /^[\x20-\x7e]+$/.test(k))) {
    fail('"keywords" must be non-empty printable ASCII strings');
  }
  if (typeof entropy !== 'number' || !(entropy >= 0 && entropy <= 8)) fail('"entropy" must be a number from 0 to 8');

  const rule: Rule = { id, provider, description, regex, secretGroup, keywords: [...keywords], entropy, confidence };
  if (bodyGroup !== undefined) rule.bodyGroup = bodyGroup;
  if (item.context !== undefined) rule.context = validateContext(item.context, fail, linear);
  if (linear) rule.linear = true;
  if (item.examples !== undefined) rule.examples = validateExamples(item.examples, fail);
  return rule;
}

function validateContext(value: unknown, fail: (problem: string) => never, linear: boolean): RuleContext {
  if (!isRecord(value)) return fail('"context" must be an object');
  for (const key of Object.keys(value)) if (!CONTEXT_FIELDS.has(key)) fail(`unknown field "context.${key}"`);
  const { regex, lines } = value;
  if (typeof regex !== 'string' || regex === '') fail('"context.regex" must be a non-empty string');
  if (linear) compileLinear(regex, true, (message) => fail(`invalid "context.regex": ${message}`));
  else compile(regex, 'i', (message) => fail(`invalid context.regex: ${message}`));
  if (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 0 || lines > MAX_CONTEXT_LINES) {
    fail(`"context.lines" must be an integer from 0 to ${MAX_CONTEXT_LINES}`);
  }
  const confidence = oneOf(value.confidence, CONFIDENCES) ?? fail(`"context.confidence" must be one of ${CONFIDENCES.join(', ')}`);
  const context: RuleContext = { regex, lines, confidence };
  if (value.others !== undefined) context.others = validateOthers(value.others, fail, linear);
  return context;
}

function validateOthers(value: unknown, fail: (problem: string) => never, linear: boolean): RuleOthers {
  const shape = '"context.others" must be { "description": string, "providers": { name: pattern, ... } }';
  if (!isRecord(value) || Object.keys(value).some((key) => key !== 'description' && key !== 'providers')) return fail(shape);
  const { description, providers } = value;
  if (typeof description !== 'string' || description.trim() === '' || !isRecord(providers)) return fail(shape);
  const names = Object.keys(providers);
  if (names.length === 0) fail(shape);
  const clean: Record<string, string> = {};
  for (const name of names) {
    const pattern = providers[name];
    if (name.trim() === '' || typeof pattern !== 'string' || pattern === '') fail(shape);
    const problem = (message: string) => fail(`invalid context.others pattern for "${name}": ${message}`);
    if (linear) compileLinear(pattern, true, problem);
    else compile(pattern, 'i', problem);
    if ((linear ? new LinearRegExp(pattern, true) : new RegExp(pattern, 'i')).test('')) fail(`context.others pattern for "${name}" matches empty text`);
    clean[name] = pattern;
  }
  return { description, providers: clean };
}

function validateExamples(value: unknown, fail: (problem: string) => never): RuleExamples {
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((s) => typeof s === 'string');
  if (!isRecord(value) || !strings(value.match) || !strings(value.noMatch) || Object.keys(value).length !== 2) {
    return fail('"examples" must be { "match": [strings], "noMatch": [strings] }');
  }
  return { match: [...value.match], noMatch: [...value.noMatch] };
}

/** Compiles to check the syntax; returns the number of capture groups. */
function compile(source: string, flags: string, fail: (message: string) => never): number {
  try {
    // An empty alternative always matches, so exec('') reports every group of the pattern.
    return (new RegExp(`${source}|`, flags).exec('') as RegExpExecArray).length - 1;
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** Compiles for the linear-time engine; returns the number of capture groups. */
function compileLinear(source: string, ignoreCase: boolean, fail: (message: string) => never): number {
  const problem = syntaxProblem(source, ignoreCase);
  return problem === undefined ? new LinearRegExp(source, ignoreCase).groups : fail(problem);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((option) => option === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
