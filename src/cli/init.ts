// `keysentry init`: makes every commit (or, with --pre-push, every push) in this clone run keysentry.
// With husky, the command goes into husky's script, which the team shares through git; otherwise
// a standalone hook goes wherever git looks for hooks in this clone. The hook runs the keysentry
// of the package init was run from, even when that package is a subfolder of the repository.
import { appendFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { simpleGit } from 'simple-git';
import { UserError } from '../errors.js';
import { EXIT_CLEAN } from './exit.js';
import { chainedBackup, guarded, moveForeignHook, readIfExists, writeHook } from './hooks/files.js';
import { ensurePrepare, findHusky, prepareScript } from './hooks/husky.js';
import { huskySnippet, plainHook, type HookName } from './hooks/scripts.js';

export { HOOK_MARK, huskySnippet, plainHook } from './hooks/scripts.js';

export interface InitOptions {
  /** Move aside a hook keysentry did not write; it still runs, after keysentry's check. */
  force: boolean;
  /** Install the pre-push hook (scans the commits being pushed) instead of the pre-commit one. */
  prePush?: boolean;
}

/** The husky line and the standalone hook for a package at the top of the repository. */
export const HUSKY_SNIPPET = huskySnippet('pre-commit', '');
export const PLAIN_HOOK = plainHook('pre-commit', '');

// simple-git for the small questions init asks git: it words git's failures, and init is not
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
  const hook: HookName = options.prePush ? 'pre-push' : 'pre-commit';
  let top: string;
  try {
    top = await git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${cwd} is not inside a git work tree: run keysentry init in the repository to protect`);
  }
  // Relative to cwd, and already following core.hooksPath and linked worktrees' common dir.
  const hooksDir = resolve(cwd, await git(['rev-parse', '--git-path', 'hooks'], cwd));
  const pkg = packageDir(resolve(cwd), top);
  // Hooks start at the top of the work tree: that is where the path to the package starts.
  const pkgPath = relative(top, pkg).split(sep).join('/');
  const show = (file: string) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
  const say = (line: string) => out.write(`${line}\n`);

  const husky = findHusky(top, pkg, hooksDir);
  if (husky) {
    say(addToHusky(join(husky.dir, hook), hook, pkgPath, show));
    const prepare = ensurePrepare(top, pkg, husky, show);
    if (prepare) say(prepare);
    if (!husky.active) {
      const command = prepare?.startsWith('Added') ? 'npm run prepare' : prepareCommand(top, pkg, husky.dir);
      say(`Note: git does not run ${show(husky.dir)} hooks in this clone yet: run \`${command}\` once.`);
    }
    return EXIT_CLEAN;
  }

  const file = join(hooksDir, hook);
  const backup = moveForeignHook(file, options.force, show);
  const previous = backup ? relative(dirname(file), backup) : chainedBackup(file);
  const text = plainHook(hook, pkgPath, previous);
  if (!backup && readIfExists(file) === text) {
    say(`${show(file)} already runs keysentry; nothing to change.`);
    return EXIT_CLEAN;
  }
  writeHook(file, text);
  if (backup) say(`Moved the existing ${hook} hook to ${show(backup)}; it still runs, after keysentry's check.`);
  say(`Installed the keysentry ${hook} hook in ${show(file)}${pkgPath ? ` (it runs the keysentry installed in ${pkgPath}/)` : ''}.`);
  return EXIT_CLEAN;
}

/** The npm package init runs for: the nearest package.json from cwd up to the repository's top. */
function packageDir(cwd: string, top: string): string {
  const inside = (dir: string) => {
    const rel = relative(top, dir);
    return !rel.startsWith('..') && !isAbsolute(rel);
  };
  // git prints the top with symlinks resolved; cwd may hold one.
  let dir = realpathSync(cwd);
  if (!inside(dir)) return top;
  for (; inside(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === top) break;
  }
  return top;
}

/** The one command that sets husky up in this clone, run from the package. */
function prepareCommand(top: string, pkg: string, husky: string): string {
  const script = prepareScript(top, pkg, husky);
  return script.startsWith('cd ') ? script.replace(/&& husky/, '&& npx husky') : `npx ${script}`;
}

/** Any command line naming keysentry counts: the user may already run it their own way. */
const RUNS_KEYSENTRY = /^(?!\s*#).*\bkeysentry\b/m;

function addToHusky(file: string, hook: HookName, pkg: string, show: (file: string) => string): string {
  const existing = readIfExists(file);
  if (existing !== undefined && RUNS_KEYSENTRY.test(existing)) {
    return `${show(file)} already runs keysentry; nothing to change.`;
  }
  // husky v9's layout: plain commands, no shebang, no husky.sh line.
  const separator = existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  guarded(file, () => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${separator}${huskySnippet(hook, pkg)}\n`);
  });
  const command = hook === 'pre-push' ? 'keysentry pre-push' : 'keysentry staged';
  const where = pkg ? ` from ${pkg}/` : '';
  const done =
    existing === undefined
      ? `Created ${show(file)} (husky) running \`${command}\`${where}.`
      : `Added \`${command}\`${where} to ${show(file)} (husky).`;
  // Not our lines to delete, but husky v9 prints a deprecation on every commit and v10 fails on them.
  return existing !== undefined && SOURCES_HUSKY_SH.test(existing)
    ? `${done}\nNote: ${show(file)} still sources husky.sh (husky v8's layout), which husky v9 deprecates and v10 refuses: ` +
        'delete its `#!/usr/bin/env sh` and `. "$(dirname -- "$0")/_/husky.sh"` lines.'
    : done;
}

/** husky v5-v8's preamble line, `. "$(dirname -- "$0")/_/husky.sh"`, in any of its spellings. */
const SOURCES_HUSKY_SH = /^(?!\s*#).*\/_\/husky\.sh\b/m;
