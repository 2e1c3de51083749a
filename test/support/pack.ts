// The package as users get it: `npm pack` of this checkout, installed into a fresh project with
// --omit=dev. Tests of install paths and hooks run that copy, never the checkout's own files.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './repo.js';

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
