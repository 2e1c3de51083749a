// The pre-commit framework (https://pre-commit.com) as its users meet it: Debian's `pre-commit`
// (3.0.4) installs keysentry from a git repository by its .pre-commit-hooks.yaml, `language: node`
// (it runs npm install, npm pack, then npm install -g of the tarball), and `git commit` runs it.
// Skipped only on a machine without pre-commit outside CI; .ci/run installs it, so CI never skips.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../src/detect/secret.js';
import { KeyGen } from '../support/keygen.js';
import { CHECKOUT, gitCopyOfCheckout } from '../support/pack.js';
import { gitEnv, TempRepo, tempDir } from '../support/repo.js';

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const inCI = Boolean(process.env.CI);

it.runIf(inCI)('pre-commit is installed in CI (.ci/run installs it)', () => {
  expect(available, 'pre-commit is not on PATH').toBe(true);
});

describe.runIf(available)('keysentry through the pre-commit framework', () => {
  const keys = new KeyGen(77);
  const env: NodeJS.ProcessEnv = { ...gitEnv, NO_COLOR: '1', PRE_COMMIT_HOME: tempDir('keysentry-pre-commit-home-') };
  const project = new TempRepo();

  function run(cmd: string, args: string[]) {
    const r = spawnSync(cmd, args, { cwd: project.dir, env, encoding: 'utf8', timeout: 300_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  beforeAll(() => {
    const keysentry = gitCopyOfCheckout();
    project.write(
      '.pre-commit-config.yaml',
      ['repos:', `  - repo: ${keysentry.dir}`, `    rev: ${keysentry.sha}`, '    hooks:', '      - id: keysentry', ''].join('\n'),
    );
    project.write('README.md', 'an app\n');
    project.git('add', '-A');
    project.git('commit', '-q', '-m', 'start');
    const install = run('pre-commit', ['install']);
    expect(install.code, install.out).toBe(0);
    // The environment (npm install from the registry or its cache): once, before the commits.
    const hooks = run('pre-commit', ['install-hooks']);
    expect(hooks.code, hooks.out).toBe(0);
  }, 600_000);

  it("accepts the repository's manifest", () => {
    const r = run('pre-commit', ['validate-manifest', join(CHECKOUT, '.pre-commit-hooks.yaml')]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/warn/i);
  });

  it('refuses a commit that adds a key, and names the file without printing the key', () => {
    const key = keys.openaiLegacy();
    project.write('config/.env', `OPENAI_API_KEY=${key}\n`);
    project.git('add', 'config/.env');
    const r = run('git', ['commit', '-m', 'add settings']);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain('config/.env');
    expect(r.out).toContain(redact(key));
    expect(r.out).not.toContain(key);
    expect(project.git('log', '--format=%s').trim()).toBe('start');
    project.git('rm', '-q', '--cached', 'config/.env');
  });

  it('accepts a clean commit', () => {
    project.write('src/app.py', 'import os\nKEY = os.environ["OPENAI_API_KEY"]\n');
    project.git('add', 'src/app.py');
    const r = run('git', ['commit', '-m', 'clean code']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/keysentry.*Passed/);
  });

  it('`pre-commit run --all-files` checks every tracked file, including ones no commit changes', () => {
    const key = keys.deepseek();
    project.write('deploy/compose.yml', `environment:\n  DEEPSEEK_API_KEY: ${key}\n`);
    project.git('add', 'deploy/compose.yml');
    expect(run('git', ['commit', '-q', '--no-verify', '-m', 'slipped through']).code).toBe(0);
    const r = run('pre-commit', ['run', '--all-files']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('deploy/compose.yml');
    expect(r.out).not.toContain(key);
  });
});
