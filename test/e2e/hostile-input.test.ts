// Odd repositories and odd files, through the real CLI: a clear one-line message where something
// is wrong, exit 2 only for real errors, never a stack trace, never a silent pass over content
// keysentry could have read.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, rmSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { createContext } from '../../src/sources/context.js';
import { treeSource } from '../../src/sources/tree.js';
import { BIN, runCli, startCli, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, gitEnv, tempDir } from '../support/repo.js';

const keys = new KeyGen(8080);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(): TempRepo {
  const r = new TempRepo();
  dirs.push(r.dir);
  return r;
}
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

interface JsonReport {
  findings: { path: string; line: number; column: number; offset: number; fingerprint: string; binary?: boolean; commit?: string }[];
  stats: { files: number; bytes: number; commits?: number; skipped: Record<string, number> };
  warnings: string[];
}
const parse = (r: CliResult) => JSON.parse(r.stdout) as JsonReport;

function expectCleanError(r: CliResult, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

/** Content the scan could have read and did not, without a word: what must never happen. */
function expectNotSilent(r: CliResult): void {
  // The console report carries its warnings on stdout; other formats put them on stderr.
  const passedQuietly = r.code === 0 && !/warning/.test(r.stderr + r.stdout);
  expect(passedQuietly, `exit ${r.code}, stderr: ${r.stderr}`).toBe(false);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('repository states', () => {
  it('no commits yet: history passes with a warning, staged checks the index', () => {
    const r = repo();
    const history = runCli(['history', '--format', 'json'], { cwd: r.dir });
    expect(history.code).toBe(0);
    expect(parse(history).warnings).toEqual(['the repository has no commits: nothing to scan']);
    const key = keys.openaiProject();
    r.write('a.env', `OPENAI_API_KEY=${key}\n`).git('add', 'a.env');
    const staged = runCli(['staged', '--format', 'json'], { cwd: r.dir });
    expect(staged.code).toBe(1);
    expect(parse(staged).findings.map((f) => f.fingerprint)).toEqual([fingerprint(key)]);
  });

  it('detached HEAD: scan, staged and history all work', () => {
    const r = repo();
    const old = keys.openaiProject();
    r.commit('one', { 'old.env': `K=${old}\n` });
    r.commit('two', { 'b.txt': 'b\n' });
    r.git('checkout', '-q', '--detach', 'HEAD~1');
    const fresh = keys.deepseek();
    r.write('new.env', `DEEPSEEK_API_KEY=${fresh}\n`).git('add', 'new.env');
    expect(parse(runCli(['history', '--format', 'json'], { cwd: r.dir })).findings.map((f) => f.path)).toEqual(['old.env']);
    expect(parse(runCli(['staged', '--format', 'json'], { cwd: r.dir })).findings.map((f) => f.path)).toEqual(['new.env']);
    expect(parse(runCli(['scan', '--format', 'json'], { cwd: r.dir })).findings.map((f) => f.path).sort()).toEqual(['new.env', 'old.env']);
  });

  it('shallow clone: history scans what is there and warns that it is cut', () => {
    const src = repo();
    src.commit('one', { 'gone.env': `K=${keys.openaiProject()}\n` });
    const kept = keys.openaiProject();
    src.commit('two', { 'kept.env': `K=${kept}\n` });
    const clone = join(dir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${src.dir}`, clone], { env: gitEnv });
    const r = runCli(['history', '--format', 'json'], { cwd: clone });
    expect(r.code).toBe(1);
    // The boundary commit holds its whole tree, so both keys are there, at that commit.
    expect(parse(r).findings.map((f) => f.path).sort()).toEqual(['gone.env', 'kept.env']);
    expect(r.stderr).toMatch(/^keysentry: warning: shallow clone: history is cut at 1 boundary commit/m);
  });

  it.each([
    ['missing', (file: string) => unlinkSync(file)],
    [
      'corrupt',
      (file: string) => {
        chmodSync(file, 0o644); // git writes objects read-only
        writeFileSync(file, 'garbage');
      },
    ],
  ])('a %s object: history fails or warns, never passes in silence', (_, damage) => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('one', { 'a.env': `OPENAI_API_KEY=${key}\n`, 'b.txt': 'b\n' });
    r.commit('two', { 'c.txt': 'c\n' });
    const blob = r.git('rev-parse', 'HEAD:a.env').trim();
    damage(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const history = runCli(['history'], { cwd: r.dir });
    expectNotSilent(history);
    if (history.code === 2) expect(history.stderr.split('\n')).toHaveLength(2);
  });

  it('a missing tree: one line naming it, exit 2', () => {
    const r = repo();
    r.commit('one', { 'd/a.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });
    const tree = r.git('rev-parse', 'HEAD:d').trim();
    unlinkSync(join(r.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    expectCleanError(runCli(['history'], { cwd: r.dir }), new RegExp(`^keysentry: .*${tree}`));
  });

  it('submodules: a superproject with one is scanned by staged, history and scan without error', () => {
    const inner = repo();
    const innerKey = keys.openaiProject();
    inner.commit('inner', { 'lib.env': `K=${innerKey}\n` });
    const r = repo();
    const outerKey = keys.openaiLegacy();
    r.commit('base', { 'main.env': `K=${outerKey}\n` });
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.dir, 'sub');
    const staged = runCli(['staged', '--format', 'json'], { cwd: r.dir });
    expect(staged.stderr).toBe('');
    expect(staged.code).toBe(0); // a gitlink and .gitmodules: nothing added that holds a key
    r.commit('add submodule');
    const history = runCli(['history', '--format', 'json'], { cwd: r.dir });
    expect(history.stderr).toBe('');
    expect(parse(history).findings.map((f) => f.path)).toEqual(['main.env']);
    // The checked-out submodule is part of the tree on disk.
    const scan = runCli(['scan', '--format', 'json'], { cwd: r.dir });
    expect(parse(scan).findings.map((f) => f.path).sort()).toEqual(['main.env', 'sub/lib.env']);
  });

  it('git LFS pointer files are scanned as the text they are, their sha256 is not a key', () => {
    const r = repo();
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${keys.chars('hex', 64)}\nsize 132735\n`;
    r.commit('lfs', { '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n', 'model.bin': pointer });
    const key = keys.openaiProject();
    r.write('other.bin', pointer).write('app.env', `OPENAI_API_KEY=${key}\n`).git('add', '-A');
    for (const command of ['scan', 'staged', 'history']) {
      const out = runCli([command, '--format', 'json'], { cwd: r.dir });
      expect(out.stderr, command).toBe('');
      expect(parse(out).findings.map((f) => f.path), command).toEqual(command === 'history' ? [] : ['app.env']);
    }
  });

  it('git not on PATH: staged and history say so in one line; scan goes on without .gitignore, with a warning', () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('one', { 'a.env': `K=${key}\n` });
    const bin = dir();
    symlinkSync(process.execPath, join(bin, 'node'));
    const env = { PATH: bin };
    for (const command of ['staged', 'history']) {
      expectCleanError(runCli([command], { cwd: r.dir, env }), /^keysentry: git is not installed or not on PATH\n$/);
    }
    const scan = runCli(['scan', '--format', 'json'], { cwd: r.dir, env });
    expect(scan.code).toBe(1);
    expect(parse(scan).findings.map((f) => f.path)).toEqual(['a.env']);
    expect(scan.stderr).toMatch(/warning: git is not on PATH: scanning without \.gitignore rules/);
  });
});

describe('files', () => {
  it('a 1 GB sparse file is streamed in bounded memory, and a key in its middle is found at its byte offset', async () => {
    const d = dir();
    const file = join(d, 'disk.img');
    const key = keys.openaiProject();
    const at = 512 * 1024 * 1024 + 3;
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, `KEY=${key}\n`, at);
      writeSync(fd, '\n', 1024 ** 3 - 1); // a hole from 0 and after the key: no data blocks written
    } finally {
      closeSync(fd);
    }
    // The CLI reports its own peak memory on exit.
    const probe = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\\n`))';
    const out = await startCli(['scan', 'disk.img', '--format', 'json'], { cwd: d, nodeArgs: ['--import', probe] }).done;
    try {
      expect(out.code).toBe(1);
      const report = JSON.parse(out.stdout) as JsonReport;
      expect(report.stats).toMatchObject({ files: 1, bytes: 1024 ** 3 });
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({ binary: true, offset: at + 4, fingerprint: fingerprint(key) });
      const kib = Number(/maxRSS=(\d+)/.exec(out.stderr)?.[1]);
      expect(kib).toBeGreaterThan(0);
      // The bound the project promises for any input (README, Performance).
      expect(kib, 'peak memory, KiB').toBeLessThan(200 * 1024);
    } finally {
      unlinkSync(file);
    }
  }, 120_000);

  it('a 50 MB single line: the key in its middle is found at the right column', () => {
    const d = dir();
    const key = keys.openaiProject();
    const before = `var a="${'x'.repeat(25 * 1024 * 1024)}";var k="`;
    writeFileSyncLarge(join(d, 'bundle.min.js'), [before, key, `";${'y'.repeat(25 * 1024 * 1024)}\n`]);
    const out = runCli(['scan', 'bundle.min.js', '--format', 'json'], { cwd: d });
    expect(out.code).toBe(1);
    expect(parse(out).findings).toEqual([expect.objectContaining({ line: 1, column: before.length + 1, offset: before.length })]);
  });

  it('devices and FIFOs named on the command line are skipped with a warning, never read', () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'pipe')]);
    const out = runCli(['scan', '/dev/zero', '/dev/null', 'pipe', '--format', 'json'], { cwd: d });
    expect(out.code).toBe(0);
    expect(parse(out).stats.skipped).toEqual({ 'special file': 3 });
    expect(parse(out).warnings.sort()).toEqual([
      'skipped "/dev/null": not a regular file',
      'skipped "/dev/zero": not a regular file',
      'skipped "pipe": not a regular file',
    ]);
  });

  it.skipIf(!canMknod())('a device node inside a scanned directory is skipped, not read', () => {
    const d = dir();
    execFileSync('mknod', [join(d, 'zero'), 'c', '1', '5']);
    const key = keys.openaiProject();
    writeFileSync(join(d, 'a.env'), `K=${key}\n`);
    const out = runCli(['scan', '.', '--format', 'json'], { cwd: d });
    expect(out.code).toBe(1);
    expect(parse(out).stats.skipped).toEqual({ 'special file': 1 });
    expect(parse(out).findings.map((f) => f.path)).toEqual(['a.env']);
  });

  it('an unreadable file is warned about, counted, and the scan goes on (as an unprivileged user)', () => {
    const d = dir();
    chmodSync(d, 0o755);
    const key = keys.openaiProject();
    writeFileSyncLarge(join(d, 'a.env'), [`K=${key}\n`]);
    writeFileSyncLarge(join(d, 'locked.env'), [`K=${keys.openaiProject()}\n`]);
    chmodSync(join(d, 'locked.env'), 0);
    // Root reads a mode-000 file anyway, so run the CLI as nobody when the suite runs as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json'], {
      cwd: d,
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      encoding: 'utf8',
      ...asUser,
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => f.path)).toEqual(['a.env']);
    expect(report.stats.skipped).toEqual({ unreadable: 1 });
    expect(report.warnings).toEqual(['cannot read "locked.env": permission denied']);
    expect(r.stderr).toBe('keysentry: warning: cannot read "locked.env": permission denied\n');
  });

  it('a file deleted while the scan runs is skipped and counted; the scan goes on', async () => {
    const d = dir();
    const names = Array.from({ length: 40 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
    for (const n of names) writeFileSyncLarge(join(d, n), [`${n}\n`]);
    const ctx = createContext();
    const seen: string[] = [];
    for await (const chunk of treeSource(['.'], ctx, { cwd: d })) {
      seen.push(chunk.path);
      if (seen.length === 1) unlinkSync(join(d, 'f39.txt'));
    }
    expect(seen).toEqual(names.slice(0, 39));
    expect(ctx.stats.files).toBe(39);
    expect(Object.values(ctx.stats.skipped).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('names that look like options or shell code are names', () => {
  const hostile = ['-rf', '--output=x', '$(touch pwned)', '`touch pwned`;x', "a'b\"c", 'new\nline', 'sp ace', 'ünï'];

  function hostileRepo(): { r: TempRepo; keyOf: Map<string, string> } {
    const r = repo();
    const keyOf = new Map(hostile.map((n) => [n, keys.openaiProject()]));
    for (const [name, key] of keyOf) r.write(name, `K=${key}\n`);
    return { r, keyOf };
  }

  it('scan, staged and history report every one of them, and run nothing', () => {
    const { r, keyOf } = hostileRepo();
    r.git('add', '-A');
    const paths = (out: CliResult) => parse(out).findings.map((f) => f.path).sort();
    const all = [...keyOf.keys()].sort();
    expect(paths(runCli(['scan', '--format', 'json'], { cwd: r.dir }))).toEqual(all);
    expect(paths(runCli(['staged', '--format', 'json'], { cwd: r.dir }))).toEqual(all);
    r.commit('odd names');
    expect(paths(runCli(['history', '--format', 'json'], { cwd: r.dir }))).toEqual(all);
    expect(spawnSync('ls', [r.dir], { encoding: 'utf8' }).stdout).not.toMatch(/^(pwned|x)$/m);
  });

  it('after --, scan and staged take -rf and --output=x as the files to check', () => {
    const { r } = hostileRepo();
    r.git('add', '-A');
    const only = ['--output=x', '-rf'];
    const scan = runCli(['scan', '--format', 'json', '--', '-rf', '--output=x'], { cwd: r.dir });
    expect(parse(scan).findings.map((f) => f.path).sort()).toEqual(only);
    const staged = runCli(['staged', '--format', 'json', '--', '-rf', '--output=x'], { cwd: r.dir });
    expect(staged.code).toBe(1);
    expect(parse(staged).findings.map((f) => f.path).sort()).toEqual(only);
    expect(spawnSync('ls', [r.dir], { encoding: 'utf8' }).stdout).not.toMatch(/^x$/m);
  });

  it('history refuses paths after -- rather than ignoring them', () => {
    const r = repo();
    r.commit('one', { 'a.txt': 'a\n' });
    expectCleanError(runCli(['history', '--', '-rf'], { cwd: r.dir }), /^keysentry: history takes no paths \(got "-rf"\)/);
  });
});

function canMknod(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const d = tempDir();
  try {
    return spawnSync('mknod', [join(d, 'probe'), 'c', '1', '5']).status === 0;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}

/** Writes pieces one after another, so a 50 MB file is never one 50 MB string more than once. */
function writeFileSyncLarge(file: string, pieces: string[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const p of pieces) writeSync(fd, p);
  } finally {
    closeSync(fd);
  }
}
