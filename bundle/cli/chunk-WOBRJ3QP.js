// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  fingerprint
} from "./chunk-2W2FAOGB.js";
import {
  LinearRegExp,
  syntaxProblem
} from "./chunk-UUULU2HD.js";
import {
  redact,
  redactKeys
} from "./chunk-QUMGJOT4.js";
import {
  MAX_SECRET_LENGTH
} from "./chunk-FEOP7AJT.js";

// src/detect/rules.ts
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
var PROVIDERS = ["openai", "deepseek"];
var CONFIDENCES = ["high", "medium", "low"];
var FIELDS = /* @__PURE__ */ new Set([
  "id",
  "provider",
  "description",
  "regex",
  "secretGroup",
  "bodyGroup",
  "keywords",
  "entropy",
  "confidence",
  "context",
  "examples"
]);
var CONTEXT_FIELDS = /* @__PURE__ */ new Set(["regex", "lines", "confidence", "others"]);
var MAX_CONTEXT_LINES = 10;
var BUILTIN_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));
function loadRules(dir = BUILTIN_DIR) {
  let names;
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    throw new Error(`cannot read rules from ${dir}: ${error.message}`);
  }
  const rules = [];
  const seen = /* @__PURE__ */ new Map();
  for (const name of names) {
    const file = join(dir, name);
    let raw;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${file}: ${error.message}`);
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
function validateRules(raw, source, options = {}) {
  if (!Array.isArray(raw)) throw new Error(`${source}: expected an array of rules`);
  const ids = /* @__PURE__ */ new Set();
  return raw.map((item, index) => {
    const rule = validateRule(item, source, index, options.linear === true);
    if (ids.has(rule.id)) throw new Error(`${source}: rule "${rule.id}" is defined twice`);
    ids.add(rule.id);
    return rule;
  });
}
function validateRule(item, source, index, linear) {
  if (!isRecord(item)) throw new Error(`${source}: rule #${index + 1} is not an object`);
  const { id } = item;
  if (typeof id !== "string" || !/^[A-Za-z0-9][\w.-]*$/.test(id)) {
    throw new Error(`${source}: rule #${index + 1} needs an "id" of letters, digits, '.', '_' or '-'`);
  }
  const fail = (problem) => {
    throw new Error(`${source}: rule "${id}": ${problem}`);
  };
  for (const key of Object.keys(item)) if (!FIELDS.has(key)) fail(`unknown field "${key}"`);
  const { description, regex, keywords, entropy } = item;
  const provider = oneOf(item.provider, PROVIDERS) ?? fail(`"provider" must be one of ${PROVIDERS.join(", ")}`);
  const confidence = oneOf(item.confidence, CONFIDENCES) ?? fail(`"confidence" must be one of ${CONFIDENCES.join(", ")}`);
  if (typeof description !== "string" || description.trim() === "") fail('"description" must be a non-empty string');
  if (typeof regex !== "string" || regex === "") fail('"regex" must be a non-empty string');
  const groups = linear ? compileLinear(regex, false, (message) => fail(`invalid "regex": ${message}`)) : compile(regex, "", (message) => fail(`invalid regex: ${message}`));
  if (linear ? new LinearRegExp(regex).test("") : new RegExp(regex).test("")) fail('"regex" matches empty text');
  const group = (field, value) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > groups) {
      fail(`"${field}" must be a capture group number from 0 to ${groups}`);
    }
    return value;
  };
  const secretGroup = group("secretGroup", item.secretGroup);
  const bodyGroup = item.bodyGroup === void 0 ? void 0 : group("bodyGroup", item.bodyGroup);
  if (!Array.isArray(keywords) || keywords.length === 0) fail('"keywords" must be a non-empty array');
  if (!keywords.every((k) => typeof k === "string" && /^[\x20-\x7e]+$/.test(k))) {
    fail('"keywords" must be non-empty printable ASCII strings');
  }
  if (typeof entropy !== "number" || !(entropy >= 0 && entropy <= 8)) fail('"entropy" must be a number from 0 to 8');
  const rule = { id, provider, description, regex, secretGroup, keywords: [...keywords], entropy, confidence };
  if (bodyGroup !== void 0) rule.bodyGroup = bodyGroup;
  if (item.context !== void 0) rule.context = validateContext(item.context, fail, linear);
  if (linear) rule.linear = true;
  if (item.examples !== void 0) rule.examples = validateExamples(item.examples, fail);
  return rule;
}
function validateContext(value, fail, linear) {
  if (!isRecord(value)) return fail('"context" must be an object');
  for (const key of Object.keys(value)) if (!CONTEXT_FIELDS.has(key)) fail(`unknown field "context.${key}"`);
  const { regex, lines } = value;
  if (typeof regex !== "string" || regex === "") fail('"context.regex" must be a non-empty string');
  if (linear) compileLinear(regex, true, (message) => fail(`invalid "context.regex": ${message}`));
  else compile(regex, "i", (message) => fail(`invalid context.regex: ${message}`));
  if (typeof lines !== "number" || !Number.isInteger(lines) || lines < 0 || lines > MAX_CONTEXT_LINES) {
    fail(`"context.lines" must be an integer from 0 to ${MAX_CONTEXT_LINES}`);
  }
  const confidence = oneOf(value.confidence, CONFIDENCES) ?? fail(`"context.confidence" must be one of ${CONFIDENCES.join(", ")}`);
  const context = { regex, lines, confidence };
  if (value.others !== void 0) context.others = validateOthers(value.others, fail, linear);
  return context;
}
function validateOthers(value, fail, linear) {
  const shape = '"context.others" must be { "description": string, "providers": { name: pattern, ... } }';
  if (!isRecord(value) || Object.keys(value).some((key) => key !== "description" && key !== "providers")) return fail(shape);
  const { description, providers } = value;
  if (typeof description !== "string" || description.trim() === "" || !isRecord(providers)) return fail(shape);
  const names = Object.keys(providers);
  if (names.length === 0) fail(shape);
  const clean = {};
  for (const name of names) {
    const pattern = providers[name];
    if (name.trim() === "" || typeof pattern !== "string" || pattern === "") fail(shape);
    const problem = (message) => fail(`invalid context.others pattern for "${name}": ${message}`);
    if (linear) compileLinear(pattern, true, problem);
    else compile(pattern, "i", problem);
    if ((linear ? new LinearRegExp(pattern, true) : new RegExp(pattern, "i")).test("")) fail(`context.others pattern for "${name}" matches empty text`);
    clean[name] = pattern;
  }
  return { description, providers: clean };
}
function validateExamples(value, fail) {
  const strings = (list) => Array.isArray(list) && list.every((s) => typeof s === "string");
  if (!isRecord(value) || !strings(value.match) || !strings(value.noMatch) || Object.keys(value).length !== 2) {
    return fail('"examples" must be { "match": [strings], "noMatch": [strings] }');
  }
  return { match: [...value.match], noMatch: [...value.noMatch] };
}
function compile(source, flags, fail) {
  try {
    return new RegExp(`${source}|`, flags).exec("").length - 1;
  } catch (error) {
    return fail(error.message);
  }
}
function compileLinear(source, ignoreCase, fail) {
  const problem = syntaxProblem(source, ignoreCase);
  return problem === void 0 ? new LinearRegExp(source, ignoreCase).groups : fail(problem);
}
function oneOf(value, allowed) {
  return allowed.find((option) => option === value);
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/detect/entropy.ts
function shannonEntropy(text) {
  const counts = /* @__PURE__ */ new Map();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
var RUN = 7;
var GROUP = 4;
var REPEATED_GROUPS = 6;
function looksLikePlaceholder(body) {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < body.length; i++) {
    const step = body.charCodeAt(i) - body.charCodeAt(i - 1);
    same = step === 0 ? same + 1 : 1;
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (same >= RUN || up >= RUN || down >= RUN) return true;
  }
  const groups = /* @__PURE__ */ new Set();
  let repeated = 0;
  for (let i = 0; i + GROUP <= body.length; i++) {
    const group = body.slice(i, i + GROUP);
    if (groups.has(group) && ++repeated >= REPEATED_GROUPS) return true;
    groups.add(group);
  }
  return false;
}

// src/detect/literal.ts
var COMMON_BYTES = " etrnoaisl\ncdup_mhf.\"g	y,()*:b/=v;A{}w'xk0SETIC`1RD-2PNOBM";
var MAX_NEEDLE = 6;
function rarity(byte) {
  const rank = COMMON_BYTES.indexOf(String.fromCharCode(byte));
  return rank === -1 ? COMMON_BYTES.length : rank;
}
var Literal = class {
  bytes;
  needle;
  /** Offset of the needle within the literal. */
  lead;
  constructor(text) {
    this.bytes = Buffer.from(text, "latin1");
    let lead = 0;
    for (let i = 1; i < Math.max(1, this.bytes.length - 1); i++) {
      if (rarity(this.bytes[i]) > rarity(this.bytes[lead])) lead = i;
    }
    this.lead = lead;
    this.needle = this.bytes.subarray(lead, lead + MAX_NEEDLE);
  }
  /** Appends the start of every occurrence in data to out, in ascending order. */
  findAll(data, out) {
    const { needle, lead } = this;
    for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + 1)) {
      const start = at - lead;
      if (start >= 0 && this.isAt(data, start)) out.push(start);
    }
  }
  /** Whether the literal occurs at data[start]. */
  isAt(data, start) {
    for (let i = 0; i < this.bytes.length; i++) if (data[start + i] !== this.bytes[i]) return false;
    return true;
  }
};

