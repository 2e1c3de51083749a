import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDetector, loadRules } from '../../src/detect/index.js';
import { createContext } from '../../src/sources/context.js';
import { UserError } from '../../src/errors.js';
import { historySource, type HistoryOptions } from '../../src/sources/history.js';
import { COMMIT_MESSAGE_PATH, type Chunk } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, gitEnv } from '../support/repo.js';

beforeAll(() => {
  // The source runs git with this process's environment: keep the developer's config out.
  Object.assign(process.env, gitEnv);
});

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});
function repo(dir?: string, init = true): TempRepo {
  const r = new TempRepo(dir, init);
  repos.push(r);
  return r;
}

// A whole history is read blob by blob when the source has a detector to ask, from patches
// otherwise: every test below runs both ways, and blob by blob once more through the small pack
// windows that a large pack of whole objects gets. The stand-in detector says yes to any 'sk-'.
const MODES = {
  patches: {},
  blobs: { mayHoldKey: (c: Chunk) => c.data.includes('sk-'), strategy: 'blobs' },
  'blobs through small pack windows': { mayHoldKey: (c: Chunk) => c.data.includes('sk-'), strategy: 'blobs', packWindows: 'bounded' },
} satisfies Record<
  string,
  HistoryOptions
>;
let mode: keyof typeof MODES = 'patches';

async function scan(r: TempRepo, options: HistoryOptions = {}) {
  const ctx = createContext();
  const chunks: Chunk[] = [];
  for await (const c of historySource(ctx, { cwd: r.dir, ...MODES[mode], ...options })) chunks.push(c);
  return { ctx, chunks };
}

interface Hit {
  path: string;
  line: number;
  sha?: string;
  binary?: boolean;
}

/** A stand-in detector: where the key is on a reportable line, and which commit brought it. */
function found(chunks: Chunk[], key: string): Hit[] {
  const hits: Hit[] = [];
  for (const c of chunks) {
    for (let i = c.data.indexOf(key); i !== -1; i = c.data.indexOf(key, i + 1)) {
      const line = c.line + c.data.subarray(0, i).toString('latin1').split('\n').length - 1;
      if (c.added && !c.added.has(line)) continue;
      hits.push({ path: c.path, line, sha: c.commit?.sha, ...(c.binary && { binary: true }) });
    }
  }
  return hits;
}

const keys = new KeyGen(23);

