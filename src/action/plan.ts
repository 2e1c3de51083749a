// Which commits or files a workflow run should scan, from the event that started it.
// Pure: the event name and payload in, a plan out; git is consulted later (see depth.ts).

export const MODES = ['auto', 'staged', 'scan', 'history'] as const;
export type Mode = (typeof MODES)[number];

/** A history range `base..head`: the commits reachable from head and not from base. */
export interface Range {
  base: string;
  head: string;
  /** How a message names base when it cannot be found, e.g. "the pull request's base". */
  baseName: string;
}

export type ScanPlan =
  | { command: 'history'; range?: Range; reason: string }
  | { command: 'scan' | 'staged'; reason: string }
  | { command: 'none'; reason: string };

const ZERO_SHA = /^0+$/;

/** The fields of GitHub's event payloads a plan needs; everything is optional because payloads vary. */
interface Payload {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
  ref?: string;
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  repository?: { default_branch?: string };
}

export function planScan(mode: Mode, eventName: string, payload: Payload): ScanPlan {
  switch (mode) {
    case 'history':
      return { command: 'history', reason: 'every commit (mode: history)' };
    case 'scan':
      return { command: 'scan', reason: 'the checked-out files (mode: scan)' };
    case 'staged':
      return { command: 'staged', reason: 'the staged changes (mode: staged)' };
    case 'auto':
      return autoPlan(eventName, payload);
  }
}

function autoPlan(eventName: string, payload: Payload): ScanPlan {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = payload.pull_request;
      const base = pr?.base?.sha;
      const head = pr?.head?.sha;
      if (!base || !head) throw new Error(`the ${eventName} event payload has no pull_request.base.sha / head.sha`);
      const name = pr?.number === undefined ? 'the pull request' : `pull request #${pr.number}`;
      return { command: 'history', range: { base, head, baseName: `the base of ${name}` }, reason: `the commits of ${name}` };
    }
    case 'merge_group': {
      const base = payload.merge_group?.base_sha;
      const head = payload.merge_group?.head_sha;
      if (!base || !head) throw new Error('the merge_group event payload has no merge_group.base_sha / head_sha');
      return { command: 'history', range: { base, head, baseName: 'the merge queue base' }, reason: 'the commits of the merge group' };
    }
    case 'push':
      return pushPlan(payload);
    case 'schedule':
    case 'workflow_dispatch':
      return { command: 'history', reason: `every commit (${eventName} event)` };
    default:
      // No commit range to speak of (release, issue_comment, …): the files as checked out.
      return { command: 'scan', reason: `the checked-out files (${eventName || 'unknown'} event)` };
  }
}

function pushPlan(p: Payload): ScanPlan {
  const ref = p.ref ?? '';
  if (p.deleted || (p.after && ZERO_SHA.test(p.after))) {
    return { command: 'none', reason: `push deleted ${ref}: nothing to scan` };
  }
  const { before, after } = p;
  if (!after) throw new Error('the push event payload has no "after" commit');
  // A new ref has no "before"; a force push's "before" is no longer reachable and is not fetched.
  // Either way, the commits new to the repository are those not on the default branch, which was
  // scanned when they reached it. Pushing to the default branch itself leaves only full history.
  if (!before || ZERO_SHA.test(before) || p.created || p.forced) {
    const main = p.repository?.default_branch;
    const why = p.forced ? 'force push' : 'new ref';
    if (!main || ref === `refs/heads/${main}`) {
      return { command: 'history', reason: `every commit (${why} to ${ref})` };
    }
    return {
      command: 'history',
      range: { base: `refs/remotes/origin/${main}`, head: after, baseName: `origin/${main}, the default branch` },
      reason: `the commits of ${ref} not on ${main} (${why})`,
    };
  }
  return { command: 'history', range: { base: before, head: after, baseName: 'the commit before the push' }, reason: `the commits pushed to ${ref}` };
}
