// Every way users install keysentry gives a working `keysentry`, with no build step and none of
// its devDependencies: the packed tarball in a project, a global install from a git URL, and a
// devDependency from a git URL. The installs are independent and run side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyGen } from '../support/keygen.js';
import { CHECKOUT, gitCopyOfCheckout, npm, npmAsync, packedTarball } from '../support/pack.js';
import { gitEnv, tempDir } from '../support/repo.js';

const keys = new KeyGen(9);
const pkg = JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

/** A directory with a key in it, and one without but for a file its config's ignore glob skips. */
const leaky = tempDir('keysentry-leaky-');
writeFileSync(join(leaky, 'settings.py'), `OPENAI_API_KEY = "${keys.openaiLegacy()}"\n`);
const clean = tempDir('keysentry-clean-');
writeFileSync(join(clean, 'settings.py'), 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n');
// Globs load micromatch at run time (src/config.ts), from inside the bundle: nothing is installed beside it.
writeFileSync(join(clean, '.keysentry.json'), JSON.stringify({ ignore: ['fixtures/**'] }));
mkdirSync(join(clean, 'fixtures'));
writeFileSync(join(clean, 'fixtures', 'sample.env'), `OPENAI_API_KEY=${keys.openaiLegacy()}\n`);

/** Runs an installed keysentry as a user's shell would: through its bin link, node from PATH. */
function run(bin: string, args: string[], cwd = CHECKOUT) {
  const r = spawnSync(bin, args, { cwd, env: { ...gitEnv, NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** What every install must do: report a key (exit 1), pass a clean tree (exit 0), know its version. */
function expectWorking(bin: string): void {
  expect(existsSync(bin), `${bin} leads to a file`).toBe(true);
  const found = run(bin, ['scan', '.'], leaky);
  expect(found.code, found.out).toBe(1);
  expect(found.out).toContain('settings.py');
  expect(found.out).toContain('openai');
  const none = run(bin, ['scan', '.'], clean);
  expect(none.code, none.out).toBe(0);
  expect(run(bin, ['--version']).out.trim()).toBe(pkg.version);
}

/** Names of the packages npm put under dir/node_modules (scoped ones as @scope/name). */
function installed(dir: string): string[] {
  const top = join(dir, 'node_modules');
  if (!existsSync(top)) return [];
  return readdirSync(top)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => (n.startsWith('@') ? readdirSync(join(top, n)).map((m) => `${n}/${m}`) : [n]));
}

function newProject(): string {
  const dir = tempDir('keysentry-app-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2));
  return dir;
}

let repo: { url: string };
beforeAll(() => {
  repo = gitCopyOfCheckout();
  packedTarball();
});

it('the tarball holds the bin, the bundle, the rules, the licence and the readme; no sources or tests', () => {
  const [report] = JSON.parse(npm(['pack', '--dry-run', '--json'], CHECKOUT)) as [{ files: { path: string }[] }];
  const paths = report.files.map((f) => f.path).sort();
  const other = paths.filter((p) => !/^(bin\/keysentry\.js|bundle\/cli\/[\w-]+\.js|rules\/[\w-]+\.json|LICENSE|README\.md|package\.json)$/.test(p));
  expect(other).toEqual([]);
  for (const p of ['bin/keysentry.js', 'bundle/cli/main.js', 'LICENSE', 'README.md', 'package.json']) expect(paths).toContain(p);
  expect(paths.some((p) => p.startsWith('rules/'))).toBe(true);
});

it('package.json has no script that makes npm build a git install', () => {
  // npm (pacote) installs a git dependency that has any of these scripts by cloning it, installing
  // its devDependencies and running prepare, slowly; and a global install is then left linked to
  // the deleted clone (npm/cli#9406). Hence `npm run bundle`, not `npm run build`.
  const scripts = (JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['build', 'prepare', 'prepack', 'preinstall', 'install', 'postinstall']) expect(scripts[name], name).toBeUndefined();
});

// Each install fetches from the registry (or its cache) on a shared 2-core machine: give it time.
describe.concurrent('installed, with --omit=dev', { timeout: 240_000 }, () => {
  it('npm install of the tarball into a project: `npx keysentry scan` works, without any devDependency', async () => {
    const app = newProject();
    await npmAsync(['install', '--omit=dev', packedTarball()], app);
    expectWorking(join(app, 'node_modules', '.bin', 'keysentry'));
    const npx = spawnSync('npx', ['--no-install', 'keysentry', 'scan', leaky], { cwd: app, env: gitEnv, encoding: 'utf8' });
    expect(npx.status, npx.stderr).toBe(1);
    const dev = installed(app).filter((name) => name in pkg.devDependencies);
    expect(dev, 'the bundle carries what it needs; devDependencies stay out').toEqual([]);
  });

  it('npm install -g from a git URL gives a working keysentry on the prefix', async () => {
    const prefix = tempDir('keysentry-global-');
    await npmAsync(['install', '-g', '--omit=dev', '--prefix', prefix, repo.url], tempDir('keysentry-cwd-'));
    expectWorking(join(prefix, 'bin', 'keysentry'));
  });

  it('npm i -D from a git URL gives the project a working keysentry', async () => {
    const app = newProject();
    // --omit=dev would leave out keysentry itself here; what the test shows is that installing from
    // git builds nothing, so no devDependency of keysentry is fetched or needed.
    const out = await npmAsync(['install', '-D', repo.url], app);
    expect(out).not.toMatch(/tsc|not found/);
    expectWorking(join(app, 'node_modules', '.bin', 'keysentry'));
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies.keysentry).toMatch(/^git\+file:/);
  });
});
