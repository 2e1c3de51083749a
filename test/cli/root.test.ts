// repoRoot finds the work tree without git where it safely can: its answer must be git's own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/cli/root.js';
import { TempRepo, gitEnv, tempDir } from '../support/repo.js';

beforeAll(() => {
  Object.assign(process.env, gitEnv);
});

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
});

function gitsAnswer(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

describe('repoRoot', () => {
  it("agrees with git rev-parse --show-toplevel wherever it is asked", async () => {
    const r = new TempRepo();
    r.commit('one', { 'a/b/c.txt': 'x\n' });
    const wt = join(tempDir(), 'linked');
    r.git('worktree', 'add', '-q', wt);
    const bare = tempDir();
    execFileSync('git', ['init', '-q', '--bare', bare]);
    const moved = new TempRepo();
    moved.git('config', 'core.worktree', join(moved.dir, 'a'));
    mkdirSync(join(moved.dir, 'a'));
    const notRepo = tempDir();
    const fakeDotGit = tempDir();
    writeFileSync(join(fakeDotGit, '.git'), 'not a gitdir line\n');

    const places = [
      r.dir,
      join(r.dir, 'a', 'b'),
      join(r.dir, 'a', 'b', 'c.txt'),
      join(r.dir, 'a', 'missing.txt'),
      join(r.dir, '.git'),
      join(r.dir, '.git', 'objects'),
      wt,
      join(wt, 'a'),
      bare,
      join(bare, 'refs'),
      moved.dir,
      join(moved.dir, 'a'),
      notRepo,
      fakeDotGit,
    ];
    for (const place of places) {
      const dir = place.endsWith('.txt') ? join(place, '..') : place;
      const want = gitsAnswer(dir);
      expect({ place, root: await repoRoot(place) }).toEqual({ place, root: want && realpathSync(want) });
    }
  });

  it('leaves the answer to git when a variable moves the repository', async () => {
    const r = new TempRepo();
    const other = new TempRepo();
    process.env.GIT_DIR = join(other.dir, '.git');
    process.env.GIT_WORK_TREE = other.dir;
    expect(await repoRoot(r.dir)).toBe(realpathSync(other.dir));
  });
});
