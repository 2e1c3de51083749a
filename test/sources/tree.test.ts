import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDetector, loadRules } from '../../src/detect/index.js';
import { UserError } from '../../src/errors.js';
import { CHUNK_SIZE } from '../../src/sources/chunks.js';
import { createContext } from '../../src/sources/context.js';
import { treeSource, type TreeOptions } from '../../src/sources/tree.js';
import type { Chunk } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { tempDir, TempRepo } from '../support/repo.js';
import { collect, findMarker, reassemble, truth } from './chunk-helpers.js';

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) {
    // A test may leave a file unreadable; give it back so it can be removed.
    execFileSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function repo(): TempRepo {
  const r = new TempRepo();
  cleanup.push(r.dir);
  return r;
}

function plainDir(): string {
  const dir = tempDir('keysentry-tree-');
  cleanup.push(dir);
  return dir;
}

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

async function scan(paths: string[], cwd: string, options: TreeOptions = {}) {
  const ctx = createContext();
  const chunks = await collect(treeSource(paths, ctx, { cwd, ...options }));
  return { ctx, chunks, paths: [...new Set(chunks.map((c) => c.path))] };
}

function byPath(chunks: Chunk[]): Map<string, Chunk[]> {
  const out = new Map<string, Chunk[]>();
  for (const c of chunks) out.set(c.path, [...(out.get(c.path) ?? []), c]);
  return out;
}

const isRoot = process.getuid?.() === 0;

describe('treeSource in a git work tree', () => {
  it('skips what .gitignore ignores and .git, and scans it all with noIgnore', async () => {
    const r = repo();
    r.write('.gitignore', '.env\nbuild/\n');
    r.commit('init', { 'src/a.ts': 'tracked\n' });
    r.write('.env', 'KEY=local\n');
    r.write('build/out.js', 'built\n');
    r.write('build/more.js', 'built\n');
    r.write('notes.txt', 'untracked but not ignored\n');

    const listed = await scan(['.'], r.dir);
    expect(listed.paths).toEqual(['.gitignore', 'notes.txt', 'src/a.ts']);
    expect(listed.ctx.stats.files).toBe(3);
    expect(listed.ctx.warnings).toEqual([]);
    // Not silently: the ignored file and the ignored directory (once, however much it holds).
    expect(listed.ctx.stats.skipped).toEqual({ 'ignored by .gitignore': 2 });

    const all = await scan(['.'], r.dir, { noIgnore: true });
    expect(all.paths).toEqual(['.env', '.gitignore', 'build/more.js', 'build/out.js', 'notes.txt', 'src/a.ts']);
    expect(all.chunks.find((c) => c.path === '.env')!.data.toString()).toBe('KEY=local\n');
  });

  it('reports paths as the user gave them, like ripgrep', async () => {
    const r = repo();
    r.commit('init', { 'src/a.ts': 'a\n', 'src/deep/b.ts': 'b\n', 'top.txt': 't\n' });
    expect((await scan(['.'], r.dir)).paths).toEqual(['src/a.ts', 'src/deep/b.ts', 'top.txt']);
    expect((await scan(['src'], r.dir)).paths).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect((await scan(['./src/'], r.dir)).paths).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect((await scan(['deep'], join(r.dir, 'src'))).paths).toEqual(['deep/b.ts']);
    expect((await scan(['..'], join(r.dir, 'src'))).paths).toEqual(['../src/a.ts', '../src/deep/b.ts', '../top.txt']);
    expect((await scan([join(r.dir, 'src')], '/')).paths).toEqual([`${r.dir}/src/a.ts`, `${r.dir}/src/deep/b.ts`]);
    expect((await scan(['src/a.ts', 'top.txt'], r.dir)).paths).toEqual(['src/a.ts', 'top.txt']);
  });

  it('scans a file named on the command line even if git ignores it', async () => {
    const r = repo();
    r.write('.gitignore', '.env\n');
    r.write('.env', 'KEY=x\n');
    expect((await scan(['.env'], r.dir)).paths).toEqual(['.env']);
  });

  it('counts tracked files missing on disk, quietly', async () => {
    const r = repo();
    r.commit('init', { 'gone.txt': 'x\n', 'kept.txt': 'y\n' });
    rmSync(join(r.dir, 'gone.txt'));
    const { paths, ctx } = await scan(['.'], r.dir);
    expect(paths).toEqual(['kept.txt']);
    expect(ctx.stats.skipped).toEqual({ 'missing on disk': 1 });
    expect(ctx.warnings).toEqual([]);
  });

  it('lists the directory asked about, not the repository GIT_DIR from a hook names', async () => {
    const other = repo();
    other.commit('other', { 'other.txt': 'o\n' });
    const r = repo();
    r.commit('init', { 'mine.txt': 'm\n' });
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(other.dir, '.git');
    try {
      const { paths, ctx } = await scan(['.'], r.dir);
      expect(paths).toEqual(['mine.txt']);
      // Listed from the other repository's index, other.txt would count as missing on disk.
      expect(ctx.stats.skipped).toEqual({});
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('scans submodules and nested repositories with their own ignore rules', async () => {
    const inner = repo();
    inner.commit('inner', { 'lib.ts': 'lib\n', '.gitignore': 'secret.env\n' });
    const r = repo();
    r.commit('init', { 'main.ts': 'main\n' });
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.dir, 'sub');
    r.commit('add submodule');
    write(r.dir, { 'sub/secret.env': 'ignored by the submodule\n', 'sub/new.ts': 'untracked\n' });
    mkdirSync(join(r.dir, 'nested'));
    const nested = new TempRepo(join(r.dir, 'nested'));
    nested.commit('nested', { '.gitignore': '*.log\n', 'n.ts': 'n\n', 'x.log': 'ignored\n' });

    const { paths } = await scan(['.'], r.dir);
    expect(paths).toEqual([
      '.gitmodules',
      'main.ts',
      'nested/.gitignore',
      'nested/n.ts',
      'sub/.gitignore',
      'sub/lib.ts',
      'sub/new.ts',
    ]);
  });

  it('skips an uninitialised submodule by name: git lists its folder as `./`', async () => {
    const inner = repo();
    inner.commit('inner', { 'lib.ts': 'lib\n' });
    const r = repo();
    r.commit('init', { 'main.ts': 'main\n' });
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.dir, 'sub');
    r.commit('add submodule');
    const clone = plainDir();
    r.git('clone', '-q', r.dir, clone);

    for (const [path, files] of [['.', ['.gitmodules', 'main.ts']], ['sub', []]] as const) {
      const { ctx, paths } = await scan([path], clone);
      expect(paths).toEqual(files);
      expect(ctx.stats.skipped).toEqual({ 'uninitialised submodule': 1 });
      expect(ctx.warnings).toEqual([expect.stringContaining('skipped submodule "sub": not initialised')]);
    }
    // Files left in such a folder are on disk: they are read, with no repository to ignore them.
    write(clone, { 'sub/left.ts': 'left\n' });
    const { ctx, paths } = await scan(['.'], clone);
    expect(paths).toEqual(['.gitmodules', 'main.ts', 'sub/left.ts']);
    expect(ctx.warnings).toEqual([]);
  });

  it('skips a tracked symlink instead of following it out of the tree', async () => {
    const outside = plainDir();
    write(outside, { 'secret.txt': 'outside\n' });
    const r = repo();
    symlinkSync(join(outside, 'secret.txt'), join(r.dir, 'out-link'));
    symlinkSync(outside, join(r.dir, 'out-dir'));
    r.commit('init', { 'in.txt': 'inside\n' });
    symlinkSync('in.txt', join(r.dir, 'in-link'));
    const { paths, ctx } = await scan(['.'], r.dir);
    expect(paths).toEqual(['in.txt']);
    expect(ctx.stats.skipped).toEqual({ 'symlink outside root': 2, 'symlink inside root': 1 });
  });
});

describe('treeSource outside a git work tree', () => {
  it('walks the file system, skipping .git wherever it is', async () => {
    const dir = plainDir();
    write(dir, { 'a.txt': 'a\n', '.git/config': 'x\n', 'sub/.git/HEAD': 'y\n', 'sub/b.txt': 'b\n', '.env': 'e\n' });
    const { paths, ctx } = await scan(['.'], dir);
    expect(paths).toEqual(['.env', 'a.txt', 'sub/b.txt']);
    expect(ctx.warnings).toEqual([]);
  });

  it('honours each nested checkout’s .gitignore', async () => {
    const dir = plainDir();
    mkdirSync(join(dir, 'project'));
    const r = new TempRepo(join(dir, 'project'));
    r.commit('init', { '.gitignore': '.env\n', 'app.ts': 'app\n' });
    r.write('.env', 'local\n');
    write(dir, { 'loose.txt': 'l\n' });
    expect((await scan(['.'], dir)).paths).toEqual(['loose.txt', 'project/.gitignore', 'project/app.ts']);
    expect((await scan(['.'], dir, { noIgnore: true })).paths).toContain('project/.env');
  });

  it('falls back to walking, with one warning, when git is not on PATH', async () => {
    const r = repo();
    r.write('.gitignore', '.env\n');
    r.write('.env', 'x\n');
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const { paths, ctx } = await scan(['.', '.'], r.dir);
      expect(paths).toEqual(['.env', '.gitignore']);
      expect(ctx.warnings).toHaveLength(1);
      expect(ctx.warnings[0]).toMatch(/git is not on PATH/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('never follows a symlink, so loops end and nothing outside the root is read', async () => {
    const outside = plainDir();
    write(outside, { 'secret.txt': 'outside\n' });
    const dir = plainDir();
    write(dir, { 'a/file.txt': 'f\n' });
    symlinkSync('..', join(dir, 'a', 'up'));
    symlinkSync('self', join(dir, 'self'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'out'));
    symlinkSync('a/file.txt', join(dir, 'dup'));
    const { paths, ctx } = await scan(['.'], dir);
    expect(paths).toEqual(['a/file.txt']);
    expect(ctx.stats.skipped).toEqual({
      'symlink inside root': 2,
      'broken symlink': 1,
      'symlink outside root': 1,
    });
  });

  it('follows a symlink named on the command line', async () => {
    const real = plainDir();
    write(real, { 'x.txt': 'x\n' });
    const dir = plainDir();
    symlinkSync(real, join(dir, 'link'));
    expect((await scan(['link'], dir)).paths).toEqual(['link/x.txt']);
  });

  it('skips a FIFO without opening it', async () => {
    const dir = plainDir();
    write(dir, { 'a.txt': 'a\n' });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const { paths, ctx } = await scan(['.'], dir);
    expect(paths).toEqual(['a.txt']);
    expect(ctx.stats.skipped).toEqual({ 'special file': 1 });
    // Named on the command line, it is still not read, and the user is told.
    const named = await scan(['pipe'], dir);
    expect(named.chunks).toEqual([]);
    expect(named.ctx.warnings).toEqual(['skipped "pipe": not a regular file']);
  });

  it.skipIf(isRoot)('warns about an unreadable file and goes on', async () => {
    const dir = plainDir();
    write(dir, { 'a.txt': 'a\n', 'locked.txt': 'l\n' });
    chmodSync(join(dir, 'locked.txt'), 0);
    const { paths, ctx } = await scan(['.'], dir);
    expect(paths).toEqual(['a.txt']);
    expect(ctx.stats.skipped).toEqual({ unreadable: 1 });
    expect(ctx.warnings).toEqual(['cannot read "locked.txt": permission denied']);
  });

  // Root reads a mode-000 file anyway: a file that cannot be opened for another reason stands in.
  it('warns about a file that cannot be opened and goes on, as any user', async () => {
    const dir = plainDir();
    write(dir, { 'a.txt': 'a\n', 'z.txt': 'z\n' });
    const r = new TempRepo(dir);
    r.git('add', '-A');
    // The index says z.txt/inner is a file; on disk z.txt is a file, so opening it fails.
    r.git('rm', '-q', '--cached', 'z.txt');
    r.git('update-index', '--add', '--cacheinfo', `100644,${r.git('hash-object', '-w', 'a.txt').trim()},z.txt/inner`);
    const { paths, ctx } = await scan(['.'], dir);
    expect(paths).toEqual(['a.txt', 'z.txt']);
    expect(ctx.stats.skipped).toEqual({ unreadable: 1 });
    expect(ctx.warnings).toEqual(['cannot read "z.txt/inner": ENOTDIR']);
  });

  it('throws a UserError for a path that does not exist, before scanning anything', async () => {
    const dir = plainDir();
    write(dir, { 'a.txt': 'a\n' });
    const it = treeSource(['a.txt', 'missing'], createContext(), { cwd: dir });
    await expect(it.next()).rejects.toThrow(UserError);
    await expect(treeSource(['missing'], createContext(), { cwd: dir }).next()).rejects.toThrow(
      'cannot scan "missing": no such file or directory',
    );
  });
});

describe('treeSource file handling', () => {
  it('honours ignore globs on the reported path, counting what they skip', async () => {
    const r = repo();
    r.commit('init', { 'a.ts': 'a\n', 'debug.log': 'l\n', 'vendor/x/y.js': 'v\n', 'src/.cache/c': 'c\n' });
    const { paths, ctx } = await scan(['.'], r.dir, { ignore: ['**/*.log', 'vendor/**', '**/.cache/**'] });
    expect(paths).toEqual(['a.ts']);
    expect(ctx.stats.skipped).toEqual({ 'ignored by config': 3 });
    expect((await scan(['src'], r.dir, { ignore: ['src/.cache/*'] })).paths).toEqual([]);
  });

  it('scans files with odd names, tracked, untracked and walked', async () => {
    const names = ['with space.txt', `quote"d'.txt`, 'new\nline.txt', 'ünïcødé-日本.txt', '-leading.txt', 'tab\there'];
    const r = repo();
    const tracked = Object.fromEntries(names.map((n) => [`t/${n}`, `in ${n}\n`]));
    r.commit('init', tracked);
    write(r.dir, Object.fromEntries(names.map((n) => [`u/${n}`, `in ${n}\n`])));
    const expected = ['t', 'u'].flatMap((d) => names.map((n) => `${d}/${n}`)).sort();
    for (const options of [{}, { noIgnore: true }]) {
      const { chunks, paths, ctx } = await scan(['.'], r.dir, options);
      expect(paths.sort()).toEqual(expected);
      for (const c of chunks) expect(c.data.toString()).toBe(`in ${c.path.slice(2)}\n`);
      expect(ctx.stats.skipped).toEqual({});
    }
  });

  it('scans files and folders whose names are not UTF-8, naming them with \\xNN escapes', async () => {
    // Latin-1 names, as an old archive or a Windows tool leaves them.
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    const r = repo();
    r.commit('init', { 'a.txt': 'a\n' });
    const files: [Buffer, string][] = [
      [bytes('caf\xe9.env'), 'caf\\xE9.env'],
      [bytes('d\xefr/k\xe9y.txt'), 'd\\xEFr/k\\xE9y.txt'],
      [bytes('ok-\xff\xfe-\u00e9'), 'ok-\\xFF\\xFE-\\xE9'],
    ];
    const untracked = [bytes('new-\xe9.txt'), 'new-\\xE9.txt'] as const;
    const create = (name: Buffer) => {
      const at = (rel: Buffer) => Buffer.concat([Buffer.from(`${r.dir}/`), rel]);
      const slash = name.lastIndexOf(0x2f);
      if (slash !== -1) mkdirSync(at(name.subarray(0, slash)), { recursive: true });
      writeFileSync(at(name), 'content\n');
    };
    for (const [name] of files) create(name);
    r.commit('odd names');
    create(untracked[0]);
    const shown = [...files.map(([, s]) => s), untracked[1]];
    for (const [paths, options] of [[['.'], {}], [['.'], { noIgnore: true }]] as const) {
      const scanned = await scan([...paths], r.dir, options);
      expect(scanned.paths.sort()).toEqual(['a.txt', ...shown].sort());
      expect(scanned.ctx.stats.skipped).toEqual({});
      expect(scanned.ctx.warnings).toEqual([]);
    }
    // Outside a work tree, walked.
    rmSync(join(r.dir, '.git'), { recursive: true });
    expect((await scan(['.'], r.dir)).paths.sort()).toEqual(['a.txt', ...shown].sort());
  });

  it('scans a file with NUL bytes as binary, with byte offsets', async () => {
    const dir = plainDir();
    const bytes = Buffer.concat([Buffer.from([0x7f, 0x45, 0, 0, 1, 2]), Buffer.from('MARKER-IN-BINARY'), Buffer.alloc(100)]);
    write(dir, { 'blob.bin': bytes });
    const { chunks } = await scan(['.'], dir);
    expect(chunks.map((c) => c.binary)).toEqual([true]);
    expect(findMarker(chunks, 'MARKER-IN-BINARY').map((h) => h.offset)).toEqual([6]);
  });

  it('decodes UTF-16 files, with and without a BOM', async () => {
    const text = 'config:\n  key: "MARKER-16"\n';
    const le = Buffer.from(text, 'utf16le');
    const dir = plainDir();
    write(dir, {
      'le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
      'le.txt': le,
    });
    const { chunks: all } = await scan(['.'], dir);
    // Each file comes as its bytes too (binary chunks), for ASCII a decoding would hide.
    expect(all.filter((c) => !c.decodedFrom).map((c) => [c.path, c.binary])).toEqual([
      ['be-bom.txt', true],
      ['le-bom.txt', true],
      ['le.txt', true],
    ]);
    const chunks = all.filter((c) => c.decodedFrom);
    const decoded = Object.fromEntries(chunks.map((c) => [c.path, c.decodedFrom]));
    expect(decoded).toEqual({ 'be-bom.txt': 'utf16be', 'le-bom.txt': 'utf16le', 'le.txt': 'utf16le' });
    for (const [path, cs] of byPath(chunks)) expect(findMarker(cs, 'MARKER-16')).toEqual(truth(text, 'MARKER-16', path));
  });

  it('streams a large file with a marker on a cut inside a very long line', async () => {
    const marker = 'MARKER-ON-THE-CUT';
    const head = 'line one\nline two ünïcødé\n';
    // Key bytes only, so the first cut in the long line falls exactly CHUNK_SIZE after it starts.
    const longLine = `${'A'.repeat(CHUNK_SIZE - 7)}${marker}${'b'.repeat(2 * CHUNK_SIZE)}`;
    const text = `${head}${longLine}\nafter ${marker}\n${'short line\n'.repeat(40000)}`;
    const dir = plainDir();
    write(dir, { 'big.txt': text });

    const { chunks, ctx } = await scan(['big.txt'], dir);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...chunks.map((c) => c.data.length))).toBeLessThanOrEqual(CHUNK_SIZE);
    expect(reassemble(chunks).equals(readFileSync(join(dir, 'big.txt')))).toBe(true);
    const cut = Buffer.byteLength(head) + CHUNK_SIZE;
    expect(chunks.some((c) => c.offset + c.data.length === cut)).toBe(true);
    expect(findMarker(chunks, marker)).toEqual(truth(text, marker, 'big.txt'));
    expect(ctx.stats).toMatchObject({ files: 1, bytes: Buffer.byteLength(text) });
  });

  it('counts lines of CRLF and lone-CR files', async () => {
    const dir = plainDir();
    write(dir, { 'crlf.txt': 'a\r\nb\r\nkey MARKER\r\n', 'mac.txt': 'a\rb\rkey MARKER\r' });
    const { chunks } = await scan(['.'], dir);
    expect(findMarker(chunks, 'MARKER')).toEqual([
      { path: 'crlf.txt', line: 3, column: 4, offset: 10 },
      { path: 'mac.txt', line: 3, column: 4, offset: 8 },
    ]);
  });

  it('counts an empty file and yields nothing for it', async () => {
    const dir = plainDir();
    write(dir, { 'empty.txt': '', 'one.txt': '1\n' });
    const { chunks, ctx } = await scan(['.'], dir);
    expect(chunks.map((c) => c.path)).toEqual(['one.txt']);
    expect(ctx.stats).toMatchObject({ files: 2, bytes: 2, skipped: {} });
  });

  it('yields files in the same sorted order every time, however many are read at once', async () => {
    const dir = plainDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`d${i % 4}/f${String(i).padStart(2, '0')}.txt`] = `${'x'.repeat(i * 997)}\n`;
    write(dir, files);
    const first = (await scan(['.'], dir)).paths;
    expect(first).toEqual(Object.keys(files).sort());
    expect((await scan(['.'], dir)).paths).toEqual(first);
  });

  it('closes what it opened when the consumer stops early', async () => {
    const dir = plainDir();
    const files: Record<string, string> = {};
    // Larger than a chunk, so each file read ahead holds an open handle.
    for (let i = 0; i < 12; i++) files[`f${i}.txt`] = 'y'.repeat(CHUNK_SIZE + 1);
    write(dir, files);
    const before = readdirSync('/proc/self/fd').length;
    let seen = 0;
    for await (const _ of treeSource(['.'], createContext(), { cwd: dir })) {
      expect(readdirSync('/proc/self/fd').length).toBeGreaterThan(before);
      if (++seen === 1) break;
    }
    expect(readdirSync('/proc/self/fd').length).toBe(before);
  });
});

describe('treeSource with the real detector', () => {
  it('gets every key found at its place in the file, and none in ignored files', async () => {
    const gen = new KeyGen(7);
    const [plain, wide, near, far, binary, ignored] = [
      gen.openaiProject(),
      gen.deepseek(),
      gen.openaiLegacy(),
      gen.openaiLegacy(),
      gen.openaiLegacy(),
      gen.deepseek(),
    ];
    const r = repo();
    r.write('.gitignore', '.env\n');
    r.write('.env', `DEEPSEEK_API_KEY=${ignored}\n`);
    // One line of two chunks and more: `near` in the first chunk and the overlap, `far` only
    // in a chunk that starts inside the line.
    const nearColumn = CHUNK_SIZE - 98;
    const farColumn = nearColumn + 51 + 2 + CHUNK_SIZE + 1;
    const longLine = `${'Q'.repeat(CHUNK_SIZE - 100)} "${near}" ${'z'.repeat(CHUNK_SIZE)} ${far}`;
    r.commit('init', {
      'src/config.ts': `// ünïcødé\nexport const key = "${plain}";\n`,
      'win/settings.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x\r\ntoken=${wide}\r\n`, 'utf16le')]),
      'min.js': `one\n${longLine}\n`,
      'app.bin': Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(binary), Buffer.from([0])]),
    });
    const detector = createDetector(loadRules());
    const findings = new Map<string, { path: string; line: number; column: number; offset: number; secret: string }>();
    for await (const chunk of treeSource(['.'], createContext(), { cwd: r.dir })) {
      for (const f of detector.detect(chunk)) {
        findings.set(`${f.path}\0${f.offset}\0${f.fingerprint}`, { path: f.path, line: f.line, column: f.column, offset: f.offset, secret: f.secret });
      }
    }
    expect([...findings.values()].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'app.bin', line: 1, column: 5, offset: 4, secret: binary },
      { path: 'min.js', line: 2, column: nearColumn + 1, offset: 4 + nearColumn, secret: near },
      { path: 'min.js', line: 2, column: farColumn + 1, offset: 4 + farColumn, secret: far },
      { path: 'src/config.ts', line: 2, column: 21, offset: Buffer.byteLength('// ünïcødé\nexport const key = "'), secret: plain },
      { path: 'win/settings.txt', line: 2, column: 7, offset: 9, secret: wide },
    ]);
  });
});
