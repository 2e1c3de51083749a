// A big work tree is read partly from git's object store (src/sources/tree-objects.ts): the
// report must be the one reading every file from disk gives, whatever state the files are in.
import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_STORE_MIN_FILES } from '../../src/sources/tree-objects.js';
import { runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';

const keys = new KeyGen(4711);
let repo: TempRepo;

beforeAll(() => {
  repo = new TempRepo();
  // Enough files for the object store to be used; a few bytes each keeps git add quick.
  for (let i = 0; i < OBJECT_STORE_MIN_FILES + 50; i++) repo.write(`pkg/m${String(i).padStart(5, '0')}.js`, `module.exports = ${i};\n`);
  const code = (key: string) => `// settings\nconst x = 1;\nconst apiKey = "${key}";\n`;
  repo.write('a/committed.js', code(keys.openaiProject('proj')));
  repo.write('a/modified.js', 'const nothing = 0;\n');
  repo.write('a/staged-then-edited.js', 'const staged = 1;\n');
  repo.write('a/deleted.js', code(keys.openaiLegacy()));
  repo.write('bin/tool.sh', `#!/bin/sh\nexport OPENAI_API_KEY=${keys.openaiProject('svcacct')}\n`);
  chmodSync(join(repo.dir, 'bin/tool.sh'), 0o755);
  repo.write('data/blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0, 255]), Buffer.from(`\0${keys.openaiLegacy()}\0`), Buffer.alloc(64)]));
  repo.write('data/utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`line one\nkey = "${keys.openaiProject('proj')}"\n`, 'utf16le')]));
  repo.write('data/crlf.txt', `first\r\nDEEPSEEK_API_KEY=${keys.deepseek()}\r\n`);
  repo.write('data/same-size.js', `const apiKey = "${keys.openaiProject('admin')}";\n`);
  // An hour old: not "racily clean" (as new as the index), which git would check byte by byte.
  const past = new Date(Date.now() - 3600_000);
  utimesSync(join(repo.dir, 'data/same-size.js'), past, past);
  repo.write('.gitignore', 'build/\n');
  symlinkSync('../a/committed.js', join(repo.dir, 'pkg', 'link.js'));
  // Only size and whole-second mtime decide "unmodified" here, so an edit that keeps both goes
  // unseen by git: it proves which strategy read the file.
  repo.git('config', 'core.checkStat', 'minimal');
  repo.git('config', 'core.trustctime', 'false');
  repo.commit('import');

  writeFileSync(join(repo.dir, 'a/modified.js'), `const added = "${keys.openaiProject('proj')}";\n`);
  repo.write('a/staged-then-edited.js', `const k = "${keys.openaiLegacy()}";\n`);
  repo.git('add', 'a/staged-then-edited.js');
  repo.write('a/staged-then-edited.js', `const k = "${keys.openaiProject('proj')}";\n`);
  rmSync(join(repo.dir, 'a/deleted.js'));
  repo.write('a/untracked.js', `const fresh = "${keys.openaiProject('svcacct')}";\n`);
  mkdirSync(join(repo.dir, 'build'));
  repo.write('build/out.js', `const ignored = "${keys.openaiProject('proj')}";\n`);

  const swapped = join(repo.dir, 'data/same-size.js');
  const before = statSync(swapped);
  writeFileSync(swapped, `const apiKey = "${'x'.repeat(keys.openaiProject('admin').length)}";\n`);
  utimesSync(swapped, before.atime, before.mtime);
});

/** keysentry scan . as JSON, with git's default global attributes file present or not. */
function scan(globalAttributes: boolean) {
  const xdg = tempDir();
  if (globalAttributes) {
    mkdirSync(join(xdg, 'git'));
    // Empty: it changes nothing in any checkout, but the object store may then not stand in for the disk.
    writeFileSync(join(xdg, 'git', 'attributes'), '');
  }
  const r = runCli(['scan', '.', '--format', 'json'], { cwd: repo.dir, env: { XDG_CONFIG_HOME: xdg } });
  expect(r.code, r.stderr).toBe(1);
  const report = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; stats: Record<string, unknown> };
  const where = report.findings.map((f) => [f.path, f.line, f.column, f.offset, f.fingerprint, f.encoding]);
  return { where, stats: { ...report.stats, durationMs: 0 } };
}

describe('tree scan from the object store', () => {
  it('reports what reading every file from disk reports', () => {
    const fromDisk = scan(true);
    const fromStore = scan(false);
    const paths = new Set(fromDisk.where.map((w) => w[0]));
    // Every kind of file above was read, by both.
    for (const p of ['a/committed.js', 'a/modified.js', 'a/staged-then-edited.js', 'a/untracked.js', 'bin/tool.sh', 'data/blob.bin', 'data/utf16.txt', 'data/crlf.txt']) {
      expect(paths).toContain(p);
    }
    expect(paths).not.toContain('build/out.js');
    // Except the file whose edit git cannot see: the disk holds no key there, its blob does.
    expect(paths).not.toContain('data/same-size.js');
    expect(fromStore.where.filter((w) => w[0] !== 'data/same-size.js')).toEqual(fromDisk.where);
    expect(fromStore.where.map((w) => w[0])).toContain('data/same-size.js');
    expect(fromStore.stats).toEqual(fromDisk.stats);
    expect(fromDisk.stats).toMatchObject({ skipped: { 'missing on disk': 1, 'symlink inside root': 1, 'ignored by .gitignore': 1 } });
  });
});
