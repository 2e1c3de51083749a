// `keysentry history` names every place a key was put (one finding per key and path, at the
// first commit that put it there) and says whether HEAD still holds it there.
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo } from '../support/repo.js';

const keys = new KeyGen(1010);
const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}
afterAll(() => repos.forEach((r) => r.remove()));

interface Place {
  path: string;
  line: number;
  commit?: string;
  fingerprint: string;
  atHead?: boolean;
}

function history(r: TempRepo, ...args: string[]): Place[] {
  const out = runCli(['history', '--format', 'json', ...args], { cwd: r.dir });
  expect(out.stderr).toBe('');
  const findings = (JSON.parse(out.stdout) as { findings: Place[] }).findings;
  expect(out.code).toBe(findings.length ? 1 : 0);
  return findings.map(({ path, line, commit, fingerprint, atHead }) => ({ path, line, commit, fingerprint, atHead }));
}

const where = (places: Place[]) => places.map(({ path, commit, atHead }) => ({ path, commit, atHead }));

describe('keysentry history: every place a key was put', () => {
  it('reports a key committed into two files of one commit twice, identical files included', () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('init', { 'README.md': 'hello\n' });
    // The same bytes in both files: one blob, two places.
    const both = r.commit('add', { 'a.env': `K=${key}\n`, 'b.env': `K=${key}\n`, 'c.py': `# x\nkey = "${key}"\n` });
    const places = history(r);
    expect(where(places)).toEqual([
      { path: 'a.env', commit: both, atHead: true },
      { path: 'b.env', commit: both, atHead: true },
      { path: 'c.py', commit: both, atHead: true },
    ]);
    expect(new Set(places.map((p) => p.fingerprint)).size).toBe(1);
  });

  it('reports a key deleted and later re-added in another file (or moved) at both places', () => {
    const r = repo();
    const key = keys.deepseek();
    r.commit('init', { 'README.md': 'hello\n' });
    const first = r.commit('add', { 'old.env': `DEEPSEEK_API_KEY=${key}\n` });
    r.git('rm', '-q', 'old.env');
    r.commit('remove');
    r.commit('unrelated', { 'README.md': 'hello again\n' });
    const again = r.commit('re-add elsewhere', { 'config/new.env': `X=1\nDEEPSEEK_API_KEY=${key}\n` });
    r.git('mv', 'config/new.env', 'moved.env');
    const moved = r.commit('move');
    // Back at the first path: the same place, still reported once, at the first commit.
    r.commit('restore', { 'old.env': `DEEPSEEK_API_KEY=${key}\n` });
    expect(where(history(r))).toEqual([
      { path: 'config/new.env', commit: again, atHead: false },
      { path: 'moved.env', commit: moved, atHead: true },
      { path: 'old.env', commit: first, atHead: true },
    ]);
  });

  it('reports a key kept in one file over 50 commits once, at the commit that added it', () => {
    const r = repo();
    const key = keys.openaiLegacy();
    const added = r.commit('add', { 'app.env': `OPENAI_API_KEY=${key}\nN=0\n` });
    for (let i = 1; i <= 50; i++) r.commit(`edit ${i}`, { 'app.env': `OPENAI_API_KEY=${key}\nN=${i}\n`, 'n.txt': `${i}\n` });
    expect(history(r)).toEqual([
      { path: 'app.env', line: 1, commit: added, fingerprint: expect.any(String), atHead: true },
    ]);
  });

  it('says whether HEAD still holds each key: removed, present, or only on an unmerged branch', () => {
    const r = repo();
    const [removed, present, branchOnly] = [keys.openaiProject(), keys.openaiProject(), keys.openaiProject()];
    r.commit('init', { 'gone.env': `K=${removed}\n`, 'kept.env': `K=${present}\n`, 'edited.env': `K=${removed}\n` });
    // Removed from one file, and from another that stays with other content.
    r.git('rm', '-q', 'gone.env');
    r.commit('drop', { 'edited.env': 'K=rotated\n' });
    r.git('checkout', '-q', '-b', 'side');
    const side = r.commit('side', { 'side.env': `K=${branchOnly}\n`, 'kept.env': `K=${present}\nK2=${branchOnly}\n` });
    r.git('checkout', '-q', 'main');
    const places = history(r);
    const at = (path: string, key: string) => places.find((p) => p.path === path && p.fingerprint === fingerprint(key))?.atHead;
    expect(places.map((p) => [p.path, p.atHead])).toEqual([
      ['edited.env', false],
      ['gone.env', false],
      ['kept.env', true],
      ['kept.env', false],
      ['side.env', false],
    ]);
    expect(places.find((p) => p.path === 'side.env')?.commit).toBe(side);
    expect(at('kept.env', present)).toBe(true);
    expect(at('kept.env', branchOnly)).toBe(false);
    // Checked out, the branch's keys are at HEAD and main's removed ones are not.
    r.git('checkout', '-q', 'side');
    expect(history(r).map((p) => [p.path, p.atHead])).toEqual([
      ['edited.env', false],
      ['gone.env', false],
      ['kept.env', true],
      ['kept.env', true],
      ['side.env', true],
    ]);
    // SARIF carries it as a result property.
    const sarif = JSON.parse(runCli(['history', '--format', 'sarif'], { cwd: r.dir }).stdout) as {
      runs: { results: { properties: { atHead?: boolean } }[] }[];
    };
    expect(sarif.runs[0]!.results.map((x) => x.properties.atHead).sort()).toEqual([false, false, true, true, true]);
    // An unborn branch has no tree: nothing is at HEAD.
    r.git('checkout', '-q', '--orphan', 'fresh');
    expect(history(r).map((p) => p.atHead)).toEqual([false, false, false, false, false]);
  });

  it('follows the same rule within --range and --since', () => {
    const r = repo();
    const [before, inRange] = [keys.openaiProject(), keys.openaiProject()];
    const base = r.commit('base', { 'old.env': `K=${before}\n` });
    const c1 = r.commit('copy and add', { 'copy.env': `K=${before}\n`, 'new.env': `K=${inRange}\n`, 'old.env': `K=${before}\nX=1\n` });
    r.commit('again', { 'new.env': `K=${inRange}\nY=2\n`, 'more.env': `K=${inRange}\n` });
    const c3 = r.commit('remove', { 'more.env': 'gone\n' });
    const expected = [
      { path: 'copy.env', commit: c1, atHead: true },
      { path: 'more.env', commit: expect.any(String), atHead: false },
      { path: 'new.env', commit: c1, atHead: true },
    ];
    expect(where(history(r, '--range', `${base}..${c3}`))).toEqual(expected);
    expect(where(history(r, '--since', base))).toEqual(expected);
  });

  it('reports a key only a tag reaches at the tag, never at HEAD', () => {
    const r = repo();
    const [inMessage, inBlob] = [keys.openaiProject(), keys.openaiProject()];
    r.commit('init', { 'README.md': 'hello\n' });
    r.git('tag', '-a', '-m', `v1\n\nkey: ${inMessage}`, 'v1');
    r.write('k.env', `K=${inBlob}\n`);
    r.git('tag', 'raw', r.git('hash-object', '-w', 'k.env').trim());
    expect(where(history(r))).toEqual([
      { path: '<tag raw>', commit: undefined, atHead: false },
      { path: '<tag v1>', commit: undefined, atHead: false },
    ]);
  });

  it('judges a bare repository by its HEAD, the branch a clone checks out', () => {
    const r = repo();
    const [kept, gone] = [keys.openaiProject(), keys.openaiProject()];
    r.commit('add', { 'kept.env': `K=${kept}\n`, 'gone.env': `K=${gone}\n` });
    r.git('rm', '-q', 'gone.env');
    r.commit('remove');
    const bare = repo();
    r.git('clone', '-q', '--bare', r.dir, `${bare.dir}/x.git`);
    const places = history(new TempRepo(`${bare.dir}/x.git`, false));
    expect(places.map((p) => [p.path, p.atHead])).toEqual([
      ['gone.env', false],
      ['kept.env', true],
    ]);
  });
});
