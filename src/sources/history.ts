// `keysentry history`: every commit's patch from one streamed `git log -p`, merges as dense
// combined diffs (which show exactly the lines a merge itself introduced), commit messages too.
//
// Order: oldest first (`--reverse --topo-order`): a commit always comes after its parents, so the
// first chunk that holds a key is the commit that introduced it, whatever the commit dates say.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Chunk, ScanContext } from '../types.js';
import { LOG_FORMAT, diffChunks } from './diff.js';
import { BlobReader, DIFF_OPTIONS, git, gitStream } from './git.js';

export interface HistoryOptions {
  cwd?: string;
  /** A revision range such as A..B; the default is every commit reachable from any ref. */
  range?: string;
  /** Commits after this revision up to HEAD (REV..HEAD), as CI scans a push. */
  since?: string;
}

export async function* historySource(ctx: ScanContext, options: HistoryOptions = {}): AsyncGenerator<Chunk> {
  const cwd = options.cwd ?? process.cwd();
  if (options.range !== undefined && options.since !== undefined) {
    throw new UserError('give either a range or a since revision, not both');
  }
  const info = (await git(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], cwd)).toString('utf8');
  const [shallow, shallowFile = ''] = info.split('\n');
  if (shallow === 'true') {
    const cut = readFileSync(resolve(cwd, shallowFile), 'utf8').split('\n').filter(Boolean).length;
    ctx.warn(
      `shallow clone: history is cut at ${cut} boundary commit${cut === 1 ? '' : 's'}; older commits were not ` +
        'scanned, and a boundary commit counts as adding its whole tree (git fetch --unshallow scans everything)',
    );
  }

  const range = options.range ?? (options.since === undefined ? undefined : `${options.since}..HEAD`);
  const args = [
    'log',
    '--reverse',
    '--topo-order',
    '--cc',
    '--root',
    '--encoding=UTF-8',
    `--format=${LOG_FORMAT}`,
    ...DIFF_OPTIONS,
    // A range is a revision, never an option, whatever it starts with.
    ...(range === undefined ? ['--all'] : ['--end-of-options', range]),
    '--',
  ];
  const before = ctx.stats.commits ?? 0;
  ctx.stats.commits = before;
  const blobs = new BlobReader(cwd);
  try {
    yield* diffChunks(gitStream(args, cwd, (m) => ctx.warn(m)), blobs, ctx);
  } finally {
    blobs.close();
  }
  if (range === undefined && ctx.stats.commits === before) ctx.warn('the repository has no commits: nothing to scan');
}
