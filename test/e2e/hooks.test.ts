// The pre-commit integrations as a user meets them: husky installed for real, `keysentry init`,
// then `git commit` itself runs the hook. keysentry is installed the way npm lays it out
// (node_modules/keysentry plus a node_modules/.bin symlink), or globally (a bin dir on PATH).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUSKY_SNIPPET, PLAIN_HOOK } from '../../src/cli/init.js';
import { redact } from '../../src/detect/secret.js';
import { BIN, runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { installPacked } from '../support/pack.js';
import { gitEnv, TempRepo, tempDir } from '../support/repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_DIR = dirname(process.execPath);
const keys = new KeyGen(4242);

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo(): TempRepo {
  const r = new TempRepo();
  cleanup.push(r.dir);
  return r;
}

function which(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

// A PATH with node, git and the shell utilities husky's runner needs, and nothing else of ours.
const GIT = which('git');
const BARE_PATH = [...new Set([NODE_DIR, GIT ? dirname(GIT) : '/usr/bin', '/usr/bin', '/bin'])].join(delimiter);
const GLOBAL_KEYSENTRY = which('keysentry', BARE_PATH);

/** The environment git commit runs hooks in: isolated config, node on PATH, no HUSKY=0 inherited. */
function hookEnv(dir: string, path = `${NODE_DIR}${delimiter}${process.env.PATH ?? ''}`): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...gitEnv,
    NO_COLOR: '1',
    PATH: path,
    // husky sources $XDG_CONFIG_HOME/husky/init.sh: the developer's own must not leak in.
    XDG_CONFIG_HOME: join(dir, '.git', 'no-xdg'),
  };
  delete env.HUSKY;
  return env;
}

interface Commit {
  code: number | null;
  output: string;
}

function gitCommit(r: TempRepo, args: string[], env: NodeJS.ProcessEnv = hookEnv(r.dir)): Commit {
  const res = spawnSync('git', ['commit', ...args], { cwd: r.dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, output: `${res.stdout}${res.stderr}` };
}

function head(r: TempRepo): string {
  return r.git('rev-parse', 'HEAD').trim();
}

/** What `npm install --save-dev keysentry` leaves: the package and a .bin symlink to its bin. */
function installLocally(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'keysentry'));
  symlinkSync('../keysentry/bin/keysentry.js', join(dir, 'node_modules', '.bin', 'keysentry'));
}

/** What `npm install -g keysentry` leaves: a bin dir, to be put on PATH, linking to the package. */
function installGlobally(): string {
  const prefix = tempDir('keysentry-prefix-');
  cleanup.push(prefix);
  mkdirSync(join(prefix, 'bin'));
  symlinkSync(BIN, join(prefix, 'bin', 'keysentry'));
  return join(prefix, 'bin');
}

function expectRefused(r: TempRepo, before: string, commit: Commit, key: string, path: string): void {
  expect(commit.code, commit.output).toBe(1);
  expect(head(r)).toBe(before);
  expect(commit.output).toContain(redact(key));
  expect(commit.output).toContain(path);
  expect(commit.output).toMatch(/remove the key/i);
  expect(commit.output).toContain('keysentry:allow');
  expect(commit.output).toContain('git commit --no-verify');
  expect(commit.output).not.toContain(key);
}

/** Puts a clean index back after a refused commit, as the user would after removing the key. */
function unstage(r: TempRepo, path: string): void {
  r.git('rm', '-q', '--cached', '--', path);
  rmSync(join(r.dir, path));
}