// src/detect/windows.ts
var NEWLINE = 10;
function forEachWindow(data, starts, ends, margin, visit) {
  const window = { lo: 0, hi: 0, cutStart: false, cutEnd: false, first: 0, last: 0 };
  let open = false;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = ends[i];
    if (open && start < window.hi) {
      if (window.cutEnd && end + margin > window.hi) extend(data, window, end + 2 * margin);
      window.last = i + 1;
      continue;
    }
    const floor = Math.max(0, start - margin, open ? window.hi : 0);
    let lo = start;
    while (lo > floor && data[lo - 1] !== NEWLINE) lo--;
    if (open && lo === floor && floor === window.hi) {
      extend(data, window, end + 2 * margin);
      window.last = i + 1;
      continue;
    }
    if (open) visit(window);
    open = true;
    Object.assign(window, { lo, hi: start, cutStart: lo > 0 && data[lo - 1] !== NEWLINE, first: i, last: i + 1 });
    extend(data, window, end + margin);
  }
  if (open) visit(window);
}
function extend(data, window, target) {
  const to = Math.min(data.length, target);
  let hi = window.hi;
  while (hi < to && data[hi] !== NEWLINE) hi++;
  window.hi = hi;
  window.cutEnd = hi < data.length && data[hi] !== NEWLINE;
}

