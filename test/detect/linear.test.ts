// Hostile input must cost time in proportion to its size: no regex backtracking blow-up, no
// rescanning a long line per candidate. Each case times n and 4n bytes and compares the two, so
// the test holds on slow and fast machines alike.
import { describe, expect, it } from 'vitest';
import { createDetector, loadRules } from '../../src/detect/index.js';
import { KeyGen, MARKER } from '../support/keygen.js';
import { chunk } from './helpers.js';

const detector = createDetector(loadRules());
const N = 128 * 1024;

/** `unit` repeated until the text is about `bytes` long. */
const repeat = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

// The best of several runs: the suite runs test files side by side on two cores, and one run of
// the larger input slowed by a neighbour must not read as a trend.
function bestOf5(data: Buffer): { ms: number; findings: number } {
  let ms = Infinity;
  let findings = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    findings = detector.detect(chunk(data)).length;
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, findings };
}

const gen = new KeyGen(7);
const cases: Record<string, (bytes: number) => string> = {
  'sk- followed by megabytes of hex': (n) => `sk-${repeat('0123456789abcdef', n)}`,
  'sk- followed by megabytes of key characters with markers': (n) => `sk-proj-${repeat(`${gen.chars('alnum_', 40)}${MARKER}`, n)}`,
  'sk-sk-sk-…': (n) => repeat('sk-', n),
  'sk-proj-sk-proj-…': (n) => repeat('sk-proj-', n),
  'sk-a-sk-a-… (service-account names)': (n) => repeat('sk-a-', n),
  'one long service-account-like name': (n) => `sk-${repeat('a1-', n)}`,
  'near-miss DeepSeek candidates on one line': (n) => repeat(`sk-${gen.chars('hex', 31)} `, n),
  'near-miss OpenAI candidates on one line': (n) => repeat(`sk-proj-${gen.chars('alnum_', 19)}${MARKER}${gen.chars('alnum_', 20)} `, n),
  'sk- on every short line': (n) => repeat('task-1\n', n),
  'real keys on one line': (n) => repeat(`${gen.deepseek()} ${gen.openaiProject()} `, n),
  'base64 prefilter hits in one token': (n) => repeat('c2stNrLzay', n),
  'base64 of sk-sk-sk-…': (n) => Buffer.from(repeat('sk-', n)).toString('base64'),
  'base64 of sk-sk-sk-… wrapped at 76 columns': (n) => Buffer.from(repeat('sk-', n)).toString('base64').replace(/.{76}/g, '$&\n'),
  'lines of 40 base64 characters': (n) => repeat(`${'ABCD'.repeat(10)}\n`, n),
  'percent escapes': (n) => repeat('%73%6B%2D', n),
  'JSON escapes before sk- on one line': (n) => repeat('\\u0020sk-\\n', n),
  'percent escapes of near-miss keys': (n) => repeat(`sk%2D${gen.chars('hex', 31)}%20`, n),
};

describe('detection time grows linearly with input size', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(name, () => {
      const small = Buffer.from(make(N));
      const large = Buffer.from(make(4 * N));
      bestOf5(small); // warm up the JIT before measuring
      const a = bestOf5(small);
      const b = bestOf5(large);
      // Anything under a millisecond is timer noise, not a trend.
      const ratio = Math.max(b.ms, 1) / Math.max(a.ms, 1);
      console.log(name, a.ms.toFixed(1), b.ms.toFixed(1), b.findings);
      expect(ratio, `${a.ms.toFixed(1)} ms for n, ${b.ms.toFixed(1)} ms for 4n`).toBeLessThan(8);
      expect(b.findings).toBeGreaterThanOrEqual(a.findings);
    });
  }
});
