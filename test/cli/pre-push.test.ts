// Which commits a push sends, from the lines git gives the pre-push hook: real repositories and a
// local bare remote, so remote-tracking refs are what git makes them.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parsePushLines, prePushCommand, pushedRanges, type PushedRef } from '../../src/cli/pre-push.js';
import { redact } from '../../src/detect/secret.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';

const ZERO = '0'.repeat(40);
const keys = new KeyGen(909);

/** A clone with a bare remote holding main's first commit. */
function pushed(): { r: TempRepo; base: string } {
  const remote = new TempRepo(tempDir('keysentry-remote-'), false);
  remote.git('init', '-q', '--bare', '-b', 'main');
  const r = new TempRepo();
  const base = r.commit('initial', { 'README.md': 'hi\n' });
  r.git('remote', 'add', 'origin', remote.dir);
  r.git('push', '-q', 'origin', 'main');
  return { r, base };
}

const line = (local: string, remote: string, ref = 'refs/heads/main'): PushedRef => ({ localRef: ref, localSha: local, remoteRef: ref, remoteSha: remote });

/** The commits the ranges name, as git lists them. */
function commitsOf(r: TempRepo, ranges: string[]): string[] {
  return ranges.flatMap((range) => r.git('rev-list', range).split('\n').filter(Boolean)).sort();
}

async function run(r: TempRepo, stdin: string, args: string[] = ['origin', 'url']) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write: (c, _e, done) => (add(String(c)), done()) });
  const code = await prePushCommand(args, {
    stdin: Readable.from([stdin]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    cwd: r.dir,
  });
  return { code, stdout, stderr };
}

describe('parsePushLines', () => {
  it('reads git\'s four fields per line, and refuses anything else in one line', () => {
    const sha = 'a'.repeat(40);
    expect(parsePushLines(`refs/heads/main ${sha} refs/heads/main ${ZERO}\n\n`)).toEqual([line(sha, ZERO)]);
    expect(parsePushLines('')).toEqual([]);
    expect(() => parsePushLines('main HEAD\n')).toThrow(/^pre-push reads "<local ref> <local sha> <remote ref> <remote sha>" lines on stdin/);
  });
});

describe('pushedRanges', () => {
  it('an update: the commits after the remote\'s sha', async () => {
    const { r, base } = pushed();
    const a = r.commit('a');
    const b = r.commit('b');
    expect(commitsOf(r, await pushedRanges([line(b, base)], r.dir))).toEqual([a, b].sort());
  });

  it('a new branch: only the commits no remote-tracking ref has', async () => {
    const { r } = pushed();
    r.git('checkout', '-q', '-b', 'feature');
    const a = r.commit('a');
    expect(commitsOf(r, await pushedRanges([line(a, ZERO, 'refs/heads/feature')], r.dir))).toEqual([a]);
    // A new branch at a commit the remote has: nothing.
    r.git('checkout', '-q', 'main');
    expect(await pushedRanges([line(r.git('rev-parse', 'HEAD').trim(), ZERO, 'refs/heads/other')], r.dir)).toEqual([]);
  });

  it('a deletion pushes nothing', async () => {
    const { r, base } = pushed();
    expect(await pushedRanges([line(ZERO, base)], r.dir)).toEqual([]);
  });

  it('a first push to an empty remote: every commit', async () => {
    const r = new TempRepo();
    const a = r.commit('a');
    const b = r.commit('b');
    expect(commitsOf(r, await pushedRanges([line(b, ZERO)], r.dir))).toEqual([a, b].sort());
  });

  it('git push --all to an empty remote: every commit of every branch, one range per branch', async () => {
    const r = new TempRepo();
    const a = r.commit('a');
    r.git('checkout', '-q', '-b', 'side');
    const b = r.commit('b');
    r.git('checkout', '-q', 'main');
    const c = r.commit('c');
    const ranges = await pushedRanges([line(c, ZERO), line(b, ZERO, 'refs/heads/side')], r.dir);
    expect(ranges).toHaveLength(2);
    expect([...new Set(commitsOf(r, ranges))].sort()).toEqual([a, b, c].sort());
  });

  it('a tag of a blob sends no commits', async () => {
    const { r } = pushed();
    const blob = r.git('hash-object', '-w', 'README.md').trim();
    r.git('tag', '-a', '-m', 'blob tag', 'blobtag', blob);
    expect(await pushedRanges([line(r.git('rev-parse', 'blobtag').trim(), ZERO, 'refs/tags/blobtag')], r.dir)).toEqual([]);
  });

  it('a merge of two unpushed lines of work onto two pushed bases: exactly the new commits', async () => {
    const { r, base } = pushed();
    r.git('checkout', '-q', '-b', 'side');
    const side = r.commit('side');
    r.git('push', '-q', 'origin', 'side');
    const side2 = r.commit('side 2');
    r.git('checkout', '-q', 'main');
    const main2 = r.commit('main 2');
    r.git('merge', '-q', '--no-ff', '-m', 'merge', 'side');
    const merge = r.git('rev-parse', 'HEAD').trim();
    const ranges = await pushedRanges([line(merge, base)], r.dir);
    expect(commitsOf(r, ranges)).toEqual([side2, main2, merge].sort());
    expect(commitsOf(r, ranges)).not.toContain(side);
  });

  it('a remote sha this clone never fetched (someone else pushed): falls back to the remote-tracking refs', async () => {
    const { r } = pushed();
    const a = r.commit('a');
    expect(commitsOf(r, await pushedRanges([line(a, 'b'.repeat(40))], r.dir))).toEqual([a]);
  });
});