// src/detect/engine.ts
var WINDOW_MARGIN = 2 * MAX_SECRET_LENGTH;
var RANK = { high: 3, medium: 2, low: 1 };
function compileRules(rules) {
  const compiled = rules.map((rule, order) => ({
    rule,
    order,
    // 'd' gives each group's indices, which locate the secret inside the match. A custom rule
    // runs on the linear-time engine, whatever its pattern (see linear-regex.ts).
    regex: rule.linear ? new LinearRegExp(rule.regex) : new RegExp(rule.regex, "gd"),
    ...rule.context && {
      context: {
        regex: rule.linear ? new LinearRegExp(rule.context.regex, true) : new RegExp(rule.context.regex, "i"),
        lines: rule.context.lines,
        confidence: rule.context.confidence,
        ...rule.context.others && {
          others: {
            description: rule.context.others.description,
            providers: Object.entries(rule.context.others.providers).map(([name, pattern]) => ({
              name,
              regex: rule.linear ? new LinearRegExp(pattern, true) : new RegExp(pattern, "i")
            }))
          }
        }
      }
    }
  }));
  const byKeyword = /* @__PURE__ */ new Map();
  for (const rule of compiled) {
    for (const keyword of new Set(rule.rule.keywords)) {
      const list = byKeyword.get(keyword) ?? [];
      list.push(rule);
      byKeyword.set(keyword, list);
    }
  }
  return {
    rules: compiled,
    keywords: [...byKeyword].map(([keyword, list]) => ({ literal: new Literal(keyword), rules: list }))
  };
}
function findKeys(data, engine) {
  const { keywords } = engine;
  const found = [];
  const encoded2 = [];
  for (const [index, { literal }] of keywords.entries()) {
    found.length = 0;
    literal.findAll(data, found);
    for (const start of found) encoded2.push(start * keywords.length + index);
  }
  if (encoded2.length === 0) return [];
  const hits = Float64Array.from(encoded2);
  if (keywords.length > 1) hits.sort();
  const starts = new Float64Array(hits.length);
  const ends = new Float64Array(hits.length);
  const keyword = new Uint32Array(hits.length);
  for (let i = 0; i < hits.length; i++) {
    keyword[i] = hits[i] % keywords.length;
    starts[i] = (hits[i] - keyword[i]) / keywords.length;
    ends[i] = starts[i] + keywords[keyword[i]].literal.bytes.length;
  }
  const matches = [];
  forEachWindow(data, starts, ends, WINDOW_MARGIN, (window) => {
    const text = unescapeBoundaries(data, window.lo, window.hi, starts, window.first, window.last);
    for (const rule of triggeredRules(engine, keyword.subarray(window.first, window.last))) {
      const { regex } = rule;
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) regex.lastIndex++;
        if (window.cutStart && m.index === 0 || window.cutEnd && m.index + m[0].length === text.length) continue;
        const span = m.indices?.[rule.rule.secretGroup];
        if (!span || span[0] === span[1]) continue;
        const secret = text.slice(span[0], span[1]);
        const body = m[rule.rule.bodyGroup ?? rule.rule.secretGroup] ?? secret;
        if (shannonEntropy(body) < rule.rule.entropy || looksLikePlaceholder(body)) continue;
        matches.push({
          rule,
          start: window.lo + span[0],
          end: window.lo + span[1],
          secret: Buffer.from(secret, "latin1").toString("utf8")
        });
      }
    }
  });
  return oneMatchPerSpan(matches);
}
var TOKEN = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") TOKEN[c.charCodeAt(0)] = 1;
var BACKSLASH = 92;
var LETTER_ESCAPES = new Uint8Array(256);
for (const c of "ntrfbv") LETTER_ESCAPES[c.charCodeAt(0)] = 1;
function unescapeBoundaries(data, lo, hi, starts, first, last) {
  let text;
  let patched;
  let done = lo;
  for (let i = first; i < last; i++) {
    const at = starts[i];
    const length = escapeBefore(data, at, lo);
    if (length === 0 || at - length < done) continue;
    patched ??= [];
    text ??= data.toString("latin1", lo, hi);
    patched.push(text.slice(done - lo, at - length - lo), " ".repeat(length));
    done = at;
  }
  if (!patched) return data.toString("latin1", lo, hi);
  patched.push(text.slice(done - lo));
  return patched.join("");
}
function escapeBefore(data, at, floor) {
  const escaped2 = (length) => {
    const slash = at - length;
    if (slash < floor || data[slash] !== BACKSLASH) return false;
    let run = 1;
    while (slash - run >= floor && data[slash - run] === BACKSLASH) run++;
    return run % 2 === 1;
  };
  if (at - 2 >= floor && LETTER_ESCAPES[data[at - 1]] && escaped2(2)) return 2;
  if (at - 4 >= floor && data[at - 3] === 120 && !TOKEN[hexByte(data, at - 2, 2)] && escaped2(4)) return 4;
  if (at - 6 >= floor && data[at - 5] === 117 && !TOKEN[hexByte(data, at - 4, 4)] && escaped2(6)) return 6;
  if (at - 3 >= floor && data[at - 3] === 61 && data[at - 2] === 51 && (data[at - 1] === 68 || data[at - 1] === 100)) return 3;
  return 0;
}
function hexByte(data, at, digits) {
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const digit = HEX_DIGITS[data[at + i]];
    if (digit === -1) return 65;
    value = value * 16 + digit;
  }
  return Math.min(value, 255);
}
var HEX_DIGITS = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_DIGITS["0123456789abcdef".charCodeAt(i)] = i;
  HEX_DIGITS["0123456789ABCDEF".charCodeAt(i)] = i;
}
function triggeredRules(engine, keywords) {
  const first = keywords[0];
  if (keywords.every((k) => k === first)) return engine.keywords[first].rules;
  const rules = /* @__PURE__ */ new Set();
  for (const k of new Set(keywords)) for (const rule of engine.keywords[k].rules) rules.add(rule);
  return [...rules].sort((a, b) => a.order - b.order);
}
function oneMatchPerSpan(matches) {
  matches.sort((a, b) => a.start - b.start || b.end - a.end || a.rule.order - b.rule.order);
  const kept = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (!last || match.start >= last.end) kept.push(match);
    else if (better(match, last)) kept[kept.length - 1] = match;
  }
  return kept;
}
function better(a, b) {
  const length = a.end - a.start - (b.end - b.start);
  if (length !== 0) return length > 0;
  const rank = RANK[a.rule.rule.confidence] - RANK[b.rule.rule.confidence];
  return rank !== 0 ? rank > 0 : a.rule.order < b.rule.order;
}
var CONTEXT_BYTES = 2048;
function attribute(data, start, end, rule) {
  const context = rule.context;
  if (!context) return void 0;
  const floor = Math.max(0, start - CONTEXT_BYTES);
  const ceiling = Math.min(data.length, end + CONTEXT_BYTES);
  const lineStart = (at) => {
    const newline = data.subarray(floor, at).lastIndexOf(10);
    return newline === -1 ? floor : floor + newline + 1;
  };
  const lineEnd = (at) => {
    const newline = data.subarray(at, ceiling).indexOf(10);
    return newline === -1 ? ceiling : at + newline;
  };
  let lo = lineStart(start);
  let hi = lineEnd(end);
  let text = data.toString("latin1", lo, hi);
  for (let ring = 0; ; ring++) {
    if (context.regex.test(text)) return { own: true };
    const other = context.others?.providers.find((provider) => provider.regex.test(text));
    if (other) return { other: other.name };
    if (ring === context.lines || lo === floor && hi === ceiling) return void 0;
    const parts = [];
    if (lo > floor) {
      const above = lineStart(lo - 1);
      parts.push(data.toString("latin1", above, lo));
      lo = above;
    }
    if (hi < ceiling) {
      const below = lineEnd(hi + 1);
      parts.push(data.toString("latin1", hi, below));
      hi = below;
    }
    text = parts.join("\n");
  }
}

