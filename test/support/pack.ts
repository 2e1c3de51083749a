// The package as users get it: `npm pack` of this checkout, installed into a fresh project with
// --omit=dev. Tests of install paths and hooks run that copy, never the checkout's own files.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gitEnv, tempDir } from './repo.js';

export const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

/** npm with this suite's quiet settings; the registry is the only network it may use. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...env, npm_config_update_notifier: 'false' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 300_000,
  });
}

/** npm() without blocking, so that independent installs run side by side. */
export async function npmAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...env, npm_config_update_notifier: 'false' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 300_000,
  });
  return stdout;
}

let tarball: string | undefined;

/** The path of `npm pack` of this checkout, made once per test file. */
export function packedTarball(): string {
  if (tarball) return tarball;
  const dir = tempDir('keysentry-pack-');
  npm(['pack', '--pack-destination', dir], CHECKOUT);
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`npm pack left no tarball in ${dir}`);
  tarball = join(dir, name);
  return tarball;
}

/**
 * Makes `dir` an npm project (a package.json, unless it has one) and installs the packed keysentry
 * into it with --omit=dev, laid out as npm lays out a user's install. Returns the bin path.
 */
export function installPacked(dir: string, extra: string[] = []): string {
  if (!readdirSync(dir).includes('package.json')) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2) + '\n');
  }
  // A dependency, not a dev one: --omit=dev would otherwise leave keysentry itself out. What the
  // flag shows is that keysentry runs without any of its own devDependencies.
  npm(['install', '--omit=dev', packedTarball(), ...extra], dir);
  return join(dir, 'node_modules', '.bin', 'keysentry');
}

let repository: { dir: string; sha: string } | undefined;

/**
 * A git repository holding this checkout's files as they are now (tracked and new, not ignored),
 * in one commit: what installing from a git URL (npm, the pre-commit framework) fetches once these
 * files are committed and pushed. Made once per test file.
 */
export function gitCopyOfCheckout(): { dir: string; url: string; sha: string } {
  if (!repository) {
    const dir = join(tempDir('keysentry-git-'), 'keysentry');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: CHECKOUT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    })
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      // A file deleted but not yet staged is listed yet gone: it is not part of what is committed next.
      try {
        copyFileSync(join(CHECKOUT, file), join(dir, file));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', 'keysentry as committed');
    repository = { dir, sha: git('rev-parse', 'HEAD') };
  }
  return { ...repository, url: `git+file://${repository.dir}` };
}
