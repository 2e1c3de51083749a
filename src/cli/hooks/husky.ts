// husky v9, at the top of the repository or in a package in a subfolder (a monorepo), where its
// documented setup is `"prepare": "cd .. && husky web/.husky"`: husky must run where .git is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { guarded } from './files.js';

export interface Husky {
  /** The directory holding husky's hook scripts (.husky by default). */
  dir: string;
  /** Whether git in this clone runs them (core.hooksPath set by `husky`). */
  active: boolean;
}

/** The husky that runs this clone's hooks, or the one the package or repository has set up. */
export function findHusky(top: string, pkg: string, hooksDir: string): Husky | undefined {
  // husky v9 points core.hooksPath at <dir>/_, whose stubs run <dir>/<hook> through _/h.
  if (basename(hooksDir) === '_' && existsSync(join(hooksDir, 'h'))) return { dir: dirname(hooksDir), active: true };
  // Set up but not in this clone yet (a fresh clone before npm install): the package's first.
  for (const dir of new Set([pkg, top])) {
    if (existsSync(join(dir, '.husky')) || huskyDependency(dir)) return { dir: join(dir, '.husky'), active: false };
  }
  return undefined;
}

function readPackage(dir: string): { scripts?: Record<string, string>; devDependencies?: object; dependencies?: object } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

export function huskyDependency(dir: string): boolean {
  const pkg = readPackage(dir);
  return Boolean(pkg && ('husky' in (pkg.devDependencies ?? {}) || 'husky' in (pkg.dependencies ?? {})));
}

/** husky's prepare script for a package at `pkg` whose hook scripts are in `husky`. */
export function prepareScript(top: string, pkg: string, husky: string): string {
  const dir = relative(top, husky).split(sep).join('/');
  const arg = dir === '.husky' ? '' : ` ${dir}`;
  if (pkg === top) return `husky${arg}`;
  // husky refuses to run where there is no .git, and refuses a path with '..' in it.
  return `cd ${relative(pkg, top).split(sep).join('/')} && husky ${dir}`;
}

/**
 * Adds husky's prepare script to the package that depends on husky, so that every npm install
 * (the teammate's fresh clone) points git at the hooks. Returns what to tell the user, if anything.
 */
export function ensurePrepare(top: string, pkg: string, husky: Husky, show: (file: string) => string): string | undefined {
  if (!huskyDependency(pkg)) return undefined;
  const file = join(pkg, 'package.json');
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text) as { scripts?: Record<string, string> };
  const script = prepareScript(top, pkg, husky.dir);
  const current = json.scripts?.prepare;
  if (current !== undefined) {
    return /\bhusky\b/.test(current)
      ? undefined
      : `Note: ${show(file)}'s prepare script does not run husky, so a fresh clone gets no hooks: add \`${script}\` to it.`;
  }
  (json.scripts ??= {}).prepare = script;
  // Keep the file's own indentation, as `husky init` does.
  guarded(file, () => writeFileSync(file, `${JSON.stringify(json, null, /^\t/m.test(text) ? '\t' : 2)}\n`));
  return `Added "prepare": "${script}" to ${show(file)}, so npm install sets husky up in every clone.`;
}