describe.each(Object.keys(MODES) as (keyof typeof MODES)[])('historySource from %s', (name) => {
  beforeAll(() => {
    mode = name;
  });

  it('finds a key deleted later at the commit that added it, oldest commit first', async () => {
    const r = repo();
    const key = keys.openaiProject();
    const c1 = r.commit('one', { 'app.env': 'A=1\n' });
    const c2 = r.commit('two', { 'app.env': `A=1\nOPENAI_API_KEY=${key}\n` });
    const c3 = r.commit('three', { 'app.env': 'A=1\n' });
    const { chunks, ctx } = await scan(r);
    expect(found(chunks, key)).toEqual([{ path: 'app.env', line: 2, sha: c2 }]);
    const chunk = chunks.find((c) => c.data.includes(key))!;
    expect(chunk.commit).toEqual({
      sha: c2,
      author: 'Test Author',
      email: 'author@example.com',
      date: r.git('log', '-1', '--format=%aI', c2).trim(),
      position: 1,
    });
    const order = [...new Set(chunks.map((c) => c.commit!.sha))];
    expect(order).toEqual([c1, c2, c3]);
    expect(ctx.stats.commits).toBe(3);
    expect(ctx.warnings).toEqual([]);
  });

  it('scans commit messages, with lines counted within the message', async () => {
    const r = repo();
    const key = keys.deepseek();
    const sha = r.commit(`Fix config\n\nThe old key was ${key}, rotated`);
    expect(found((await scan(r)).chunks, key)).toEqual([{ path: COMMIT_MESSAGE_PATH, line: 3, sha }]);
  });

  it('scans commits reachable only from another branch or a tag', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    r.git('checkout', '-q', '-b', 'side');
    const onBranch = keys.openaiLegacy();
    const b = r.commit('side', { 'b.env': `K=${onBranch}\n` });
    const onTag = keys.openaiLegacy();
    const t = r.commit('tagged', { 'c.env': `K=${onTag}\n` });
    r.git('tag', 'keep', t);
    r.git('reset', '-q', '--hard', b);
    r.git('checkout', '-q', 'main');
    const { chunks } = await scan(r);
    expect(found(chunks, onBranch)).toEqual([{ path: 'b.env', line: 1, sha: b }]);
    expect(found(chunks, onTag)).toEqual([{ path: 'c.env', line: 1, sha: t }]);
  });

  it('scans what tags reach without a commit: tag messages, blobs and trees tagged directly', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    const [inBlob, inMessage, inTree, inNested] = [keys.openaiProject(), keys.deepseek(), keys.openaiLegacy(), keys.openaiProject()];
    r.write('k.env', `K=${inBlob}\n`);
    const keyBlob = r.git('hash-object', '-w', 'k.env').trim();
    r.git('tag', 'light', keyBlob);
    r.git('tag', '-a', '-m', `release\n\nnotes: ${inMessage}`, 'v1', 'HEAD');
    r.write('dir/t.env', `T=${inTree}\n`);
    r.git('add', 'dir/t.env');
    const tree = r.git('write-tree').trim();
    r.git('rm', '-q', '--cached', 'dir/t.env');
    r.git('tag', 'snapshot', tree);
    // A tag of a tag of a blob: both messages are read, the blob is found at the outer tag.
    r.write('n.env', `N=${inNested}\n`);
    r.git('tag', '-a', '-m', 'inner', 'inner', r.git('hash-object', '-w', 'n.env').trim());
    r.git('tag', '-a', '-m', 'outer', 'outer', 'inner');
    r.git('tag', '-d', 'inner');
    const { chunks, ctx } = await scan(r);
    expect(found(chunks, inBlob)).toEqual([{ path: '<tag light>', line: 1 }]);
    expect(found(chunks, inMessage)).toEqual([{ path: '<tag v1>', line: 3 }]);
    expect(found(chunks, inTree)).toEqual([{ path: '<tag snapshot>/dir/t.env', line: 1 }]);
    expect(found(chunks, inNested)).toEqual([{ path: '<tag outer>', line: 1 }]);
    expect(ctx.warnings).toEqual([]);
  });

  it('scans commits that git replace hides, and their replacements', async () => {
    const r = repo();
    const [hidden, replaced, replacement] = [keys.openaiProject(), keys.openaiProject(), keys.openaiProject()];
    const old = r.commit('old', { 'old.env': `K=${hidden}\n` });
    r.git('rm', '-q', 'old.env');
    const mid = r.commit('mid', { 'mid.txt': 'm\n' });
    const top = r.commit('top', { 'top.env': `K=${replaced}\n` });
    // A graft cuts the history before mid; top is replaced by a commit with other content.
    r.git('replace', '--graft', mid);
    r.write('top.env', `K=${replacement}\n`).git('add', 'top.env');
    const other = r.git('commit-tree', r.git('write-tree').trim(), '-p', mid, '-m', 'replacement').trim();
    r.git('replace', top, other);
    expect(r.git('log', '--format=%H').trim().split('\n')).not.toContain(old); // hidden from git log
    const { chunks } = await scan(r);
    expect(found(chunks, hidden)).toEqual([{ path: 'old.env', line: 1, sha: old }]);
    expect(found(chunks, replaced)).toEqual([{ path: 'top.env', line: 1, sha: top }]);
    expect(found(chunks, replacement)).toEqual([{ path: 'top.env', line: 1, sha: other }]);
  });

  it('tells of a key in a blob that no commit or ref reaches (staged, or left by an amend)', async () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    const amended = keys.openaiProject();
    r.commit('oops', { 'a.env': `K=${amended}\n` });
    r.write('a.env', 'K=\n').git('add', 'a.env');
    r.git('commit', '-q', '--amend', '-m', 'fixed');
    r.git('reflog', 'expire', '--expire=now', '--all');
    const { chunks, ctx } = await scan(r);
    expect(found(chunks, amended)).toEqual([]);
    // Only the pass over every object sees such a blob; patches never name it.
    expect(ctx.warnings).toEqual(
      mode !== 'patches' ? [expect.stringMatching(/^1 blob\(s\) that may hold a key are in the repository but no commit or ref reaches them/)] : [],
    );
  });

  it('finds a key that only a merge commit introduced (an evil merge)', async () => {
    const r = repo();
    const lines = (first: string) => `${first}\n${Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n')}\n`;
    r.commit('base', { 'cfg.py': lines('value = 0') });
    r.git('checkout', '-q', '-b', 'side');
    const fromSide = keys.deepseek();
    const side = r.commit('side', { 'cfg.py': lines('value = 1'), 'side.env': `K=${fromSide}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main', { 'cfg.py': lines('value = 2') });
    expect(() => r.git('merge', '-q', 'side')).toThrow(); // a conflict on the first line
    const evil = keys.deepseek();
    const merge = r.commit('merge', { 'cfg.py': lines(`value = "${evil}"`) });
    const { chunks } = await scan(r);
    expect(found(chunks, evil)).toEqual([{ path: 'cfg.py', line: 1, sha: merge }]);
    // What the merge took from a parent belongs to the parent's commit.
    expect(found(chunks, fromSide)).toEqual([{ path: 'side.env', line: 1, sha: side }]);
    expect(chunks.some((c) => c.commit?.sha === merge && c.path === 'cfg.py')).toBe(true);
  });

  it('restricts the scan to a range, or to the commits since a revision', async () => {
    const r = repo();
    const k = [keys.openaiProject(), keys.openaiProject(), keys.openaiProject()];
    const c = k.map((key, i) => r.commit(`c${i}`, { [`f${i}.env`]: `K=${key}\n` }));
    const ranged = await scan(r, { range: `${c[0]}..${c[2]}` });
    expect(k.map((key) => found(ranged.chunks, key).length)).toEqual([0, 1, 1]);
    expect(ranged.ctx.stats.commits).toBe(2);
    const since = await scan(r, { since: c[1]! });
    expect(k.map((key) => found(since.chunks, key).length)).toEqual([0, 0, 1]);
    const nothingNew = await scan(r, { since: 'HEAD' });
    expect(nothingNew.chunks).toEqual([]);
    expect(nothingNew.ctx.warnings).toEqual([]);
  });

  it('refuses a bad range, including one that looks like an option', async () => {
    const r = repo();
    r.commit('one', { 'a.txt': 'a\n' });
    await expect(scan(r, { range: 'nope..HEAD' })).rejects.toThrow(UserError);
    await expect(scan(r, { range: 'nope..HEAD' })).rejects.toThrow(/nope/);
    await expect(scan(r, { range: '--output=written' })).rejects.toThrow(UserError);
    expect(existsSync(join(r.dir, 'written'))).toBe(false);
  });

  it('scans a shallow clone as far as it goes and says it is shallow', async () => {
    const src = repo();
    const old = keys.openaiLegacy();
    src.commit('one', { 'a.env': `K=${old}\n` });
    src.commit('two', { 'b.txt': 'b\n' });
    const last = src.commit('three', { 'c.txt': 'c\n' });
    const clone = repo(undefined, false);
    src.git('clone', '-q', '--depth', '1', `file://${src.dir}`, clone.dir);
    const { chunks, ctx } = await scan(clone);
    expect(ctx.warnings).toHaveLength(1);
    expect(ctx.warnings[0]).toMatch(/^shallow clone: history is cut at 1 boundary commit;/);
    // The boundary commit shows the whole tree as added, keys from cut-off commits included.
    expect(found(chunks, old)).toEqual([{ path: 'a.env', line: 1, sha: last }]);
    expect(ctx.stats.commits).toBe(1);
  });

  it('warns, without failing, on a repository with no commits', async () => {
    const { chunks, ctx } = await scan(repo());
    expect(chunks).toEqual([]);
    expect(ctx.warnings).toEqual(['the repository has no commits: nothing to scan']);
  });

  it('scans binary files from their blobs and files whose names git quotes', async () => {
    const r = repo();
    const inBinary = keys.openaiProject();
    const quoted = keys.openaiProject();
    const name = 'dir/new\nline "q" ü.env';
    const bin = Buffer.concat([Buffer.from([0, 0, 7, 10, 0]), Buffer.from(`tok=${inBinary}`), Buffer.alloc(8)]);
    r.commit('base', { 'x.txt': 'x\n' });
    const c = r.commit('add', { 'blob.bin': bin, [name]: `# note\nKEY=${quoted}\n` });
    const changed = r.commit('edit', { 'blob.bin': Buffer.concat([bin, Buffer.from([1, 2, 3])]) });
    const { chunks, ctx } = await scan(r);
    expect(found(chunks, inBinary)).toEqual([
      { path: 'blob.bin', line: 2, sha: c, binary: true },
      { path: 'blob.bin', line: 2, sha: changed, binary: true },
    ]);
    const binChunk = chunks.find((ch) => ch.binary)!;
    expect(binChunk.offset + binChunk.data.indexOf(inBinary)).toBe(9);
    expect(found(chunks, quoted)).toEqual([{ path: name, line: 2, sha: c }]);
    expect(ctx.stats.files).toBe(4); // x.txt, blob.bin twice, the quoted name
  });

  it('reads the same history whatever diff and log settings the user has', async () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('root', { 'sub/a b.env': `X=1\n\nK=${key}\n`, 'q"name.env': 'x\n' });
    r.commit('edit', { 'sub/a b.env': `X=2\n\nK=${key}\n\nY=${key}\n` });
    r.git('mv', 'q"name.env', 'moved.env');
    r.commit('move');
    const plain = await scan(r);
    const hostile = {
      'diff.noprefix': 'true',
      'diff.mnemonicPrefix': 'true',
      'diff.suppressBlankEmpty': 'true',
      'diff.renames': 'false',
      'diff.relative': 'true',
      'diff.external': 'echo',
      'diff.context': '0',
      'color.ui': 'always',
      'core.quotePath': 'true',
      'log.showRoot': 'false',
      'log.decorate': 'full',
      'format.pretty': 'oneline',
    };
    for (const [k, v] of Object.entries(hostile)) r.git('config', k, v);
    const configured = await scan(r, { cwd: join(r.dir, 'sub') });
    const view = (chunks: Chunk[]) =>
      chunks.map((c) => ({ ...c, data: c.data.toString('latin1'), added: [...(c.added ?? [])] }));
    expect(view(configured.chunks)).toEqual(view(plain.chunks));
    // A patch shows the lines the edit added; a blob is read whole where it first appears.
    expect(found(configured.chunks, key).map((h) => h.line)).toEqual(mode === 'patches' ? [3, 5] : [3, 3, 5]);
  });

  it('cuts a multi-megabyte line into overlapping chunks without losing a key', async () => {
    const r = repo();
    const key = keys.openaiProject();
    const at = [10, (1 << 20) - 60, 3 << 20];
    let line = 'x'.repeat((3 << 20) + 1000);
    for (const i of at) line = line.slice(0, i) + ` ${key} ` + line.slice(i + key.length + 2);
    const sha = r.commit('big', { 'min.js': `// header\n${line}\n` });
    const { chunks } = await scan(r);
    const big = chunks.filter((c) => c.path === 'min.js');
    expect(big.length).toBeGreaterThan(3);
    expect(Math.max(...big.map((c) => c.data.length))).toBeLessThanOrEqual(1 << 20);
    const columns = new Set<number>();
    for (const c of big) {
      const i = c.data.indexOf(key);
      if (i >= 0 && c.line === 2) columns.add(c.column + i);
    }
    expect([...columns].sort((a, b) => a - b)).toEqual(at.map((i) => i + 1));
    expect(found(big, key).every((h) => h.sha === sha && h.line === 2)).toBe(true);
  });

  it('scans a bare repository, and stops git when the consumer stops early', async () => {
    const src = repo();
    const key = keys.deepseek();
    for (let i = 0; i < 5; i++) src.commit(`c${i}`, { [`f${i}.txt`]: `${i}\n` });
    src.commit('key', { 'k.env': `K=${key}\n` });
    const bare = repo(undefined, false);
    src.git('clone', '-q', '--bare', src.dir, bare.dir);
    expect(found((await scan(bare)).chunks, key)).toHaveLength(1);
    for await (const _ of historySource(createContext(), { cwd: bare.dir, ...MODES[mode] })) break;
  });

  it('places a key added in a rename at the new name, whatever diff.renames says', async () => {
    const r = repo();
    r.git('config', 'diff.renames', 'copies');
    const body = Array.from({ length: 100 }, (_, i) => `line ${i} of a file long enough to stay similar`).join('\n');
    r.commit('old', { 'old.env': `${body}\n` });
    r.git('mv', 'old.env', 'new.env');
    const key = keys.openaiProject();
    const moved = r.commit('move and add', { 'new.env': `${body}\nK=${key}\n` });
    expect(r.git('show', '--stat', '-M', '--format=', moved)).toMatch(/=>/); // git sees a rename
    const { chunks } = await scan(r);
    expect(found(chunks, key)).toEqual([{ path: 'new.env', line: 101, sha: moved }]);
  });

  it('never yields what config ignore globs name, and finds the key where it is not ignored', async () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('fixture', { 'fixtures/a.env': `K=${key}\n` });
    const copy = r.commit('copy', { 'src/b.env': `K=${key}\n` });
    const ignored = (path: string) => path.startsWith('fixtures/');
    const { chunks } = await scan(r, { ignored });
    expect(found(chunks, key)).toEqual([{ path: 'src/b.env', line: 1, sha: copy }]);
  });

  it('through the real detector: each key at its commit, oldest first', async () => {
    const r = repo();
    const key = keys.openaiProject();
    const inMessage = keys.openaiLegacy();
    const c1 = r.commit('add', { 'app.env': `A=1\nOPENAI_API_KEY=${key}\n` });
    r.commit('copy', { 'copy.env': `OPENAI_API_KEY=${key}\n` });
    r.commit('remove', { 'app.env': 'A=1\n' });
    const c4 = r.commit(`rotate\n\nold key: ${inMessage}`);
    const detector = createDetector(loadRules());
    const findings = (await scan(r)).chunks.flatMap((c) => detector.detect(c));
    expect(findings.map((f) => [f.path, f.line, f.commit?.sha, f.secret === key])).toEqual([
      ['app.env', 2, c1, true],
      ['copy.env', 1, expect.any(String), true],
      [COMMIT_MESSAGE_PATH, 3, c4, false],
    ]);
    expect(findings[2]!.secret).toBe(inMessage);
  });
});

