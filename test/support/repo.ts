// Real git repositories in temp dirs, isolated from the developer's own git configuration.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

// Every temp dir a test file makes goes when the file is done (test/support/cleanup.ts), whether
// or not its tests cleaned up.
const made: string[] = [];

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = 'keysentry-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export class TempRepo {
  readonly dir: string;
  private tick = 0;

  constructor(dir?: string, init = true) {
    this.dir = dir ?? tempDir('keysentry-repo-');
    if (init) this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    // Fixed dates keep commit ids stable and make "which commit came first" unambiguous.
    const date = new Date(Date.UTC(2024, 0, 1) + this.tick * 1000).toISOString();
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  /** Writes files, stages everything and commits; returns the new commit's sha. */
  commit(message: string, files: Record<string, string | Buffer> = {}): string {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
    this.git('add', '-A');
    this.tick++;
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