// src/detect/encoded.ts
var MIN_BASE64_KEYWORD = 3;
function base64Needles(engine) {
  const cores = /* @__PURE__ */ new Map();
  for (const { literal } of engine.keywords) {
    if (literal.bytes.length < MIN_BASE64_KEYWORD) continue;
    for (const { core, groupOffset } of base64Cores(literal.bytes)) {
      cores.set(core, groupOffset);
      cores.set(core.replace(/\+/g, "-").replace(/\//g, "_"), groupOffset);
    }
  }
  return [...cores].map(([core, groupOffset]) => ({ literal: new Literal(core), groupOffset }));
}
function base64Cores(keyword) {
  return [0, 1, 2].map((shift) => {
    const encoded2 = Buffer.concat([Buffer.alloc(shift), keyword]).toString("base64");
    const first = Math.ceil(8 * shift / 6);
    const end = Math.floor(8 * (shift + keyword.length) / 6);
    return { core: encoded2.slice(first, end), groupOffset: first };
  });
}
var BASE64 = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_") BASE64[c.charCodeAt(0)] = 1;
var PAD = 61;
var GROUPS = Math.ceil(WINDOW_MARGIN / 3);
var REACH = 4 * GROUPS;
function findBase64Keys(data, engine, needles) {
  const joined = joinWrapped(data, needles);
  if (!joined) return findBase64In(data, engine, needles);
  const original = (start, end) => [joined.original(start), joined.original(end - 1) + 1];
  return findBase64In(joined.data, engine, needles).map((match) => {
    const [keyStart, keyEnd] = original(match.keyStart, match.keyEnd);
    const [start, end] = joined.crosses(match.start, match.end) ? [keyStart, keyEnd] : original(match.start, match.end);
    return { ...match, start, end, keyStart, keyEnd };
  });
}
var MIN_WRAPPED_LINE = 40;
function joinWrapped(data, needles) {
  const cutFrom = [];
  const cutTo = [];
  const lineFrom = [];
  let lineEnd = -1;
  for (let at = MIN_WRAPPED_LINE - 1; at < data.length; ) {
    if (!BASE64[data[at]]) {
      at += MIN_WRAPPED_LINE;
      continue;
    }
    if (lineEnd < at) {
      lineEnd = data.indexOf(10, at);
      if (lineEnd === -1) break;
    }
    at = lineEnd + MIN_WRAPPED_LINE;
    const end = data[lineEnd - 1] === 13 ? lineEnd - 1 : lineEnd;
    let start = end;
    while (start > 0 && BASE64[data[start - 1]]) start--;
    if (end - start < MIN_WRAPPED_LINE || (end - start) % 4 !== 0) continue;
    let lineStart = start;
    while (lineStart > 0 && (data[lineStart - 1] === 32 || data[lineStart - 1] === 9)) lineStart--;
    if (lineStart > 0 && data[lineStart - 1] !== 10) continue;
    let next = end;
    if (data[next] === 13) next++;
    if (data[next] !== 10) continue;
    next++;
    while (next < data.length && (data[next] === 32 || data[next] === 9)) next++;
    if (next === data.length || !BASE64[data[next]]) continue;
    cutFrom.push(end);
    cutTo.push(next);
    lineFrom.push(start);
  }
  if (cutFrom.length === 0) return void 0;
  keepBlocksWithNeedles(data, needles, cutFrom, cutTo, lineFrom);
  if (cutFrom.length === 0) return void 0;
  const joinedAt = new Float64Array(cutFrom.length);
  const removed = new Float64Array(cutFrom.length);
  let dropped = 0;
  for (let i = 0; i < cutFrom.length; i++) {
    joinedAt[i] = cutFrom[i] - dropped;
    dropped += cutTo[i] - cutFrom[i];
    removed[i] = dropped;
  }
  const joined = Buffer.allocUnsafe(data.length - dropped);
  let to = 0;
  for (let i = 0, from = 0; i <= cutFrom.length; i++) {
    const stop = i < cutFrom.length ? cutFrom[i] : data.length;
    to += data.copy(joined, to, from, stop);
    from = i < cutFrom.length ? cutTo[i] : data.length;
  }
  const cutsUpTo = (at) => {
    let lo = 0;
    let hi = joinedAt.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (joinedAt[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    data: joined,
    original: (at) => {
      const n = cutsUpTo(at);
      return at + (n === 0 ? 0 : removed[n - 1]);
    },
    crosses: (start, end) => cutsUpTo(end - 1) > cutsUpTo(start)
  };
}
function keepBlocksWithNeedles(data, needles, cutFrom, cutTo, lineFrom) {
  const longest = Math.max(0, ...needles.map(({ literal }) => literal.bytes.length));
  if (longest > MIN_WRAPPED_LINE) return;
  let kept = 0;
  for (let first = 0; first < cutFrom.length; ) {
    let last = first;
    while (last + 1 < cutFrom.length && lineFrom[last + 1] === cutTo[last]) last++;
    let end = cutTo[last];
    while (end < data.length && BASE64[data[end]]) end++;
    const block = data.subarray(lineFrom[first], end);
    let found = needles.some(({ literal }) => block.indexOf(literal.bytes) !== -1);
    for (let i = first; !found && i <= last; i++) found = needles.some(({ literal }) => splitAt(data, literal.bytes, cutFrom[i], cutTo[i]));
    if (found) {
      for (let i = first; i <= last; i++, kept++) {
        cutFrom[kept] = cutFrom[i];
        cutTo[kept] = cutTo[i];
      }
    }
    first = last + 1;
  }
  cutFrom.length = kept;
  cutTo.length = kept;
}
function splitAt(data, needle, from, to) {
  for (let head = 1; head < needle.length; head++) {
    let same = true;
    for (let i = 0; same && i < needle.length; i++) {
      same = data[i < head ? from - head + i : to + i - head] === needle[i];
    }
    if (same) return true;
  }
  return false;
}
function findBase64In(data, engine, needles) {
  const groupStarts = [];
  const found = [];
  for (const { literal, groupOffset } of needles) {
    found.length = 0;
    literal.findAll(data, found);
    for (const at of found) if (at >= groupOffset) groupStarts.push(at - groupOffset);
  }
  if (groupStarts.length === 0) return [];
  groupStarts.sort((a, b) => a - b);
  const matches = [];
  const tokens = new TokenFinder(data);
  const pending = [];
  let runStart = 0;
  let checked = 0;
  let ended = true;
  for (const g of groupStarts) {
    if (!BASE64[data[g]]) continue;
    if (g >= checked) {
      const floor = Math.max(checked, g - REACH - 4);
      let start = g;
      while (start > floor && BASE64[data[start - 1]]) start--;
      if (!(start === checked && !ended)) runStart = start;
      checked = g;
      ended = false;
    }
    if (!ended) {
      const reach = Math.min(data.length, g + REACH);
      while (checked < reach && BASE64[data[checked]]) checked++;
      ended = checked < reach || checked === data.length;
    }
    const lo = g - 4 * Math.min(GROUPS, Math.floor((g - runStart) / 4));
    const hi = Math.min(checked, g + REACH);
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
function decodeBase64(data, window, engine, tokens, out) {
  const decoded = Buffer.from(data.toString("latin1", window.lo, window.hi), "base64");
  const keys = inner(decoded, window.cutStart, window.cutEnd, engine);
  if (keys.length === 0) return;
  const [start, end] = tokens.around(window.lo, window.hi);
  for (const match of keys) {
    const keyStart = window.lo + 4 * Math.floor(match.start / 3);
    const keyEnd = Math.min(window.hi, window.lo + 4 * Math.ceil(match.end / 3));
    out.push({ ...encoded(match, decoded, start, end, "base64"), keyStart, keyEnd });
  }
}
var TokenFinder = class {
  constructor(data) {
    this.data = data;
  }
  data;
  start = 0;
  end = 0;
  around(lo, hi) {
    const { data } = this;
    if (lo < this.start || lo >= this.end) {
      for (this.start = lo; this.start > 0 && BASE64[data[this.start - 1]]; this.start--) ;
      this.end = hi;
    }
    while (this.end < data.length && BASE64[data[this.end]]) this.end++;
    let end = this.end;
    while (end < data.length && end < this.end + 2 && data[end] === PAD) end++;
    return [this.start, end];
  }
};
var PERCENT_MARGIN = 3 * WINDOW_MARGIN;
var HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}
var TOKEN2 = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") TOKEN2[c.charCodeAt(0)] = 1;
function findPercentKeys(data, engine) {
  const starts = [];
  const ends = [];
  for (let at = data.indexOf(37); at !== -1; at = data.indexOf(37, at + 1)) {
    const byte = escaped(data, at, data.length);
    if (byte === -1) continue;
    if (TOKEN2[byte] || engine.keywords.some(({ literal }) => literal.isAt(data, at + 3))) {
      starts.push(at);
      ends.push(at + 3);
    }
  }
  if (starts.length === 0) return [];
  const matches = [];
  forEachWindow(data, starts, ends, PERCENT_MARGIN, (window) => {
    const decoded = Buffer.allocUnsafe(window.hi - window.lo);
    const source = new Int32Array(decoded.length + 1);
    let length = 0;
    for (let at = window.lo; at < window.hi; ) {
      const byte = escaped(data, at, window.hi);
      source[length] = at;
      if (byte === -1) {
        decoded[length++] = data[at++];
      } else {
        decoded[length++] = byte;
        at += 3;
      }
    }
    source[length] = window.hi;
    const text = decoded.subarray(0, length);
    for (const match of inner(text, window.cutStart, window.cutEnd, engine)) {
      matches.push(encoded(match, text, source[match.start], source[match.end], "percent"));
    }
  });
  return matches;
}
function escaped(data, at, end) {
  if (data[at] !== 37 || at + 2 >= end) return -1;
  const high = HEX[data[at + 1]];
  const low = HEX[data[at + 2]];
  return high === -1 || low === -1 ? -1 : high << 4 | low;
}
function inner(decoded, cutStart, cutEnd, engine) {
  return findKeys(decoded, engine).filter(
    (match) => !(cutStart && match.start === 0) && !(cutEnd && match.end === decoded.length)
  );
}
function encoded(match, decoded, start, end, encoding) {
  return {
    rule: match.rule,
    start,
    end,
    secret: match.secret,
    encoding,
    attribution: attribute(decoded, match.start, match.end, match.rule)
  };
}

// src/detect/locate.ts
var ALLOW_MARKER = "keysentry:allow";
var Locator = class {
  constructor(data, start) {
    this.data = data;
    this.line = start.line;
    this.column = start.column;
    this.nextNewline = data.indexOf(10);
  }
  data;
  line;
  lineStart = 0;
  nextNewline;
  /** UTF-16 units from the line start (plus the chunk's column on its first line) up to byte columnAt. */
  column;
  columnAt = 0;
  allowedLine = -1;
  allowed = false;
  locate(start, end) {
    const { data } = this;
    while (this.nextNewline !== -1 && this.nextNewline < start) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = data.indexOf(10, this.lineStart);
    }
    if (this.columnAt < this.lineStart) {
      this.columnAt = this.lineStart;
      this.column = 0;
    }
    this.column += data.toString("utf8", this.columnAt, start).length;
    this.columnAt = start;
    if (this.allowedLine !== this.line) {
      this.allowedLine = this.line;
      const lineEnd = this.nextNewline === -1 ? data.length : this.nextNewline;
      this.allowed = data.subarray(this.lineStart, lineEnd).includes(ALLOW_MARKER);
    }
    const column = this.column + 1;
    let stop = end;
    if (this.nextNewline !== -1 && this.nextNewline < end) {
      stop = this.nextNewline > start && data[this.nextNewline - 1] === 13 ? this.nextNewline - 1 : this.nextNewline;
    }
    return { line: this.line, column, endColumn: column + data.toString("utf8", start, stop).length, allowed: this.allowed };
  }
};

// src/detect/snippet.ts
var CONTEXT = 40;
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]+/g;
var KEY_CHARS_AT_START = /^[A-Za-z0-9+/=_-]+/;
var KEY_CHARS_AT_END = /[A-Za-z0-9+/=_-]+$/;
function snippetOf(data, key, spans, midLine) {
  const from = Math.max(0, key.start - CONTEXT);
  const to = Math.min(data.length, key.end + CONTEXT);
  const back = data.subarray(from, key.start).lastIndexOf(10);
  const ahead = data.subarray(key.end, to).indexOf(10);
  const lineStart = back !== -1 ? from + back + 1 : from === 0 ? 0 : from - 1;
  const lineEnd = ahead !== -1 ? key.end + ahead : to === data.length ? data.length : to + 1;
  let lo = Math.max(lineStart, key.start - CONTEXT);
  let hi = Math.min(lineEnd, key.end + CONTEXT);
  spans = neighbours(spans, key);
  for (const s of spans) {
    if (s.start < lo && s.end > lo) lo = Math.min(s.end, key.start);
    if (s.start < hi && s.end > hi) hi = Math.max(s.start, key.end);
  }
  const parts = [];
  let at = lo;
  for (const s of spans) {
    if (s.end <= lo || s.start >= hi || s.start < at) continue;
    parts.push(data.subarray(at, s.start), Buffer.from(redact(s.secret)));
    at = s.end;
  }
  parts.push(data.subarray(at, hi));
  let text = Buffer.concat(parts).toString("utf8").replace(CONTROL, " ");
  const cutStart = lo > lineStart || lineStart === 0 && midLine;
  const cutEnd = hi < lineEnd;
  if (cutStart) text = text.replace(KEY_CHARS_AT_START, "");
  if (cutEnd) text = text.replace(KEY_CHARS_AT_END, "");
  text = redactKeys(text.trim());
  return `${cutStart ? "\u2026" : ""}${text}${cutEnd ? "\u2026" : ""}`;
}
var NEIGHBOURS = 8;
function neighbours(spans, key) {
  let a = 0;
  let b = spans.length;
  while (a < b) {
    const mid = a + b >>> 1;
    if (spans[mid].start < key.start) a = mid + 1;
    else b = mid;
  }
  return spans.slice(Math.max(0, a - NEIGHBOURS), a + NEIGHBOURS);
}

// src/detect/detector.ts
function createDetector(rules) {
  const engine = compileRules(rules);
  const needles = base64Needles(engine);
  return {
    detect(chunk) {
      const { data } = chunk;
      const candidates = findKeys(data, engine);
      if (chunk.decodedFrom) for (const candidate of candidates) candidate.encoding = chunk.decodedFrom;
      const plainAt = new Map(candidates.map((candidate, index) => [candidate.start, index]));
      for (const match of findPercentKeys(data, engine)) {
        const index = plainAt.get(match.start);
        if (index === void 0) candidates.push(match);
        else if (match.secret.length > candidates[index].secret.length) candidates[index] = match;
      }
      for (const match of findBase64Keys(data, engine, needles)) {
        const cut = match.start === 0 && chunk.ownFrom !== void 0 || match.end === data.length && chunk.ownTo !== void 0;
        candidates.push(cut ? { ...match, start: match.keyStart, end: match.keyEnd } : match);
      }
      if (candidates.length === 0) return [];
      candidates.sort((a, b) => a.start - b.start);
      const locator = new Locator(data, chunk);
      const findings = [];
      for (const candidate of candidates) {
        const own = candidate.keyStart ?? candidate.start;
        if (own >= (chunk.ownTo ?? Infinity) || own < (chunk.ownFrom ?? 0)) continue;
        const place = locator.locate(candidate.start, candidate.end);
        if (place.allowed || chunk.added && !chunk.added.has(place.line)) continue;
        const { rule, context } = candidate.rule;
        const said = candidate.attribution ?? attribute(data, candidate.start, candidate.end, candidate.rule);
        const other = said && "other" in said ? said.other : void 0;
        const finding = {
          ruleId: rule.id,
          // A shape several issuers share, next to another issuer's name: not this rule's
          // provider's key, and not to be sent to it by --verify.
          provider: other ? "unknown" : rule.provider,
          description: other ? `${context.others.description}; context names ${other}` : rule.description,
          secret: candidate.secret,
          fingerprint: fingerprint(candidate.secret),
          redacted: redact(candidate.secret),
          path: chunk.path,
          line: place.line,
          column: place.column,
          endColumn: place.endColumn,
          offset: chunk.offset + candidate.start * (chunk.stride ?? 1),
          confidence: other ? "low" : said && context ? context.confidence : rule.confidence
        };
        if (candidate.encoding) finding.encoding = candidate.encoding;
        if (chunk.binary) finding.binary = true;
        else finding.snippet = snippetOf(data, candidate, candidates, chunk.column > 0);
        if (chunk.commit) finding.commit = chunk.commit;
        findings.push(finding);
      }
      return findings;
    }
  };
}

// src/sources/context.ts
function createContext() {
  const stats = { files: 0, bytes: 0, skipped: {}, durationMs: 0 };
  const warnings = [];
  return {
    stats,
    warnings,
    warn(message) {
      warnings.push(message);
    },
    // Counts only: a tree can skip thousands of files for one reason, and the report says why,
    // not which; anything the user must act on comes through warn().
    skip(reason) {
      stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
    }
  };
}

export {
  loadRules,
  validateRules,
  createDetector,
  createContext
};
