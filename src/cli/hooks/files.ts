// The file operations of `keysentry init`: each failure is the user's to fix (exit 2, one line).
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../../errors.js';
import { HOOK_MARK } from './scripts.js';

export function exists(file: string): boolean {
  try {
    lstatSync(file); // a dangling symlink is still someone's hook
    return true;
  } catch {
    return false;
  }
}

export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function guarded(file: string, action: () => void): void {
  try {
    action();
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Written beside the target and renamed over it: git never runs a half-written hook. */
export function writeHook(file: string, text: string): void {
  const tmp = `${file}.keysentry-${process.pid}.tmp`;
  guarded(file, () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp, text);
      // Git skips hooks that are not executable; the umask must not decide that.
      chmodSync(tmp, 0o755);
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}

/** Whether keysentry wrote this hook (then init may rewrite it), and what a backup of it is called. */
export function ownHook(file: string): boolean {
  return (readIfExists(file) ?? '').split('\n').includes(HOOK_MARK);
}

/** The backup our hook chains to, read back from the hook itself, so a rewrite keeps calling it. */
export function chainedBackup(file: string): string | undefined {
  const text = readIfExists(file) ?? '';
  return /^\[ -x "\$\(dirname -- "\$0"\)"\/'([^'\n]+)' \]/m.exec(text)?.[1];
}

/**
 * Someone else's hook is never replaced silently: without --force init refuses; with it the
 * hook is moved aside, to a name no earlier backup holds, and that name is returned.
 */
export function moveForeignHook(file: string, force: boolean, show: (file: string) => string): string | undefined {
  if (!exists(file) || ownHook(file)) return undefined;
  const content = readIfExists(file) ?? '';
  if (!force) {
    const advice = content.includes('pre-commit.com')
      ? 'it belongs to the pre-commit framework: add keysentry to .pre-commit-config.yaml instead'
      : 'add keysentry to it yourself';
    throw new UserError(
      `${show(file)} exists and was not written by keysentry: ${advice}, or rerun with --force to move it aside (it still runs after the check)`,
    );
  }
  let backup = `${file}.keysentry-backup`;
  for (let n = 1; exists(backup); n++) backup = `${file}.keysentry-backup.${n}`;
  guarded(file, () => renameSync(file, backup));
  return backup;
}
