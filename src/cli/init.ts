// `keysentry init`: makes every commit in this clone run `keysentry staged`.
// With husky, the command goes into husky's pre-commit script, which the team shares through
// git; otherwise a standalone hook goes wherever git looks for hooks in this clone.
import {
  appendFileSync,
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { UserError } from '../errors.js';

export interface InitOptions {
  /** Replace a pre-commit hook keysentry did not write, keeping it as a backup. */
  force: boolean;
}

/** The line that marks a standalone hook as ours, so init may rewrite it and never anyone else's. */
export const HOOK_MARK =
  '# keysentry-hook: written by `keysentry init`, which may rewrite this file; delete this line to keep your edits.';

// A hook that cannot find keysentry must refuse the commit: passing would look like "no keys found".
const NOT_INSTALLED =
  'command -v keysentry >/dev/null || { echo "keysentry: not found on PATH, so this commit was not checked for API keys;' +
  ' install it (npm install --save-dev keysentry), or skip the check once with git commit --no-verify" >&2; exit 1; }';

/**
 * Husky v9 runs `.husky/pre-commit` with `sh -e` and node_modules/.bin first on PATH, so the
 * plain command runs the project's own keysentry, with no npx start-up cost on every commit.
 */
export const HUSKY_SNIPPET = [
  '# keysentry: refuse commits that add OpenAI or DeepSeek API keys',
  NOT_INSTALLED,
  'keysentry staged',
].join('\n');

/**
 * Git runs hooks from the top of the work tree. node_modules/.bin goes first, as npm scripts and
 * husky do, so a project-local keysentry wins over a global one; PATH is looked up when the
 * hook runs, so a node upgrade or a cleaned npx cache cannot leave a dangling path behind.
 */
export const PLAIN_HOOK = [
  '#!/bin/sh',
  HOOK_MARK,
  '# Refuses a commit that adds an OpenAI or DeepSeek API key; `git commit --no-verify` skips it once.',
  'PATH="$PWD/node_modules/.bin:$PATH"',
  NOT_INSTALLED,
  'exec keysentry staged',
  '',
].join('\n');

// simple-git for the two small questions init asks git: it words git's failures, and init is not
// on the hot path where its start-up would count (the scanning commands spawn git themselves).
async function git(args: string[], cwd: string): Promise<string> {
  try {
    return (await simpleGit(cwd).raw(args)).trim();
  } catch (e) {
    if (/\bENOENT\b/.test(String((e as Error).message))) throw new UserError('git is not installed or not on PATH');
    throw e;
  }
}

export async function runInit(cwd: string, options: InitOptions, out: NodeJS.WritableStream): Promise<number> {
  let top: string;
  try {
    top = await git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${cwd} is not inside a git work tree: run keysentry init in the repository to protect`);
  }
  // Relative to cwd, and already following core.hooksPath and linked worktrees' common dir.
  const hooksDir = resolve(cwd, await git(['rev-parse', '--git-path', 'hooks'], cwd));
  const show = (file: string) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
  const say = (line: string) => out.write(`${line}\n`);

  const husky = huskyDir(top, hooksDir);
  if (husky) {
    const file = join(husky.dir, 'pre-commit');
    say(addToHusky(file, show));
    if (!husky.active) {
      say(
        `Note: git does not run ${show(husky.dir)} hooks in this clone yet: run \`npx husky\` once ` +
          '(a "prepare": "husky" script in package.json does it on every npm install).',
      );
    }
    return 0;
  }

  const file = join(hooksDir, 'pre-commit');
  const backup = guardForeignHook(file, options.force, show);
  if (existsSync(file) && readFileSync(file, 'utf8') === PLAIN_HOOK) {
    say(`${show(file)} already runs keysentry; nothing to change.`);
    return 0;
  }
  writeHook(file);
  if (backup) say(`Moved the existing pre-commit hook to ${show(backup)}.`);
  say(`Installed the keysentry pre-commit hook in ${show(file)}.`);
  return 0;
}

