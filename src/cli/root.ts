import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The git work tree holding path (where .keysentry.json lives), or undefined outside one. */
export function repoRoot(path: string): Promise<string | undefined> {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  const found = plainWorkTree(dir);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((done) => {
    execFile('git', ['rev-parse', '--show-toplevel'], { cwd: dir }, (err, stdout) =>
      done(err ? undefined : stdout.trim() || undefined),
    );
  });
}

// Anything that changes where git looks for a repository: with one of these set, only git knows.
const DISCOVERY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_COMMON_DIR'];

/**
 * The top of the work tree found the way git finds it in the common case, without starting git (a
 * pre-commit hook's budget is tens of milliseconds; a process is several): the nearest directory
 * up from dir with a `.git` directory (or a worktree's or submodule's `.git` file) owned by this
 * user. Undefined when the case is not the common one (a bare repository, a `.git` directory on
 * the way, core.worktree set, a discovery variable, another owner), and git is then asked.
 */
function plainWorkTree(dir: string): string | undefined {
  if (DISCOVERY_VARIABLES.some((v) => process.env[v] !== undefined)) return undefined;
  let real: string;
  try {
    real = realpathSync.native(dir);
  } catch {
    return undefined;
  }
  const uid = process.getuid?.();
  for (let at = real; ; ) {
    if (at.split(/[\\/]/).includes('.git')) return undefined;
    const dotGit = join(at, '.git');
    let st;
    try {
      st = statSync(dotGit, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (st) {
      if (uid === undefined || st.uid !== uid) return undefined;
      if (st.isFile()) return readFileSync(dotGit, 'utf8').startsWith('gitdir: ') ? at : undefined;
      if (!st.isDirectory()) return undefined;
      try {
        // core.worktree moves the work tree elsewhere; rare enough that git may answer for it.
        return /^\s*worktree\s*=/im.test(readFileSync(join(dotGit, 'config'), 'utf8')) ? undefined : at;
      } catch {
        return undefined;
      }
    }
    // A directory that is itself a repository (bare, or a git dir by another name).
    if (statSync(join(at, 'HEAD'), { throwIfNoEntry: false }) && statSync(join(at, 'objects'), { throwIfNoEntry: false })) {
      return undefined;
    }
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}
