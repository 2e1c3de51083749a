// `keysentry scan` on the trees users have: fresh clones with submodules, files in mixed
// encodings, names that are not UTF-8, very long lines. Through the real CLI on real repositories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { runCliAsync, startCli, type CliOptions, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { gitEnv, tempDir, TempRepo } from '../support/repo.js';

const keys = new KeyGen(1313);

interface JsonReport {
  findings: { path: string; line: number; column: number; offset: number; fingerprint: string; redacted: string }[];
  stats: { files: number; skipped: Record<string, number> };
  warnings: string[];
}

/** The CLI, killed if it has not ended after a minute: a hang fails the test instead of the run. */
async function scan(args: string[], options: CliOptions): Promise<CliResult & { report: JsonReport }> {
  const cli = startCli(['scan', ...args, '--format', 'json'], options);
  const guard = setTimeout(() => cli.child.kill('SIGKILL'), 60_000);
  const r = await cli.done.finally(() => clearTimeout(guard));
  expect(r.signal, `killed: ${r.stderr}`).toBeNull();
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
}

/** A repository with a submodule at `name`, cloned as `git clone` and actions/checkout leave it. */
function cloneWithSubmodule(name: string, subFiles: Record<string, string>): string {
  const sub = new TempRepo();
  sub.commit('sub', subFiles);
  const top = new TempRepo();
  top.commit('top', { 'app.ts': 'app\n' });
  top.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, name);
  top.commit('add submodule');
  const clone = join(tempDir(), 'clone');
  execFileSync('git', ['clone', '-q', top.dir, clone], { env: gitEnv });
  return clone;
}

describe('scan and submodules', () => {
  it('reports an uninitialised submodule as skipped, by name, instead of listing it forever', async () => {
    const clone = cloneWithSubmodule('sm', { 'x.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });

    for (const path of ['.', 'sm']) {
      const r = await scan([path], { cwd: clone });
      expect(r.code).toBe(0);
      expect(r.report.stats.skipped).toEqual({ 'uninitialised submodule': 1 });
      expect(r.report.warnings).toEqual([expect.stringMatching(/^skipped submodule "sm": not initialised/)]);
      expect(r.stderr).toContain('submodule "sm"');
    }
  });

  it('scans an initialised submodule, as it is on disk', async () => {
    const key = keys.openaiProject();
    const clone = cloneWithSubmodule('lib/sm', { 'x.env': `OPENAI_API_KEY=${key}\n` });
    execFileSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'update', '-q', '--init'], {
      cwd: clone,
      env: gitEnv,
    });

    const r = await scan(['.'], { cwd: clone });
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => f.path)).toEqual(['lib/sm/x.env']);
    expect(r.report.stats.skipped).toEqual({});
  });

  it('names an uninitialised submodule without printing the key its folder is named after', async () => {
    const key = keys.openaiProject();
    const clone = cloneWithSubmodule(`cache/${key}`, { 'a.txt': 'a\n' });

    const r = await scan(['.'], { cwd: clone });
    expect(r.report.stats.skipped['uninitialised submodule']).toBe(1);
    expect(r.report.warnings).toHaveLength(1);
    expect(r.report.warnings[0]).toMatch(/^skipped submodule "cache\//);
    expect(r.stdout + r.stderr).not.toContain(key);
  });
});

