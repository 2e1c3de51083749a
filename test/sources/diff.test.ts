import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, readChunks } from '../../src/sources/chunks.js';
import { DiffParser, LineSplitter, type DiffItem } from '../../src/sources/diff.js';
import { COMMIT_MESSAGE_PATH, MAX_SECRET_LENGTH, type Chunk } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';

/** Parses a patch fed in the given pieces (whole by default). */
function parse(patch: string | Buffer, cuts: number[] = []): DiffItem[] {
  const bytes = Buffer.isBuffer(patch) ? patch : Buffer.from(patch);
  const parser = new DiffParser();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(at, cut));
    at = cut;
  }
  parser.push(bytes.subarray(at));
  parser.end();
  return parser.items;
}

/** Items in a comparable form (a Set does not survive JSON). */
const plainItems = (items: DiffItem[]) =>
  JSON.stringify(
    items.map((i) =>
      i.kind === 'chunk' ? { ...i.chunk, data: i.chunk.data.toString('latin1'), added: [...(i.chunk.added ?? [])] } : i,
    ),
  );

const chunksOf = (items: DiffItem[]): Chunk[] =>
  items.flatMap((i) => (i.kind === 'chunk' ? [i.chunk] : []));

/** A stand-in detector: where `needle` is, by the chunk's reckoning, and whether it is on an added line. */
function locate(chunks: Chunk[], needle: string) {
  const hits = new Map<string, { path: string; line: number; column: number; reportable: boolean }>();
  const n = Buffer.from(needle);
  for (const c of chunks) {
    for (let i = c.data.indexOf(n); i !== -1; i = c.data.indexOf(n, i + 1)) {
      const before = c.data.subarray(0, i);
      const nl = before.lastIndexOf(10);
      const line = c.line + before.toString('latin1').split('\n').length - 1;
      const column = nl < 0 ? c.column + units(before) : units(before.subarray(nl + 1));
      const hit = { path: c.path, line, column, reportable: !c.added || c.added.has(line) };
      hits.set(`${c.path}:${line}:${column}`, hit);
    }
  }
  return [...hits.values()];
}

function units(b: Buffer): number {
  return b.toString('utf8').length;
}

const plain = [
  'diff --git a/app.env b/app.env',
  'index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644',
  '--- a/app.env',
  '+++ b/app.env',
  '@@ -1,4 +1,4 @@ section',
  ' one',
  '-two',
  '+TWO',
  '+++ b/not-a-header',
  ' three',
  '--- a/still-content',
  '\\ No newline at end of file',
  '@@ -10,2 +11,3 @@',
  ' ten',
  '+diff --git a/x b/x',
  '',
  'diff --git a/sp ace b/sp ace',
  'new file mode 100644',
  'index 0000000000000000000000000000000000000000..3333333333333333333333333333333333333333',
  '--- /dev/null',
  '+++ b/sp ace\t',
  '@@ -0,0 +1 @@',
  '+spaced',
  'diff --git "a/new\\nline \\"q\\" \\303\\274" "b/new\\nline \\"q\\" \\303\\274"',
  'new file mode 100644',
  'index 0000000000000000000000000000000000000000..4444444444444444444444444444444444444444',
  'Binary files /dev/null and "b/new\\nline \\"q\\" \\303\\274" differ',
  'diff --git a/old name b/new name',
  'similarity index 90%',
  'rename from old name',
  'rename to new name',
  'index 5555555555555555555555555555555555555555..6666666666666666666666666666666666666666 100644',
  'Binary files a/old name and b/new name differ',
  'diff --git a/gone.bin b/gone.bin',
  'deleted file mode 100644',
  'index 7777777777777777777777777777777777777777..0000000000000000000000000000000000000000',
  'Binary files a/gone.bin and /dev/null differ',
  'diff --git a/-dash b/-dash',
  'deleted file mode 100644',
  'index 8888888888888888888888888888888888888888..0000000000000000000000000000000000000000',
  '--- a/-dash',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  '',
].join('\n');

describe('DiffParser on plain diffs', () => {
  it('gives the new side of each hunk with its line numbers and added lines', () => {
    const chunks = chunksOf(parse(plain));
    expect(chunks.map((c) => [c.path, c.line, c.data.toString(), [...(c.added ?? [])]])).toEqual([
      ['app.env', 1, 'one\nTWO\n++ b/not-a-header\nthree\n', [2, 3]],
      ['app.env', 11, 'ten\ndiff --git a/x b/x\n\n', [12]],
      ['sp ace', 1, 'spaced\n', [1]],
    ]);
    // Offsets run through the file's new-side text, hunk after hunk.
    expect(chunks.map((c) => c.offset)).toEqual([0, 32, 0]);
  });

  it('asks for the new blob of binary changes, named exactly, and not for deletions', () => {
    const blobs = parse(plain).filter((i) => i.kind === 'blob');
    expect(blobs).toEqual([
      { kind: 'blob', path: 'new\nline "q" ü', sha: '4'.repeat(40) },
      { kind: 'blob', path: 'new name', sha: '6'.repeat(40) },
    ]);
  });

  it('parses the same whatever pieces the stream arrives in', () => {
    const whole = plainItems(parse(plain));
    const bytes = Buffer.byteLength(plain);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes }), { maxLength: 12 }), (cuts) => {
        expect(plainItems(parse(plain, cuts))).toBe(whole);
      }),
      { numRuns: 200 },
    );
  });
});