describe('historySource: both read strategies of a whole history', () => {
  it('give the same findings, one per key and path, on the same repository', async () => {
    const r = repo();
    const detector = createDetector(loadRules());
    const [a, b, c, d, e] = [keys.openaiProject(), keys.deepseek(), keys.openaiLegacy(), keys.openaiProject(), keys.deepseek()];
    r.commit('init', { 'README.md': 'hello\n', 'cfg/app.env': `X=1\nOPENAI_API_KEY=${a}\n` });
    r.commit('two files, one blob', { 'one.env': `K=${c}\n`, 'two.env': `K=${c}\n` });
    for (let i = 0; i < 10; i++) r.commit(`edit ${i}`, { 'cfg/app.env': `X=${i}\nOPENAI_API_KEY=${a}\n` });
    r.git('rm', '-q', 'one.env');
    r.commit('remove one', { 'later/again.env': `K=${c}\n` });
    r.git('mv', 'cfg/app.env', 'cfg/moved.env');
    r.commit(`move\n\nmessage key ${d}`);
    r.git('checkout', '-q', '-b', 'side');
    r.commit('side', { 'side.py': `# DeepSeek client\nclient = make(\n  api_key="${b}",\n)\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main', { 'main.txt': 'm\n' });
    r.git('merge', '-q', '--no-edit', 'side');
    r.commit('binary', { 'blob.bin': Buffer.concat([Buffer.from([0, 1, 0]), Buffer.from(`t=${e}`), Buffer.alloc(4)]) });
    r.git('tag', '-a', '-m', `note ${e}`, 'v1');
    const run = async (strategy: 'blobs' | 'patches', packWindows?: 'bounded') => {
      const ctx = createContext();
      const first = new Map<string, unknown[]>();
      const source = historySource(ctx, { cwd: r.dir, strategy, packWindows, mayHoldKey: (ch) => detector.detect(ch).length > 0 });
      for await (const chunk of source) {
        for (const f of detector.detect(chunk)) {
          const place = `${f.fingerprint}\0${f.path}`;
          if (!first.has(place)) first.set(place, [f.path, f.line, f.column, f.commit?.sha, f.ruleId, f.confidence, f.provider]);
        }
      }
      return [...first.values()].sort((x, y) => String(x).localeCompare(String(y)));
    };
    const blobs = await run('blobs');
    expect(blobs.length).toBe(9);
    expect(await run('patches')).toEqual(blobs);
    expect(await run('blobs', 'bounded')).toEqual(blobs);
  });
});

