import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The git work tree holding path (where .keysentry.json lives), or undefined outside one. */
export function repoRoot(path: string): Promise<string | undefined> {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  return new Promise((done) => {
    execFile('git', ['rev-parse', '--show-toplevel'], { cwd: dir }, (err, stdout) =>
      done(err ? undefined : stdout.trim() || undefined),
    );
  });
}
