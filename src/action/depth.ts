// A history scan of commits the clone does not hold would pass without having looked at them.
// actions/checkout fetches a single commit by default, so this is the common case, not an edge:
// before scanning, make sure every commit the plan names is present and that the range does not
// run into the cut-off edge of a shallow clone.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { git, gitStream } from '../sources/git.js';
import type { ScanPlan } from './plan.js';

const FIX = 'Set `fetch-depth: 0` on the actions/checkout step so the whole history is fetched.';

/** Why the plan's commits cannot all be scanned, in one line naming them and the fix; undefined if they can. */
export async function unseenCommits(plan: ScanPlan, cwd: string): Promise<string | undefined> {
  if (plan.command !== 'history') return undefined;
  // Throws a one-line error when git is missing or cwd is not a repository; every later failure
  // of git is then about the revision asked for.
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], cwd)).toString().trim() === 'true';
  const edge = shallow ? await shallowEdge(cwd) : new Set<string>();

  if (!plan.range) {
    return edge.size ? `cannot scan every commit: this shallow clone lacks the parents of ${list([...edge])}. ${FIX}` : undefined;
  }
  const { base, head, baseName } = plan.range;
  const missing: string[] = [];
  if (!(await isCommit(base, cwd))) missing.push(`${short(base)} (${baseName})`);
  if (!(await isCommit(head, cwd))) missing.push(`${short(head)} (the last commit to scan)`);
  if (missing.length) {
    const verb = missing.length > 1 ? 'are' : 'is';
    return `cannot see the commits to scan: ${missing.join(' and ')} ${verb} not in this ${shallow ? 'shallow ' : ''}clone. ${FIX}`;
  }
  const cut = edge.size ? await edgeInRange(`${base}..${head}`, edge, cwd) : [];
  return cut.length
    ? `cannot see every commit of ${short(base)}..${short(head)}: this shallow clone lacks the parents of ${list(cut)}. ${FIX}`
    : undefined;
}

/** The commits at the edge of a shallow clone: present, but their parents are not. */
async function shallowEdge(cwd: string): Promise<Set<string>> {
  // Relative to cwd; in a linked worktree git points into the common directory.
  const file = resolve(cwd, (await git(['rev-parse', '--git-path', 'shallow'], cwd)).toString().trim());
  return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
}

function isCommit(rev: string, cwd: string): Promise<boolean> {
  return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd).then(
    () => true,
    () => false,
  );
}

/** The edge commits the range walks through: streamed, since a push can hold very many commits. */
async function edgeInRange(range: string, edge: Set<string>, cwd: string): Promise<string[]> {
  const shas = Readable.from(gitStream(['rev-list', '--end-of-options', range], cwd, () => {}));
  const hits: string[] = [];
  for await (const sha of createInterface({ input: shas })) if (edge.has(sha)) hits.push(sha);
  return hits;
}

function short(rev: string): string {
  return /^[0-9a-f]{40,64}$/.test(rev) ? rev.slice(0, 7) : rev;
}

function list(shas: string[]): string {
  const shown = shas.slice(0, 5).map(short).join(', ');
  return shas.length > 5 ? `${shown} and ${shas.length - 5} more` : shown;
}
