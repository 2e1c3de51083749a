// Random text with keys planted at random places: the detector must find each one exactly where
// it was put, report nothing else, and never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector, loadRules } from '../../src/detect/index.js';
import { KeyGen } from '../support/keygen.js';
import { chunk } from './helpers.js';

const detector = createDetector(loadRules());

// Filler includes the prefilters' own triggers and near-misses, so windows, decoders and
// boundaries are exercised around the planted keys, plus multi-byte and control characters.
const FILLER = [
  'hello', 'world', ' ', '  ', '\t', '\n', '\r\n', '\r', '=', ':', '"', "'", ',', '{', '}', '😀', '中文',
  'é', 'ß', '\u0000', 'task-', 'sk-', 'sk-proj-', 'T3BlbkFJ', 'c2st', 'NrL', 'zay', '%2D', '%73%6B', 'deepseek',
  'keysentry', 'abc123', '0123456789abcdef',
];
// Keys are planted between separators, as they are in real files, so filler never glues onto them.
// Escapes of separators (JSON's \n and \u0020, quoted-printable =3D) separate too.
const SEPARATORS = [' ', '\n', '"', '=', ': ', '(', ',', '😀', '\t', '「', '\\n', '\\u0020', '=3D'];
const KINDS = ['legacy', 'proj', 'svcacct', 'admin', 'None', 'named', 'deepseek'] as const;

type Part = { filler: string } | { kind: (typeof KINDS)[number]; before: string; after: string };

const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FILLER).map((filler) => ({ filler })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom(...KINDS),
      before: fc.constantFrom(...SEPARATORS),
      after: fc.constantFrom(...SEPARATORS),
    }),
  },
);

function makeKey(gen: KeyGen, kind: (typeof KINDS)[number]): string {
  if (kind === 'legacy') return gen.openaiLegacy();
  if (kind === 'deepseek') return gen.deepseek();
  if (kind === 'named') return gen.openaiNamed(gen.chars('lower', 1 + Math.floor(gen.next() * 12)));
  const halves = [20, 58, 74] as const;
  return gen.openaiProject(kind, halves[Math.floor(gen.next() * halves.length)]);
}

describe('planted keys', () => {
  it('are each found at their line and column, and nothing else is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(part, { maxLength: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat({ max: 200 }),
        fc.option(fc.func(fc.boolean()), { nil: undefined }),
        (seed, parts, firstLine, firstColumn, isAdded) => {
          const gen = new KeyGen(seed);
          let text = '';
          const planted: { secret: string; line: number; column: number }[] = [];
          for (const p of parts) {
            if ('filler' in p) {
              text += p.filler;
              continue;
            }
            const secret = makeKey(gen, p.kind);
            text += p.before;
            const lineStart = text.lastIndexOf('\n') + 1;
            const line = firstLine + text.split('\n').length - 1;
            const column = text.length - lineStart + 1 + (lineStart === 0 ? firstColumn : 0);
            planted.push({ secret, line, column });
            text += secret + p.after;
          }
          const lines = text.split('\n');
          const added = isAdded && new Set(lines.map((_, i) => firstLine + i).filter((l) => isAdded(l)));
          const data = Buffer.from(text);
          const findings = detector.detect(
            chunk(data, { line: firstLine, column: firstColumn, offset: 7, ...(added && { added }) }),
          );

          const expected = planted.filter((p) => !added || added.has(p.line));
          expect(findings.map((f) => ({ secret: f.secret, line: f.line, column: f.column }))).toEqual(expected);
          for (const f of findings) {
            const lineText = lines[f.line - firstLine]!;
            const width = lineText.length + (f.line === firstLine ? firstColumn : 0);
            expect(f.endColumn - f.column).toBe(f.secret.length);
            expect(f.endColumn).toBeLessThanOrEqual(width + 1);
            expect(f.offset).toBeGreaterThanOrEqual(7);
            expect(f.offset + Buffer.byteLength(f.secret)).toBeLessThanOrEqual(7 + data.length);
            expect(data.toString('utf8', f.offset - 7, f.offset - 7 + Buffer.byteLength(f.secret))).toBe(f.secret);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are found at their byte offset among arbitrary bytes, which never make the detector throw', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(...KINDS),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (before, after, kind, seed) => {
          const key = makeKey(new KeyGen(seed), kind);
          const data = Buffer.concat([before, Buffer.from([0]), Buffer.from(key), Buffer.from([0]), after]);
          const findings = detector.detect(chunk(data, { offset: 100, binary: true }));
          expect(findings.filter((f) => f.secret === key).map((f) => f.offset)).toEqual([100 + before.length + 1]);
          for (const f of findings) {
            expect(f.offset).toBeGreaterThanOrEqual(100);
            expect(f.offset).toBeLessThan(100 + data.length);
            expect(f.binary).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
