// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/detect/linear-regex.ts
var engine;
async function loadLinearEngine() {
  engine ??= (await import("./chunk-KXMT7RUM.js")).RE2JS;
}
var LinearRegExp = class {
  lastIndex = 0;
  groups;
  re;
  matcher;
  /** Throws RE2's syntax error for what it cannot run (see syntaxProblem). */
  constructor(source, ignoreCase = false) {
    if (!engine) throw new Error("the linear-time regex engine is not loaded (loadLinearEngine)");
    this.re = engine.compile(source, engine.LOOKBEHINDS | (ignoreCase ? engine.CASE_INSENSITIVE : 0));
    this.groups = this.re.groupCount();
  }
  /** Like RegExp.prototype.exec with the 'gd' flags: from lastIndex, with group indices. */
  exec(text) {
    if (this.matcher?.text !== text) this.matcher = { text, m: this.re.matcher(text) };
    const { m } = this.matcher;
    if (this.lastIndex > text.length || !m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups = [];
    const indices = [];
    for (let g = 0; g <= this.groups; g++) {
      const start = m.start(g);
      const end = m.end(g);
      groups.push(start < 0 ? void 0 : text.slice(start, end));
      indices.push(start < 0 ? void 0 : [start, end]);
    }
    this.lastIndex = m.end(0);
    return Object.assign(groups, { index: m.start(0), input: text, indices });
  }
  test(text) {
    return this.re.matcher(text).find();
  }
};
function syntaxProblem(source, ignoreCase = false) {
  try {
    new LinearRegExp(source, ignoreCase);
    return void 0;
  } catch (e) {
    const message = e.message;
    const unsupported = /\(\?[=!]|\\[1-9]|\(\?<[=!]?[^>]*\(/.test(source) ? " (custom rules run on a linear-time engine: no lookaheads, no backreferences, no groups inside lookbehinds; frame a key with a class such as (?:[^A-Za-z0-9]|$) instead)" : "";
    return `${message}${unsupported}`;
  }
}

export {
  loadLinearEngine,
  LinearRegExp,
  syntaxProblem
};
