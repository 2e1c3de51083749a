// Custom rules come from .keysentry.json, which anyone who can open a pull request can change: a
// pattern such as (sk-(a+)+)$ would take V8's backtracking engine seconds per line, and longer than
// the universe with a few more characters. Custom rules therefore run on re2js, a pure-JavaScript
// port of RE2 whose matching time is linear in the text whatever the pattern. It has no
// lookaheads and no backreferences (the constructs that need backtracking), and its lookbehinds
// are captureless. Built-in rules, reviewed and tested here, keep V8's faster engine.
import type { RE2JS } from 're2js';

// Loaded only when a config has rules: importing re2js costs a pre-commit hook 60-100 ms
// (measured with performance.now() around import('re2js') on the development machine).
let engine: typeof RE2JS | undefined;

/** Must be awaited before a LinearRegExp is made (validateRules with linear, compileRules). */
export async function loadLinearEngine(): Promise<void> {
  engine ??= (await import('re2js')).RE2JS;
}

/** The part of RegExp (with the 'g' and 'd' flags) that the rule engine uses, in linear time. */
export class LinearRegExp {
  lastIndex = 0;
  readonly groups: number;
  private readonly re: RE2JS;
  private matcher?: { text: string; m: ReturnType<RE2JS['matcher']> };

  /** Throws RE2's syntax error for what it cannot run (see syntaxProblem). */
  constructor(source: string, ignoreCase = false) {
    if (!engine) throw new Error('the linear-time regex engine is not loaded (loadLinearEngine)');
    this.re = engine.compile(source, engine.LOOKBEHINDS | (ignoreCase ? engine.CASE_INSENSITIVE : 0));
    this.groups = this.re.groupCount();
  }

  /** Like RegExp.prototype.exec with the 'gd' flags: from lastIndex, with group indices. */
  exec(text: string): RegExpExecArray | null {
    if (this.matcher?.text !== text) this.matcher = { text, m: this.re.matcher(text) };
    const { m } = this.matcher;
    if (this.lastIndex > text.length || !m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    const indices: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= this.groups; g++) {
      const start = m.start(g);
      const end = m.end(g);
      groups.push(start < 0 ? undefined : text.slice(start, end));
      indices.push(start < 0 ? undefined : [start, end]);
    }
    this.lastIndex = m.end(0);
    return Object.assign(groups, { index: m.start(0), input: text, indices }) as unknown as RegExpExecArray;
  }

  test(text: string): boolean {
    return this.re.matcher(text).find();
  }
}

/** Why source cannot be a custom rule's pattern, in a user's words; undefined when it can. */
export function syntaxProblem(source: string, ignoreCase = false): string | undefined {
  try {
    new LinearRegExp(source, ignoreCase);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const unsupported = /\(\?[=!]|\\[1-9]|\(\?<[=!]?[^>]*\(/.test(source)
      ? ' (custom rules run on a linear-time engine: no lookaheads, no backreferences, no groups inside lookbehinds; frame a key with a class such as (?:[^A-Za-z0-9]|$) instead)'
      : '';
    return `${message}${unsupported}`;
  }
}