describe('keysentry pre-push', () => {
  it('refuses a pushed commit that adds a key (made with --no-verify), redacted, with the pushed-but-not-yet advice', async () => {
    const { r, base } = pushed();
    const key = keys.openaiProject();
    const leak = r.commit('leak', { 'app.env': `OPENAI_API_KEY=${key}\n` });
    const res = await run(r, `refs/heads/main ${leak} refs/heads/main ${base}\n`);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(redact(key));
    expect(res.stdout).not.toContain(key);
    expect(res.stdout).toContain('Committed but not pushed');
    expect(res.stdout).toContain('`git push --no-verify`');
    expect(res.stdout).not.toContain('BFG');
  });

  it('a key in two files of the pushed commits is reported at both, as history reports it', async () => {
    const { r, base } = pushed();
    const key = keys.openaiProject();
    // Two pushed bases below the merge: the push is scanned commit by commit.
    r.git('checkout', '-q', '-b', 'side');
    r.commit('side');
    r.git('push', '-q', 'origin', 'side');
    r.commit('side leak', { 'a.env': `OPENAI_API_KEY=${key}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main leak', { 'b.env': `OPENAI_API_KEY=${key}\n` });
    r.git('merge', '-q', '--no-ff', '-m', 'merge', 'side');
    const tip = r.git('rev-parse', 'HEAD').trim();
    const res = await run(r, `refs/heads/main ${tip} refs/heads/main ${base}\n`);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('a.env:1:16');
    expect(res.stdout).toContain('b.env:1:16');
  });

  it('passes a clean push and an empty one; a key already on the remote is not the push\'s', async () => {
    const { r } = pushed();
    r.commit('leak', { 'app.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });
    r.git('push', '-q', 'origin', 'main');
    const pushedTip = r.git('rev-parse', 'HEAD').trim();
    const clean = r.commit('clean', { 'a.txt': 'a\n' });
    const res = await run(r, `refs/heads/main ${clean} refs/heads/main ${pushedTip}\n`);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stdout).toContain('No OpenAI or DeepSeek keys found.');
    expect(res.stdout).toContain('1 commit');
    expect(await run(r, '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('bad input: one line on stderr, exit 2', async () => {
    const { r } = pushed();
    const res = await run(r, 'garbage\n');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^keysentry: pre-push reads .*\n$/);
    expect((await run(r, '', ['--range', 'x'])).code).toBe(2);
  });
});