describe('DiffParser on git log records and combined diffs', () => {
  const sha = 'a'.repeat(40);
  const merge = 'b'.repeat(40);
  const record = (id: string, message: string) =>
    `\0${id}\x002024-01-01T00:00:00Z\0Ann Author\0ann@example.com\n${message}\0\n`;
  const log =
    record(sha, 'subject\n\nbody with token\n') +
    '\n' +
    'diff --git a/f b/f\n' +
    '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+token here\n' +
    record('c'.repeat(40), '') + // an empty message, no diff
    record('d'.repeat(40), 'no newline at the end') +
    record(merge, 'Merge\n') +
    '\n' +
    'diff --cc f\n' +
    `index ${'1'.repeat(40)},${'2'.repeat(40)}..${'3'.repeat(40)}\n` +
    '--- a/f\n+++ b/f\n' +
    '@@@ -1,2 -1,2 +1,3 @@@\n' +
    ' +from ours\n' +
    '+ from theirs\n' +
    '++evil token\n' +
    '- removed from ours\n' +
    ' -removed from theirs\n' +
    '@@@ -9,1 -9,1 +10,1 @@@\n' +
    '  shared\n' +
    'diff --cc "q\\"uote"\n' +
    '--- a/"q\\"uote"\n+++ "b/q\\"uote"\n' +
    '@@@@ -1,1 -1,1 -1,1 +1,2 @@@@\n' +
    '+++octopus token\n' +
    '++ from two\n' +
    '-   gone\n' +
    'diff --cc bin\n' +
    `index ${'4'.repeat(40)},${'5'.repeat(40)}..${'6'.repeat(40)}\n` +
    'Binary files differ\n';

  it('attaches each commit to its message and hunks', () => {
    const items = parse(log);
    expect(items.filter((i) => i.kind === 'commit').map((i) => i.kind === 'commit' && i.commit)).toEqual(
      ['a', 'c', 'd', 'b'].map((c, position) => ({
        sha: c.repeat(40),
        author: 'Ann Author',
        email: 'ann@example.com',
        date: '2024-01-01T00:00:00Z',
        // Its place in the log's order: what a merge of shards compares.
        position,
      })),
    );
    const chunks = chunksOf(items);
    const messages = chunks.filter((c) => c.path === COMMIT_MESSAGE_PATH);
    expect(messages.map((c) => [c.commit?.sha[0], c.line, c.data.toString(), c.added])).toEqual([
      ['a', 1, 'subject\n\nbody with token\n', undefined],
      ['d', 1, 'no newline at the end', undefined],
      ['b', 1, 'Merge\n', undefined],
    ]);
    expect(locate(chunks, 'token')).toEqual([
      { path: COMMIT_MESSAGE_PATH, line: 3, column: 10, reportable: true },
      { path: 'f', line: 1, column: 0, reportable: true },
      { path: 'f', line: 3, column: 5, reportable: true },
      { path: 'q"uote', line: 1, column: 8, reportable: true },
    ]);
  });

  it('marks as added only the lines a merge introduced itself', () => {
    const chunks = chunksOf(parse(log)).filter((c) => c.commit?.sha === merge && c.path !== COMMIT_MESSAGE_PATH);
    expect(chunks.map((c) => [c.path, c.line, c.data.toString(), [...(c.added ?? [])]])).toEqual([
      ['f', 1, 'from ours\nfrom theirs\nevil token\n', [3]],
      ['q"uote', 1, 'octopus token\nfrom two\n', [1]],
    ]);
    // The second hunk of f has no added line: nothing to report, no chunk.
    expect(parse(log).filter((i) => i.kind === 'blob')).toEqual([
      { kind: 'blob', path: 'bin', sha: '6'.repeat(40), commit: expect.objectContaining({ sha: merge }) },
    ]);
  });

  it('parses the same whatever pieces the stream arrives in', () => {
    const whole = plainItems(parse(log));
    const bytes = Buffer.byteLength(log);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes }), { maxLength: 12 }), (cuts) => {
        expect(plainItems(parse(log, cuts))).toBe(whole);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cutting long content', () => {
  const keys = new KeyGen(7);

  it('cuts a line longer than a chunk with an overlap that keeps every key whole', () => {
    const key = keys.openaiProject();
    // Non-ASCII before the keys, so columns (UTF-16) differ from byte counts.
    const filler = (n: number) => 'é€𝄞 '.repeat(Math.ceil(n / 10)).slice(0, n);
    const line =
      filler(100) + key + filler(CHUNK_SIZE - 300) + key + ' ' + filler(CHUNK_SIZE) + key + filler(5000);
    const patch = `diff --git a/big b/big\n--- a/big\n+++ b/big\n@@ -1,1 +1,2 @@\n ctx\n+${line}\n`;
    const chunks = chunksOf(parse(patch));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.data.length).toBeLessThanOrEqual(CHUNK_SIZE);
    const expected: { path: string; line: number; column: number; reportable: boolean }[] = [];
    for (let i = line.indexOf(key); i !== -1; i = line.indexOf(key, i + 1)) {
      expected.push({ path: 'big', line: 2, column: i, reportable: true });
    }
    expect(expected).toHaveLength(3);
    expect(locate(chunks, key)).toEqual(expected);
    // Consecutive pieces of the line overlap by at least MAX_SECRET_LENGTH bytes.
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!;
      expect(prev.offset + prev.data.length - chunks[i]!.offset).toBeGreaterThanOrEqual(MAX_SECRET_LENGTH);
    }
  });

  it('cuts a long added line where readChunks cuts the same text read as a file', async () => {
    // One hand-over for both sources (chunks.ts's lineCut): a key on a cut is the same chunk's to
    // report whether a tree scan or a history scan found it. The runs of key bytes longer than
    // MAX_SECRET_LENGTH before each cut test how far back a cut looks for a separator.
    const run = (n: number) => `${'A'.repeat(n)} `;
    const line = `${run(900)}é€${run(3000)}`.repeat(Math.ceil((3 * CHUNK_SIZE) / 3910));
    const patch = `diff --git a/big b/big\n--- a/big\n+++ b/big\n@@ -0,0 +1,1 @@\n+${line}\n`;
    const shape = (chunks: Chunk[]) =>
      chunks.map((c) => ({ length: c.data.length, at: c.offset - chunks[0]!.offset, column: c.column, ownFrom: c.ownFrom, ownTo: c.ownTo }));
    const fromDiff = chunksOf(parse(patch));
    const fromFile: Chunk[] = [];
    for await (const c of readChunks('big', [Buffer.from(`${line}\n`)])) fromFile.push({ ...c });
    expect(fromDiff.length).toBeGreaterThan(2);
    expect(shape(fromDiff)).toEqual(shape(fromFile));
  });

  it('cuts many lines on line boundaries, keeping line numbers and added lines right', () => {
    const key = keys.deepseek();
    const lines = Array.from({ length: 40_000 }, (_, i) => (i % 1000 === 999 ? `k=${key}` : `line ${i} `.repeat(8)));
    const body = lines.map((l, i) => (i % 2 ? `+${l}` : ` ${l}`)).join('\n');
    const patch = `diff --git a/many b/many\n--- a/many\n+++ b/many\n@@ -1,20000 +5,40000 @@\n${body}\n`;
    const chunks = chunksOf(parse(patch));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.column).toBe(0);
      expect(c.data[c.data.length - 1]).toBe(10);
      expect(c.data.length).toBeLessThanOrEqual(CHUNK_SIZE);
    }
    const hits = locate(chunks, key);
    expect(hits.map((h) => h.line)).toEqual(lines.flatMap((l, i) => (l.includes(key) ? [i + 5] : [])));
    expect(hits.every((h) => h.reportable)).toBe(true); // odd lines are added; i % 1000 === 999 is odd
    expect(chunks.flatMap((c) => [...c.added!]).length).toBe(20_000);
  });

  it('ends a commit message whose single line arrives in pieces, wherever the pieces fall', () => {
    const key = keys.openaiLegacy();
    const header = `\0${'e'.repeat(40)}\x002024-01-01T00:00:00Z\0A\0a@example.com\n`;
    // git writes in 64 KiB blocks; this puts the closing NUL last in the block that makes the
    // line long enough to be handed on in a piece, and its newline first in the next block.
    const block = 65536;
    const length = 17 * block - 1 - header.length;
    const message = `${key} `.padEnd(length - key.length, 'm') + key;
    const log = `${header}${message}\0\n\0${'f'.repeat(40)}\x002024-01-01T00:00:00Z\0A\0a@example.com\nnext\0\n`;
    const bytes = Buffer.from(log);
    const cuts = Array.from({ length: Math.floor(bytes.length / block) }, (_, i) => (i + 1) * block);
    const items = parse(bytes, cuts);
    expect(items.filter((i) => i.kind === 'commit')).toHaveLength(2);
    const chunks = chunksOf(items);
    expect(locate(chunks, key)).toEqual([
      { path: COMMIT_MESSAGE_PATH, line: 1, column: 0, reportable: true },
      { path: COMMIT_MESSAGE_PATH, line: 1, column: length - key.length, reportable: true },
    ]);
    expect(chunks.at(-1)!.data.toString()).toBe('next');
  });

  it('hands a huge line to the parser in bounded pieces', () => {
    const pieces: number[] = [];
    const splitter = new LineSplitter((piece) => pieces.push(piece.length), 1000);
    for (let i = 0; i < 50; i++) splitter.push(Buffer.alloc(333, 'x'));
    splitter.push(Buffer.from('\nshort\n'));
    splitter.end();
    expect(Math.max(...pieces)).toBeLessThan(1000 + 333);
    expect(pieces.reduce((a, b) => a + b)).toBe(50 * 333 + 7);
  });
});