describe('husky v9', () => {
  let r: TempRepo;

  beforeAll(() => {
    r = repo();
    r.write(
      'package.json',
      `${JSON.stringify({ name: 'demo', private: true, devDependencies: { husky: '^9.1.7', keysentry: '^0.1.0' } }, null, 2)}\n`,
    );
    r.write('.gitignore', 'node_modules/\n');
    installLocally(r.dir);
    symlinkSync(join(ROOT, 'node_modules', 'husky'), join(r.dir, 'node_modules', 'husky'));
    symlinkSync('../husky/bin.js', join(r.dir, 'node_modules', '.bin', 'husky'));

    // `npx husky init`, as its docs say: sets core.hooksPath and writes .husky/pre-commit.
    const husky = spawnSync(process.execPath, [join(r.dir, 'node_modules', '.bin', 'husky'), 'init'], {
      cwd: r.dir,
      env: hookEnv(r.dir),
      encoding: 'utf8',
    });
    expect(husky.status, husky.stderr).toBe(0);
    expect(r.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    // The user's own step, which husky's default `npm test` stands for (npm would want the network).
    r.write('.husky/pre-commit', 'echo "project lint: ok"\n');
  });

  it('init appends `keysentry staged` to .husky/pre-commit, and a second init changes nothing', () => {
    const first = runCli(['init'], { cwd: r.dir, env: hookEnv(r.dir) });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe('Added `keysentry staged` to .husky/pre-commit (husky).\n');
    const script = readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8');
    expect(script).toBe(`echo "project lint: ok"\n\n${HUSKY_SNIPPET}\n`);

    const second = runCli(['init'], { cwd: r.dir, env: hookEnv(r.dir) });
    expect(second).toMatchObject({ code: 0, stdout: '.husky/pre-commit already runs keysentry; nothing to change.\n' });
    expect(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8')).toBe(script);
    expect(existsSync(join(r.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('a clean commit passes, after the project\'s own step', () => {
    r.git('add', '-A');
    const c = gitCommit(r, ['-m', 'initial']);
    expect(c.code, c.output).toBe(0);
    expect(c.output).toContain('project lint: ok');
    expect(r.git('ls-files')).toContain('.husky/pre-commit');
  });

  it('a commit adding a key is refused with the key redacted, where it is and the three ways out', () => {
    const before = head(r);
    const key = keys.openaiProject();
    r.write('config/app settings.env', `OPENAI_API_KEY=${key}\n`);
    r.git('add', '-A');
    const c = gitCommit(r, ['-m', 'add settings']);
    expectRefused(r, before, c, key, 'config/app settings.env');
    expect(c.output).toContain('husky - pre-commit script failed');
    unstage(r, 'config/app settings.env');
  });

  it('`git commit -a` is checked too (git hands the hook a temporary index)', () => {
    r.write('src/client.js', 'export const base = "https://api.example.com";\n');
    r.git('add', '-A');
    expect(gitCommit(r, ['-m', 'tracked']).code).toBe(0);
    const before = head(r);
    const key = keys.openaiProject('svcacct');
    r.write('src/client.js', `export const base = "https://api.example.com";\nexport const key = "${key}";\n`);
    const c = gitCommit(r, ['-a', '-m', 'wire the client']);
    expectRefused(r, before, c, key, 'src/client.js');
    r.git('checkout', '--', 'src/client.js');
  });

  it('a key marked keysentry:allow on its line passes', () => {
    const before = head(r);
    r.write('docs/example.md', `OPENAI_API_KEY=${keys.openaiProject()} # keysentry:allow\n`);
    r.git('add', '-A');
    const c = gitCommit(r, ['-m', 'document the example key']);
    expect(c.code, c.output).toBe(0);
    expect(r.git('rev-parse', 'HEAD~1').trim()).toBe(before);
  });

  it('git commit --no-verify passes: the last resort still works', () => {
    const before = head(r);
    r.write('fixtures/leak.env', `OPENAI_API_KEY=${keys.openaiProject()}\n`);
    r.git('add', '-A');
    const c = gitCommit(r, ['--no-verify', '-m', 'knowingly']);
    expect(c.code, c.output).toBe(0);
    expect(c.output).not.toContain('project lint: ok');
    expect(r.git('rev-parse', 'HEAD~1').trim()).toBe(before);
  });

  it.skipIf(GLOBAL_KEYSENTRY)('refuses every commit, saying why, when keysentry is not installed', () => {
    const bin = join(r.dir, 'node_modules', '.bin', 'keysentry');
    renameSync(bin, `${bin}.away`);
    try {
      const before = head(r);
      r.write('notes.txt', 'nothing secret\n');
      r.git('add', '-A');
      const c = gitCommit(r, ['-m', 'no scanner'], hookEnv(r.dir, BARE_PATH));
      expect(c.code).not.toBe(0);
      expect(c.output).toContain('keysentry: not found on PATH, so this commit was not checked for API keys');
      expect(head(r)).toBe(before);
      unstage(r, 'notes.txt');
    } finally {
      renameSync(`${bin}.away`, bin);
    }
  });
});

describe('husky v9, no pre-commit script yet', () => {
  it('init creates .husky/pre-commit in v9 layout; husky runs it: a key is refused, a clean commit passes', () => {
    const r = repo();
    r.write('package.json', `${JSON.stringify({ name: 'demo', private: true, scripts: { prepare: 'husky' } }, null, 2)}\n`);
    r.write('.gitignore', 'node_modules/\n');
    installLocally(r.dir);
    symlinkSync(join(ROOT, 'node_modules', 'husky'), join(r.dir, 'node_modules', 'husky'));
    symlinkSync('../husky/bin.js', join(r.dir, 'node_modules', '.bin', 'husky'));
    // What `npm install` runs through "prepare": husky sets core.hooksPath and writes .husky/_ only.
    const husky = spawnSync(process.execPath, [join(r.dir, 'node_modules', '.bin', 'husky')], { cwd: r.dir, env: hookEnv(r.dir), encoding: 'utf8' });
    expect(husky.status, husky.stderr).toBe(0);
    expect(existsSync(join(r.dir, '.husky', 'pre-commit'))).toBe(false);

    const init = runCli(['init'], { cwd: r.dir, env: hookEnv(r.dir) });
    expect(init).toMatchObject({ code: 0, stderr: '', stdout: 'Created .husky/pre-commit (husky) running `keysentry staged`.\n' });
    const script = readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8');
    expect(script).toBe(`${HUSKY_SNIPPET}\n`);
    expect(script).not.toContain('husky.sh');

    r.git('add', '-A');
    const clean = gitCommit(r, ['-m', 'initial']);
    expect(clean.code, clean.output).toBe(0);
    // husky v9 complains on every commit about a v8-style script; this one is not.
    expect(clean.output).not.toContain('DEPRECATED');

    const before = head(r);
    const key = keys.deepseek();
    r.write('services/deepseek.ts', `const client = new DeepSeek({ apiKey: "${key}" });\n`);
    r.git('add', '-A');
    const refused = gitCommit(r, ['-m', 'add client']);
    expectRefused(r, before, refused, key, 'services/deepseek.ts');
    expect(refused.output).toContain('husky - pre-commit script failed (code 1)');
  });
});

describe('plain git hook', () => {
  it('installs into .git/hooks; a key is refused, a clean commit passes (global install on PATH)', () => {
    const r = repo();
    const env = hookEnv(r.dir, `${installGlobally()}${delimiter}${BARE_PATH}`);
    const init = runCli(['init'], { cwd: r.dir, env });
    expect(init).toMatchObject({ code: 0, stdout: 'Installed the keysentry pre-commit hook in .git/hooks/pre-commit.\n' });
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    expect(readFileSync(hook, 'utf8')).toBe(PLAIN_HOOK);
    expect(statSync(hook).mode & 0o100).toBe(0o100);

    r.write('README.md', 'hello\n');
    r.git('add', '-A');
    const clean = gitCommit(r, ['-m', 'initial'], env);
    expect(clean.code, clean.output).toBe(0);

    const before = head(r);
    const key = keys.openaiLegacy();
    r.write('-odd name.py', `client = OpenAI(api_key="${key}")\n`);
    r.git('add', '-A');
    expectRefused(r, before, gitCommit(r, ['-m', 'leak'], env), key, '-odd name.py');

    const again = runCli(['init'], { cwd: r.dir, env });
    expect(again).toMatchObject({ code: 0, stdout: '.git/hooks/pre-commit already runs keysentry; nothing to change.\n' });
  });

  it('prefers the project\'s node_modules/.bin, so a local install needs nothing on PATH', () => {
    const r = repo();
    installLocally(r.dir);
    r.write('.gitignore', 'node_modules/\n');
    const env = hookEnv(r.dir, BARE_PATH);
    expect(runCli(['init'], { cwd: r.dir, env }).code).toBe(0);
    r.git('add', '-A');
    expect(gitCommit(r, ['-m', 'initial'], env).code).toBe(0);
    const before = head(r);
    const key = keys.openaiProject();
    r.write('app.env', `OPENAI_API_KEY=${key}\n`);
    r.git('add', '-A');
    expectRefused(r, before, gitCommit(r, ['-m', 'leak'], env), key, 'app.env');
  });

  it('respects core.hooksPath', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    const env = hookEnv(r.dir, `${installGlobally()}${delimiter}${BARE_PATH}`);
    const init = runCli(['init'], { cwd: r.dir, env });
    expect(init).toMatchObject({ code: 0, stdout: 'Installed the keysentry pre-commit hook in .githooks/pre-commit.\n' });
    expect(existsSync(join(r.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);

    r.write('README.md', 'hello\n');
    r.git('add', '-A');
    expect(gitCommit(r, ['-m', 'initial'], env).code).toBe(0);
    const before = head(r);
    const key = keys.openaiProject('admin');
    r.write('deploy/secrets.yml', `openai_key: ${key}\n`);
    r.git('add', '-A');
    expectRefused(r, before, gitCommit(r, ['-m', 'leak'], env), key, 'deploy/secrets.yml');
  });

  it.skipIf(GLOBAL_KEYSENTRY)('refuses the commit with a clear message when keysentry is not installed', () => {
    const r = repo();
    const env = hookEnv(r.dir, BARE_PATH);
    expect(runCli(['init'], { cwd: r.dir, env }).code).toBe(0);
    r.write('README.md', 'hello\n');
    r.git('add', '-A');
    const c = gitCommit(r, ['-m', 'initial'], env);
    expect(c.code).not.toBe(0);
    expect(c.output).toContain('keysentry: not found on PATH, so this commit was not checked for API keys');
    expect(c.output).toContain('git commit --no-verify');
    expect(spawnSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: r.dir, env }).status).not.toBe(0);
  });

  it('refuses to replace a foreign hook without --force; with it, keeps it, and still calls it after the check', () => {
    const r = repo();
    const env = hookEnv(r.dir, `${installGlobally()}${delimiter}${BARE_PATH}`);
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "team hook ran in $PWD"\n', { mode: 0o755 });

    const refused = runCli(['init'], { cwd: r.dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^keysentry: \.git\/hooks\/pre-commit exists and was not written by keysentry: .*--force.*\n$/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho "team hook ran in $PWD"\n');

    const forced = runCli(['init', '--force'], { cwd: r.dir, env });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(
      "Moved the existing pre-commit hook to .git/hooks/pre-commit.keysentry-backup; it still runs, after keysentry's check.\n" +
        'Installed the keysentry pre-commit hook in .git/hooks/pre-commit.\n',
    );
    expect(readFileSync(`${hook}.keysentry-backup`, 'utf8')).toBe('#!/bin/sh\necho "team hook ran in $PWD"\n');

    r.write('README.md', 'hello\n');
    r.git('add', '-A');
    const clean = gitCommit(r, ['-m', 'initial'], env);
    expect(clean.code, clean.output).toBe(0);
    // Run from the top of the work tree, as git runs hooks.
    expect(clean.output).toContain(`team hook ran in ${realpathSync(r.dir)}`);

    const key = keys.openaiProject();
    r.write('k.env', `OPENAI_API_KEY=${key}\n`);
    r.git('add', '-A');
    const c = gitCommit(r, ['-m', 'leak'], env);
    expect(c.code).not.toBe(0);
    expect(c.output).not.toContain('team hook ran');
    expect(c.output).toContain(redact(key));

    // The team's hook refusing still refuses.
    writeFileSync(`${hook}.keysentry-backup`, '#!/bin/sh\necho "team hook says no"; exit 3\n');
    unstage(r, 'k.env');
    r.write('other.txt', 'fine\n');
    r.git('add', '-A');
    const no = gitCommit(r, ['-m', 'other'], env);
    expect(no.code, no.output).not.toBe(0);
    expect(no.output).toContain('team hook says no');
  });

  it('init --pre-push --force keeps a foreign pre-push hook, which still gets git\'s arguments and refs', () => {
    const r = repo();
    const env = hookEnv(r.dir, `${installGlobally()}${delimiter}${BARE_PATH}`);
    const hook = join(r.dir, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, '#!/bin/sh\nwhile read l s rr rs; do echo "team hook: $1 $l"; done\n', { mode: 0o755 });
    const forced = runCli(['init', '--pre-push', '--force'], { cwd: r.dir, env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Moved the existing pre-push hook to .git/hooks/pre-push.keysentry-backup; it still runs');

    const remote = new TempRepo(tempDir('keysentry-remote-'), false);
    remote.git('init', '-q', '--bare', '-b', 'main');
    r.git('remote', 'add', 'origin', remote.dir);
    r.commit('clean', { 'README.md': 'hi\n' });
    const ok = spawnSync('git', ['push', 'origin', 'main'], { cwd: r.dir, env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('team hook: origin refs/heads/main');

    r.commit('leak', { 'app.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });
    const no = spawnSync('git', ['push', 'origin', 'main'], { cwd: r.dir, env, encoding: 'utf8' });
    expect(no.status).not.toBe(0);
    expect(no.stdout + no.stderr).not.toContain('team hook');
  });

  it('outside a git repository: one line on stderr, exit 2', () => {
    const dir = tempDir();
    cleanup.push(dir);
    const res = runCli(['init'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dirname(dir) } });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^keysentry: .*not inside a git work tree.*\n$/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  const manifest = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const field = (name: string) => new RegExp(`^\\s*-?\\s*${name}:\\s*(.+?)\\s*$`, 'm').exec(manifest)?.[1];

  it('declares a node hook whose entry is this package\'s bin, given file names', () => {
    expect(field('id')).toBe('keysentry');
    expect(field('language')).toBe('node');
    expect(field('pass_filenames')).toBe('true');
    // No stage names: Debian's pre-commit 3.0 rejects `pre-commit`, 4.x warns about `commit`;
    // without `stages` the hook runs at the pre-commit stage in both (test/e2e/pre-commit.test.ts).
    expect(field('stages')).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.bin)).toContain(field('entry')?.split(' ')[0]);
  });

  it('the entry, given a tracked, unchanged file (what --all-files passes), finds the key in it', () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('existing files', {
      'settings/prod secrets.env': `OPENAI_API_KEY=${key}\n`,
      'src/main.js': 'console.log("hi");\n',
    });
    // Unstaged work-tree edits are not what gets committed (pre-commit stashes them): not scanned.
    r.write('src/main.js', `const k = "${keys.openaiProject()}";\n`);
    const [, ...args] = (field('entry') ?? '').split(' ');

    const all = runCli([...args, 'settings/prod secrets.env', 'src/main.js'], { cwd: r.dir });
    expect(all.code, all.stderr).toBe(1);
    expect(all.stdout).toContain('settings/prod secrets.env');
    expect(all.stdout).toContain(redact(key));
    expect(all.stdout).not.toContain(key);
    expect(all.stdout).not.toContain('src/main.js');
    // Committed already: the history advice, and no way out that would keep it out of history.
    expect(all.stdout).toContain('Already committed (HEAD holds it), so this check cannot keep it out of history. Revoke it at');
    expect(all.stdout).toContain('These keys are already committed');
    expect(all.stdout).not.toContain('Not committed yet');

    const clean = runCli([...args, 'src/main.js'], { cwd: r.dir });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    // Without names, staged means "what this commit adds": nothing is staged, nothing is found.
    expect(runCli(args, { cwd: r.dir }).code).toBe(0);
  });

  it('a key HEAD already holds base64-encoded, in a file with other staged changes, gets the history advice', () => {
    const r = repo();
    const key = keys.openaiProject();
    const encoded = Buffer.from(`OPENAI_API_KEY=${key}\n`).toString('base64');
    r.commit('secret', { 'deploy/secret.yaml': `data:\n  env: ${encoded}\n` });
    r.write('deploy/secret.yaml', `data:\n  env: ${encoded}\n  other: aGVsbG8=\n`);
    r.git('add', '-A');
    const [, ...args] = (field('entry') ?? '').split(' ');
    const out = runCli([...args, 'deploy/secret.yaml'], { cwd: r.dir });
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toContain('Already committed (HEAD holds it)');
    expect(out.stdout).not.toContain('Not committed yet');
  });

  it('under the pre-commit framework (PRE_COMMIT=1), a new key gets the staged advice and SKIP=keysentry as the way out', () => {
    const r = repo();
    r.commit('initial', { 'README.md': 'hi\n' });
    const key = keys.deepseek();
    r.write('new.env', `DEEPSEEK_API_KEY=${key}\n`);
    r.git('add', '-A');
    const [, ...args] = (field('entry') ?? '').split(' ');
    const res = runCli([...args, 'new.env'], { cwd: r.dir, env: { PRE_COMMIT: '1' } });
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('Not committed yet');
    expect(res.stdout).not.toMatch(/BFG|filter-repo|topping up/);
    expect(res.stdout).toContain('`SKIP=keysentry git commit`');
    expect(res.stdout).not.toContain('--no-verify');
    // The same check from git's own hook names --no-verify.
    const plain = runCli(['staged'], { cwd: r.dir, env: { PRE_COMMIT: '' } });
    expect(plain.stdout).toContain('`git commit --no-verify`');
  });
});

// The package as users get it: `npm pack`, installed with --omit=dev (test/support/pack.ts), once
// for this file; each project gets a copy of that node_modules, as its own npm install would lay it.
describe('the packed package, installed in a project: npx keysentry init, then git commit and git push', () => {
  let installed: string;

  beforeAll(() => {
    installed = tempDir('keysentry-installed-');
    installPacked(installed);
  }, 600_000);

  /** A project at `dir` with keysentry installed, as `npm install` in it would leave it. */
  function project(dir: string, pkg: object): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    cpSync(join(installed, 'node_modules'), join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }

  /** `npx keysentry ARGS` in dir, as a user types it (npx finds the local install, no network). */
  function npx(args: string[], dir: string, r: TempRepo) {
    const res = spawnSync('npx', ['keysentry', ...args], { cwd: dir, env: hookEnv(r.dir), encoding: 'utf8', timeout: 120_000 });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  /** Commits run with only node, git and the shell on PATH: nothing of the install is on it. */
  const commit = (r: TempRepo, args: string[]) => gitCommit(r, args, hookEnv(r.dir, BARE_PATH));

  function push(r: TempRepo, args: string[]): Commit {
    const res = spawnSync('git', ['push', ...args], { cwd: r.dir, env: hookEnv(r.dir, BARE_PATH), encoding: 'utf8', timeout: 60_000 });
    return { code: res.status, output: `${res.stdout}${res.stderr}` };
  }

  /** Commits a key at `path`: refused, redacted, HEAD unchanged; then takes it out again. */
  function refusesKeyAt(r: TempRepo, path: string): void {
    const before = head(r);
    const key = keys.openaiProject();
    r.write(path, `OPENAI_API_KEY=${key}\n`);
    r.git('add', '-A');
    expectRefused(r, before, commit(r, ['-m', `leak in ${path}`]), key, path);
    unstage(r, path);
  }

  it('(a) at the git root: init --force keeps and calls the hook it moves aside; a key is refused, a clean commit passes', () => {
    const r = repo();
    project(r.dir, { name: 'app', private: true });
    r.write('.gitignore', 'node_modules/\n');
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "team hook ran"\n', { mode: 0o755 });

    const init = npx(['init', '--force'], r.dir, r);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Moved the existing pre-commit hook to .git/hooks/pre-commit.keysentry-backup; it still runs');

    r.git('add', '-A');
    const clean = commit(r, ['-m', 'initial']);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toContain('team hook ran');
    refusesKeyAt(r, 'config/app.env');
  });

  it('(b) monorepo, husky in web/: init writes web/.husky/pre-commit and the prepare script; keys anywhere in the repository are refused', () => {
    const r = repo();
    const web = join(r.dir, 'web');
    project(web, { name: 'web', private: true, devDependencies: { husky: '^9.1.7' } });
    symlinkSync(join(ROOT, 'node_modules', 'husky'), join(web, 'node_modules', 'husky'));
    symlinkSync('../husky/bin.js', join(web, 'node_modules', '.bin', 'husky'));
    r.write('.gitignore', 'node_modules/\n');

    const init = npx(['init'], web, r);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe(
      'Created .husky/pre-commit (husky) running `keysentry staged` from web/.\n' +
        'Added "prepare": "cd .. && husky web/.husky" to package.json, so npm install sets husky up in every clone.\n' +
        'Note: git does not run .husky hooks in this clone yet: run `npm run prepare` once.\n',
    );
    // The one command it names, as a teammate's npm install runs it.
    const prepare = spawnSync('npm', ['run', 'prepare'], { cwd: web, env: hookEnv(r.dir), encoding: 'utf8' });
    expect(prepare.status, prepare.stderr).toBe(0);
    expect(r.git('config', 'core.hooksPath').trim()).toBe('web/.husky/_');

    r.git('add', '-A');
    const clean = commit(r, ['-m', 'initial']);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toContain('No OpenAI or DeepSeek keys found.');
    refusesKeyAt(r, 'web/src/client.env');
    // Outside the package: the staged check covers the whole repository.
    refusesKeyAt(r, 'infra/prod.env');
  });

  it('(c) monorepo, no husky: the hook in .git/hooks runs web/\'s keysentry; the pre-push hook stops a --no-verify commit', () => {
    const r = repo();
    const web = join(r.dir, 'web');
    project(web, { name: 'web', private: true });
    r.write('.gitignore', 'node_modules/\n');
    const init = npx(['init'], web, r);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe(`Installed the keysentry pre-commit hook in ${join(r.dir, '.git', 'hooks', 'pre-commit')} (it runs the keysentry installed in web/).\n`);
    expect(npx(['init', '--pre-push'], web, r).code).toBe(0);

    r.git('add', '-A');
    expect(commit(r, ['-m', 'initial']).code).toBe(0);
    refusesKeyAt(r, 'README.env');

    const remote = new TempRepo(tempDir('keysentry-remote-'), false);
    remote.git('init', '-q', '--bare', '-b', 'main');
    r.git('remote', 'add', 'origin', remote.dir);
    const first = push(r, ['-u', 'origin', 'main']);
    expect(first.code, first.output).toBe(0);
    const remoteHead = () => remote.git('rev-parse', 'main').trim();

    // A clean commit goes through.
    r.write('web/index.js', 'console.log("hi");\n');
    r.git('add', '-A');
    expect(commit(r, ['-m', 'clean']).code).toBe(0);
    expect(push(r, ['origin', 'main']).code).toBe(0);
    expect(remoteHead()).toBe(head(r));

    // A key committed past the pre-commit hook stops at the push.
    const pushedBefore = remoteHead();
    const key = keys.deepseek();
    r.write('web/deepseek.env', `DEEPSEEK_API_KEY=${key}\n`);
    r.git('add', '-A');
    expect(commit(r, ['--no-verify', '-m', 'knowingly']).code).toBe(0);
    const refused = push(r, ['origin', 'main']);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain(redact(key));
    expect(refused.output).not.toContain(key);
    expect(refused.output).toContain('Committed but not pushed');
    expect(refused.output).toContain('`git push --no-verify`');
    expect(remoteHead()).toBe(pushedBefore);

    // A new branch holding it is stopped too; one with nothing new passes; a deletion passes.
    r.git('branch', 'leaky');
    expect(push(r, ['origin', 'leaky']).code).not.toBe(0);
    r.git('reset', '-q', '--hard', 'HEAD~1');
    r.git('branch', 'copy');
    const copy = push(r, ['origin', 'copy']);
    expect(copy.code, copy.output).toBe(0);
    const gone = push(r, ['origin', '--delete', 'copy']);
    expect(gone.code, gone.output).toBe(0);
    expect(remote.git('branch', '--list', 'copy').trim()).toBe('');
  });
});