describe('keys in files of more than one encoding', () => {
  const mixedKey = keys.openaiProject();
  const cjkKey = keys.deepseek();
  const dllKey = keys.openaiLegacy();
  const BOM = Buffer.from([0xff, 0xfe]);
  const le = (s: string) => Buffer.from(s, 'utf16le');
  // PowerShell `>` writes UTF-16LE with a BOM; bash `>>` then appends UTF-8.
  const mixed = Buffer.concat([BOM, le('# settings\r\n$env:MODE = "dev"\r\n'), Buffer.from(`OPENAI_API_KEY=${mixedKey}\n`)]);
  // UTF-16LE without a BOM whose first 8 KiB are CJK: no NUL-beside-ASCII pattern to go by.
  const cjk = le(`${'設定ファイル。'.repeat(800)}\r\nDEEPSEEK_API_KEY=${cjkKey}\r\n`);
  // A .NET assembly's user-string heap: a length byte, then UTF-16LE, at an odd offset.
  const dllPrefix = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64), Buffer.from([0x42, 0x4a, 0x01])]);
  const dll = Buffer.concat([dllPrefix, le(dllKey), Buffer.alloc(3), Buffer.from([0xff, 0x00, 0x10])]);
  const expected = [
    { path: 'app.dll', fingerprint: fingerprint(dllKey), offset: dllPrefix.length },
    { path: 'notes.txt', fingerprint: fingerprint(cjkKey), line: 2 },
    { path: 'setup.ps1', fingerprint: fingerprint(mixedKey), offset: mixed.indexOf(mixedKey) },
  ];
  const files = { 'app.dll': dll, 'notes.txt': cjk, 'setup.ps1': mixed };

  const found = (r: { report: JsonReport }) =>
    r.report.findings
      // Text files are located by line; binary ones, and the ASCII after UTF-16, by byte offset.
      .map((f) => ({ path: f.path, fingerprint: f.fingerprint, ...(f.path === 'notes.txt' ? { line: f.line } : { offset: f.offset }) }))
      .sort((a, b) => a.path.localeCompare(b.path));

  it('finds each once, with scan, staged and history', async () => {
    const r = new TempRepo();
    r.commit('init', { 'README.md': 'readme\n' });
    for (const [p, c] of Object.entries(files)) r.write(p, c);
    r.git('add', '-A');

    const scanned = await scan(['.'], { cwd: r.dir });
    expect(scanned.code).toBe(1);
    expect(found(scanned)).toEqual(expected);

    const staged = await runCliAsync(['staged', '--format', 'json'], { cwd: r.dir });
    expect(staged.code).toBe(1);
    expect(found({ report: JSON.parse(staged.stdout) })).toEqual(expected);

    r.commit('add files');
    const history = await runCliAsync(['history', '--format', 'json'], { cwd: r.dir });
    expect(history.code).toBe(1);
    expect(found({ report: JSON.parse(history.stdout) })).toEqual(expected);
  });
});

describe('a key on the cut of a line longer than a chunk', () => {
  it('is reported once, whole, never its head before the cut as a second key', async () => {
    const cut = 1 << 20; // CHUNK_SIZE: a line with no separator is cut there
    const variants = [
      { name: 'plain.txt', key: keys.openaiProject(), encode: (k: string) => k },
      { name: 'base64.txt', key: keys.openaiProject(), encode: (k: string) => Buffer.from(k).toString('base64') },
      { name: 'percent.txt', key: keys.openaiProject(), encode: (k: string) => k.replace(/[-_]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) },
    ];
    const r = new TempRepo();
    // Every character percent-encoded: three times as long as the key (648 bytes), longer than any
    // plain key, so the overlap must be too.
    const long = keys.openaiProject('proj', 100);
    const percentAll = (k: string) => [...k].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    r.write('600-percent-all.txt', `${'A'.repeat(cut - 601)}/${percentAll(long)}/${'A'.repeat(4000)}\n`);
    for (const { name, key, encode } of variants) {
      for (const before of [120, 8, 1]) {
        const value = encode(key);
        const start = cut - Math.min(before, value.length - 1);
        r.write(`${before}-${name}`, `${'A'.repeat(start - 1)}/${value}/${'A'.repeat(4000)}\n`);
      }
    }
    const res = await scan(['.'], { cwd: r.dir });
    expect(res.code).toBe(1);
    const found = res.report.findings.map((f) => `${f.path} ${f.fingerprint}`).sort();
    // staged reads the same lines out of git's diff, cut the same way.
    r.git('add', '-A');
    const staged = JSON.parse((await runCliAsync(['staged', '--format', 'json'], { cwd: r.dir })).stdout) as JsonReport;
    expect(staged.findings.map((f) => `${f.path} ${f.fingerprint}`).sort()).toEqual(found);
    const expected = [
      `600-percent-all.txt ${fingerprint(long)}`,
      ...variants.flatMap(({ name, key }) => [120, 8, 1].map((b) => `${b}-${name} ${fingerprint(key)}`)),
    ].sort();
    expect(found).toEqual(expected);
  });

  it('is reported once inside a base64 value longer than a chunk, at the characters that encode it', async () => {
    const cut = 1 << 20;
    const r = new TempRepo();
    const placed: { name: string; key: string; at: number }[] = [];
    // Where the key's encoding starts, relative to the cut: around it, around the hand-over 2048
    // bytes before it (OVERLAP less its first fifth), and before the overlap. One base64 run of
    // 1 MiB + 4 KiB, as a big attachment inlined in JSON is, with the key among the bytes it encodes.
    const places = [2600, 2052, 2048, 2044, 600, 200, 120, 8, 1, 0, -4].map((before) => ({ before, half: 74 }));
    // The longest project key a rule takes (216 characters, 288 in base64), either side of the hand-over.
    places.push({ before: 2052, half: 100 }, { before: 2044, half: 100 }, { before: 300, half: 100 });
    for (const { before, half } of places) {
      const key = keys.openaiProject('proj', half);
      // n bytes ahead of the key: its encoding starts in the group at 4 * floor(n / 3).
      const n = Math.floor((3 * (cut - before)) / 4);
      const blob = Buffer.concat([Buffer.alloc(n), Buffer.from(key), Buffer.alloc(3000)]).toString('base64');
      const name = `b64-${before}-${key.length}.txt`;
      r.write(name, `${blob}\n`);
      placed.push({ name, key, at: 4 * Math.floor(n / 3) });
    }
    const res = await scan(['.'], { cwd: r.dir });
    expect(res.code).toBe(1);
    const where = (report: JsonReport) =>
      report.findings.map((f) => `${f.path} ${f.fingerprint} ${f.line}:${f.column} @${f.offset}`).sort();
    const expected = placed.map(({ name, key, at }) => `${name} ${fingerprint(key)} 1:${at + 1} @${at}`).sort();
    expect(where(res.report)).toEqual(expected);
    // staged cuts the diff's lines its own way (src/sources/diff.ts).
    r.git('add', '-A');
    const staged = await runCliAsync(['staged', '--format', 'json'], { cwd: r.dir });
    expect(where(JSON.parse(staged.stdout) as JsonReport)).toEqual(expected);
  });
});

