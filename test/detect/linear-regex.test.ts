// The linear-time engine that custom rules run on must answer as V8's RegExp does for the patterns
// both accept, or a custom rule would find other keys than its author tested with.
import { beforeAll, describe, expect, it } from 'vitest';
import { LinearRegExp, loadLinearEngine, syntaxProblem } from '../../src/detect/linear-regex.js';
import { KeyGen } from '../support/keygen.js';

beforeAll(loadLinearEngine);

/** Every match of a global regex: [index, groups, group indices]. */
function all(re: { lastIndex: number; exec(text: string): RegExpExecArray | null }, text: string) {
  const out: unknown[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, [...m], m.indices?.map((span) => (span ? [...span] : span))]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

describe('LinearRegExp', () => {
  const gen = new KeyGen(77);
  const text = `a sk-${gen.chars('hex', 32)} xsk-${gen.chars('hex', 32)} "sk-${gen.chars('hex', 32)}"\nsk-${gen.chars('hex', 8)}`;

  it.each([
    '(?<![A-Za-z0-9_-])(sk-([a-f0-9]{32}))',
    '(sk-([a-f0-9]+))(?:[^a-f0-9]|$)',
    '(sk-)?([a-f0-9]{8})',
    'x(sk-)|(")',
  ])('finds what RegExp finds, with the same groups and indices: %s', (source) => {
    expect(all(new LinearRegExp(source), text)).toEqual(all(new RegExp(source, 'gd'), text));
  });

  it('ignores case when asked, as the context patterns need', () => {
    expect(new LinearRegExp('deepseek', true).test('DeepSeek_API_KEY')).toBe(true);
    expect(new LinearRegExp('deepseek').test('DeepSeek_API_KEY')).toBe(false);
  });

  it('names what it cannot run: lookaheads and backreferences', () => {
    expect(syntaxProblem('(a)(?!b)')).toMatch(/no lookaheads/);
    expect(syntaxProblem('(a)\\1')).toMatch(/no backreferences/);
    expect(syntaxProblem('(?<![a-z])(a)')).toBeUndefined();
  });
});
