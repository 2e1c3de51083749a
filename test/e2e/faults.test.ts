// Interrupted scans and reports that cannot be written: a clear exit code, and never a report file
// that could pass for a complete one.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, gitEnv, tempDir } from '../support/repo.js';
import { fakeProvider, hang } from '../verify/fake-provider.js';

const keys = new KeyGen(555);
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));

/**
 * A history that takes seconds to scan and a second to make: 60 commits of 1 MB files, each
 * distinct (a history scan reads every blob once, however often it is committed) and dense with
 * near-miss candidates (31-hex "sk-" tokens), which cost the detector the most per byte.
 */
function longHistory(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  const rows = Array.from({ length: 16_000 }, (_, j) => `sk-${(Math.imul(j, 2654435761) >>> 0).toString(16).padStart(8, '0')}0123456789abcdef0123456 x\n`).join('');
  let stream = '';
  for (let i = 1; i <= 60; i++) {
    const data = `blob ${i}\n${rows}`;
    const msg = `commit ${i}`;
    stream += `commit refs/heads/main\ncommitter A <a@example.com> ${1_700_000_000 + i} +0000\ndata ${msg.length}\n${msg}\n`;
    stream += `M 100644 inline f${i}.txt\ndata ${Buffer.byteLength(data)}\n${data}\n`;
  }
  const key = `OPENAI_API_KEY=${keys.openaiProject()}\n`;
  stream += `commit refs/heads/main\ncommitter A <a@example.com> 1700000100 +0000\ndata 3\nkey\nM 100644 inline k.env\ndata ${key.length}\n${key}\n`;
  execFileSync('git', ['-c', 'core.compression=0', 'fast-import', '--quiet'], { cwd: r.dir, input: stream, env: gitEnv });
  return r;
}

/** The pids of pid's children, from /proc: how a test knows the scan's `git log` is running. */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) out.push(...text.split(/\s+/).map(Number));
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

async function until(what: string, test: () => boolean, child: ChildProcess, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the CLI ended before ${what}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.skipIf(process.platform !== 'linux')('a signal during a long history scan', () => {
  let r: TempRepo;
  beforeAll(() => {
    r = longHistory();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, a one-line notice, and no report file (not even a temp file)', async (signal, code) => {
    const out = join(tempDir(), 'report');
    mkdirSync(out);
    const running = startCli(['history', '--format', 'sarif', '--output', join(out, 'history.sarif'), '--sarif', join(out, 'also.sarif')], {
      cwd: r.dir,
    });
    const pid = running.child.pid!;
    // Signal while git is feeding the scan (not while it finds the repository root): the scan is
    // under way and nowhere near done.
    const feeding = (c: number) => / (?:cat-file|log) /.test(cmdline(c));
    await until('git to start', () => children(pid).some(feeding), running.child);
    running.child.kill(signal);
    const result = await running.done;
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`\nkeysentry: interrupted by ${signal}; no report written\n`);
    expect(result.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  it('the same scan, left alone, writes its report', async () => {
    const out = join(tempDir(), 'history.json');
    const result = await startCli(['history', '--format', 'json', '--output', out], { cwd: r.dir }).done;
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).stats.commits).toBe(61);
  });
});

describe('a signal while keys are being verified', () => {
  it('SIGTERM: exit 143, no report', async () => {
    const provider = await fakeProvider();
    try {
      const r = new TempRepo();
      repos.push(r);
      const key = keys.openaiProject();
      provider.on(key, hang);
      r.write('a.env', `OPENAI_API_KEY=${key}\n`);
      const out = join(r.dir, 'report.json');
      const running = startCli(['scan', '--verify', '--format', 'json', '-o', out], {
        cwd: r.dir,
        env: { KEYSENTRY_OPENAI_BASE_URL: provider.url },
      });
      await until('the key reached the provider', () => provider.seen.length > 0, running.child);
      running.child.kill('SIGTERM');
      const result = await running.done;
      expect(result.code).toBe(143);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(r.dir).filter((f) => f.includes('report'))).toEqual([]);
    } finally {
      await provider.close();
    }
  });
});