describe('file names that are not UTF-8', () => {
  it('scans them and prints their names with \\xNN escapes', async () => {
    const key = keys.openaiProject();
    const r = new TempRepo();
    r.commit('init', { 'README.md': 'readme\n' });
    // A Latin-1 name, as an old archive or a Windows tool leaves it.
    const root = Buffer.from(`${r.dir}/`);
    mkdirSync(Buffer.concat([root, Buffer.from('conf-\xe9', 'latin1')]));
    writeFileSync(Buffer.concat([root, Buffer.from('conf-\xe9/caf\xe9.env', 'latin1')]), `OPENAI_API_KEY=${key}\n`);

    for (const add of [false, true]) {
      if (add) r.commit('add');
      const res = await scan(['.'], { cwd: r.dir });
      expect(res.code).toBe(1);
      expect(res.report.findings.map((f) => [f.path, f.fingerprint])).toEqual([['conf-\\xE9/caf\\xE9.env', fingerprint(key)]]);
      expect(res.report.stats.skipped).toEqual({});
      expect(res.report.warnings).toEqual([]);
    }
    // staged and history name it the same way, so that a baseline or allow-list holds for all three.
    writeFileSync(Buffer.concat([root, Buffer.from('conf-\xe9/caf\xe9.env', 'latin1')]), `OPENAI_API_KEY=${key}\nmore\n`);
    writeFileSync(Buffer.concat([root, Buffer.from('n\xe9w.env', 'latin1')]), `OPENAI_API_KEY=${key}\n`);
    r.git('add', '-A');
    const staged = await runCliAsync(['staged', '--format', 'json'], { cwd: r.dir });
    expect((JSON.parse(staged.stdout) as JsonReport).findings.map((f) => f.path)).toEqual(['n\\xE9w.env']);
    r.commit('more');
    const history = await runCliAsync(['history', '--format', 'json'], { cwd: r.dir });
    // One finding per path the key was put at (the second file came in with the second commit).
    expect((JSON.parse(history.stdout) as JsonReport).findings.map((f) => f.path)).toEqual(['conf-\\xE9/caf\\xE9.env', 'n\\xE9w.env']);
  });
});