interface Husky {
  /** The directory holding husky's hook scripts (.husky by default). */
  dir: string;
  /** Whether git in this clone runs them (core.hooksPath set by `husky`). */
  active: boolean;
}

function huskyDir(top: string, hooksDir: string): Husky | undefined {
  // husky v9 points core.hooksPath at <dir>/_, whose stubs run <dir>/<hook> through _/h.
  if (basename(hooksDir) === '_' && existsSync(join(hooksDir, 'h'))) return { dir: dirname(hooksDir), active: true };
  // Set up in the project but not in this clone yet (a fresh clone before npm install).
  const dir = join(top, '.husky');
  if (existsSync(dir) || huskyDependency(top)) return { dir, active: false };
  return undefined;
}

function huskyDependency(top: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(top, 'package.json'), 'utf8'));
    return Boolean(pkg?.devDependencies?.husky ?? pkg?.dependencies?.husky);
  } catch {
    return false;
  }
}

/** Any command line naming keysentry counts: the user may already run it their own way. */
const RUNS_KEYSENTRY = /^(?!\s*#).*\bkeysentry\b/m;

function addToHusky(file: string, show: (file: string) => string): string {
  const existing = readIfExists(file);
  if (existing !== undefined && RUNS_KEYSENTRY.test(existing)) {
    return `${show(file)} already runs keysentry; nothing to change.`;
  }
  // husky v9's layout: plain commands, no shebang, no husky.sh line.
  const separator = existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  guarded(file, () => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${separator}${HUSKY_SNIPPET}\n`);
  });
  const done =
    existing === undefined
      ? `Created ${show(file)} (husky) running \`keysentry staged\`.`
      : `Added \`keysentry staged\` to ${show(file)} (husky).`;
  // Not our lines to delete, but husky v9 prints a deprecation on every commit and v10 fails on them.
  return existing !== undefined && SOURCES_HUSKY_SH.test(existing)
    ? `${done}\nNote: ${show(file)} still sources husky.sh (husky v8's layout), which husky v9 deprecates and v10 refuses: ` +
        'delete its `#!/usr/bin/env sh` and `. "$(dirname -- "$0")/_/husky.sh"` lines.'
    : done;
}

/** husky v5-v8's preamble line, `. "$(dirname -- "$0")/_/husky.sh"`, in any of its spellings. */
const SOURCES_HUSKY_SH = /^(?!\s*#).*\/_\/husky\.sh\b/m;

/**
 * Someone else's hook is never replaced silently: without --force init refuses; with it the
 * hook is moved aside, to a name no earlier backup holds, and the new path is returned.
 */
function guardForeignHook(file: string, force: boolean, show: (file: string) => string): string | undefined {
  if (!exists(file)) return undefined;
  const content = readIfExists(file) ?? '';
  if (content.split('\n').includes(HOOK_MARK)) return undefined;
  if (!force) {
    const advice = content.includes('pre-commit.com')
      ? 'it belongs to the pre-commit framework: add keysentry to .pre-commit-config.yaml instead'
      : 'add `keysentry staged` to it yourself';
    throw new UserError(
      `${show(file)} exists and was not written by keysentry: ${advice}, or rerun with --force to replace it (it is kept as a backup)`,
    );
  }
  let backup = `${file}.keysentry-backup`;
  for (let n = 1; exists(backup); n++) backup = `${file}.keysentry-backup.${n}`;
  guarded(file, () => renameSync(file, backup));
  return backup;
}

/** Written beside the target and renamed over it: git never runs a half-written hook. */
function writeHook(file: string): void {
  const tmp = `${file}.keysentry-${process.pid}.tmp`;
  guarded(file, () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp, PLAIN_HOOK);
      // Git skips hooks that are not executable; the umask must not decide that.
      chmodSync(tmp, 0o755);
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}

function exists(file: string): boolean {
  try {
    lstatSync(file); // a dangling symlink is still someone's hook
    return true;
  } catch {
    return false;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function guarded(file: string, action: () => void): void {
  try {
    action();
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