describe('--output that cannot be written: one line, exit 2, before the scan', () => {
  function setup() {
    const r = new TempRepo();
    repos.push(r);
    r.write('a.env', `OPENAI_API_KEY=${keys.openaiLegacy()}\n`);
    return r;
  }
  function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, message: RegExp) {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }

  it.each([
    ['--output', 'a missing directory', 'no/such/dir/report.json', /^keysentry: cannot write no\/such\/dir\/report\.json: its directory does not exist\n$/],
    ['--output', 'a path through a file', 'a.env/report.json', /^keysentry: cannot write a\.env\/report\.json: a\.env is not a directory\n$/],
    ['--output', 'a directory', 'sub', /^keysentry: cannot write sub: it is a directory\n$/],
    ['--sarif', 'a missing directory', 'nope/k.sarif', /^keysentry: cannot write nope\/k\.sarif: its directory does not exist\n$/],
    ['--write-baseline', 'a missing directory', 'nope/b.json', /^keysentry: cannot write nope\/b\.json: its directory does not exist\n$/],
  ])('%s into %s', (flag, _, file, message) => {
    const r = setup();
    mkdirSync(join(r.dir, 'sub'));
    expectOneLine(runCli(['scan', 'a.env', flag, file], { cwd: r.dir }), message);
  });

  it('a read-only file is left as it was, even for root', () => {
    const r = setup();
    const file = join(r.dir, 'report.json');
    writeFileSync(file, 'kept\n');
    chmodSync(file, 0o444);
    expectOneLine(runCli(['scan', 'a.env', '-o', 'report.json'], { cwd: r.dir }), /^keysentry: cannot write report\.json: it is read-only\n$/);
    expect(readFileSync(file, 'utf8')).toBe('kept\n');
    expect(readdirSync(r.dir).sort()).toEqual(['.git', 'a.env', 'report.json']);
  });

  it('fails before scanning: a history scan does not run for nothing', () => {
    const r = setup();
    r.commit('one');
    const result = runCli(['history', '--format', 'json', '-o', 'missing/report.json'], { cwd: r.dir });
    expectOneLine(result, /its directory does not exist/);
  });
});

describe('--output that can be written', () => {
  function setup() {
    const r = new TempRepo();
    repos.push(r);
    r.write('a.env', `OPENAI_API_KEY=${keys.openaiLegacy()}\n`);
    return r;
  }

  it('replaces an existing report, keeping its mode, and leaves no temp file behind', () => {
    const r = setup();
    writeFileSync(join(r.dir, 'report.json'), 'old\n', { mode: 0o640 });
    chmodSync(join(r.dir, 'report.json'), 0o640);
    expect(runCli(['scan', 'a.env', '--format', 'json', '-o', 'report.json'], { cwd: r.dir }).code).toBe(1);
    expect(JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')).findings).toHaveLength(1);
    expect(statSync(join(r.dir, 'report.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(r.dir).sort()).toEqual(['.git', 'a.env', 'report.json']);
  });

  it('writes through a symlink, which stays a symlink', () => {
    const r = setup();
    mkdirSync(join(r.dir, 'reports'));
    writeFileSync(join(r.dir, 'reports', 'real.json'), '');
    symlinkSync('reports/real.json', join(r.dir, 'latest.json'));
    expect(runCli(['scan', 'a.env', '--format', 'json', '-o', 'latest.json'], { cwd: r.dir }).code).toBe(1);
    expect(lstatSync(join(r.dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(r.dir, 'latest.json'))).toBe('reports/real.json');
    expect(JSON.parse(readFileSync(join(r.dir, 'reports', 'real.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('a report holding full keys (--show-secrets) is created readable by its owner only', () => {
    const r = setup();
    expect(runCli(['scan', 'a.env', '--format', 'json', '--show-secrets', '-o', 'secret.json'], { cwd: r.dir }).code).toBe(1);
    expect(statSync(join(r.dir, 'secret.json')).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('writes into a FIFO (as into /dev/stdout) instead of replacing it', async () => {
    const r = setup();
    const fifo = join(r.dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // cat opens the FIFO for reading and prints what the CLI writes into it.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (read += d));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const result = await startCli(['scan', 'a.env', '--format', 'json', '-o', fifo], { cwd: r.dir }).done;
    if (!lstatSync(fifo).isFIFO()) reader.kill(); // the regression: a regular file in its place
    await closed;
    expect(result.code).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(read).findings).toHaveLength(1);
  });
});
