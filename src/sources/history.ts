// `keysentry history`: every commit reachable from any ref, merges and commit messages included;
// each key once per path, at the first commit that put it there.
//
// A whole history is read in two passes (see the README's design section for the figures):
// 1. every blob once, straight from the packs (`cat-file --batch-all-objects`), through the
//    detector: the few blobs that hold a key are remembered by id;
// 2. `git log --raw` (tree diffs, no patches) oldest first (`--reverse --topo-order`, so a commit
//    always comes after its parents) names the commit and path where each blob first appears, and
//    carries the messages; only the remembered blobs are read again, there, whole.
// Then what refs reach without a commit (tags.ts): tag messages, blobs and trees tagged directly.
// A range (`--range`, `--since`: CI on a push) is a few commits: their patches are cheaper than
// every object, so it is read from one streamed `git log -p`, merges as dense combined diffs.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { COMMIT_MESSAGE_PATH, type Chunk, type ScanContext, type Shard } from '../types.js';
import { readChunks } from './chunks.js';
import { LOG_FORMAT, diffChunks } from './diff.js';
import { BlobReader, DIFF_OPTIONS, git, gitStream, spooledGit, treeBlobs } from './git.js';
import { scanObjects, type KeyTest } from './objects.js';
import { LOG_WINDOWS, SEQUENTIAL_WINDOWS, boundWindows, readdirSafe } from './packs.js';
import { UNREACHED_WARNING, shardOwns } from './shard.js';
import { tagChunks } from './tags.js';

export interface HistoryOptions {
  cwd?: string;
  /** A revision range such as A..B; the default is every commit reachable from any ref. */
  range?: string;
  /** Commits after this revision up to HEAD (REV..HEAD), as CI scans a push. */
  since?: string;
  /**
   * The detector's verdict on a chunk. Given, a whole history is read blob by blob (pass 1
   * above) and only blobs it says yes to are yielded; without it, every commit's patch is.
   */
  mayHoldKey?: KeyTest;
  /**
   * How a whole history is read, when the size of the repository should not decide (tests run
   * both on one repository and compare): 'blobs' needs mayHoldKey.
   */
  strategy?: Strategy;
  /**
   * Whether the whole-history readers get small pack windows (packs.ts), when the shape of the
   * packs should not decide (tests run both ways on one repository).
   */
  packWindows?: 'bounded' | 'default';
  /** Paths whose blobs are never yielded (config ignore globs). */
  ignored?: (path: string) => boolean;
  /**
   * Scan only this shard's blobs, commit messages and tag messages (see shard.ts); every commit
   * is still walked, so each key found is placed where it came in. A whole history only.
   */
  shard?: Shard;
}

export async function* historySource(ctx: ScanContext, options: HistoryOptions = {}): AsyncGenerator<Chunk> {
  const cwd = options.cwd ?? process.cwd();
  if (options.range !== undefined && options.since !== undefined) {
    throw new UserError('give either a range or a since revision, not both');
  }
  if (options.shard && (options.range !== undefined || options.since !== undefined)) {
    throw new UserError('a shard is a share of the whole history: --shard cannot be used with --range or --since');
  }
  const owns = shardOwns(options.shard);
  const info = (await git(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow', '--git-path', 'objects'], cwd)).toString('utf8');
  const [shallow, shallowFile = '', objectsDir = ''] = info.split('\n');
  if (shallow === 'true') {
    const cut = readFileSync(resolve(cwd, shallowFile), 'utf8').split('\n').filter(Boolean).length;
    ctx.warn(
      `shallow clone: history is cut at ${cut} boundary commit${cut === 1 ? '' : 's'}; older commits were not ` +
        'scanned, and a boundary commit counts as adding its whole tree (git fetch --unshallow scans everything)',
    );
  }

  const range = options.range ?? (options.since === undefined ? undefined : `${options.since}..HEAD`);
  const revisions = range === undefined ? ['--all'] : ['--end-of-options', range];
  const before = ctx.stats.commits ?? 0;
  ctx.stats.commits = before;
  // Config-ignored paths are counted as skipped, once each, never passed over in silence.
  const ignoredPaths = new Set<string>();
  const ignored = (path: string): boolean => {
    if (!options.ignored?.(path)) return false;
    if (!ignoredPaths.has(path)) {
      ignoredPaths.add(path);
      ctx.skip('ignored by config');
    }
    return true;
  };
  const blobs = new BlobReader(cwd);
  try {
    // Shards split the blobs, which only the two-pass read reads one by one.
    const strategy =
      range === undefined && options.mayHoldKey
        ? (options.strategy ?? (options.shard ? 'blobs' : strategyFor(resolve(cwd, objectsDir))))
        : 'patches';
    if (strategy === 'blobs' && options.mayHoldKey) {
      // A large pack of whole objects is read through small pack windows (packs.ts): git's
      // memory then stays bounded however large the pack is.
      const bounded = (options.packWindows ?? (boundWindows(resolve(cwd, objectsDir)) ? 'bounded' : 'default')) === 'bounded';
      // The two passes' git commands run side by side; the log waits in a file for its turn.
      const log = [...(bounded ? LOG_WINDOWS : []), 'log', ...ORDER, `--format=${LOG_FORMAT}`, '--raw', '--no-renames', '--no-abbrev', '--cc', ...revisions, '--'];
      const spool = spooledGit(log, cwd, (m) => ctx.warn(m));
      try {
        const objects = await scanObjects(cwd, options.mayHoldKey, ctx, { owns, windows: bounded ? SEQUENTIAL_WINDOWS : [] });
        // Counted, not collected: a partial clone can lack every blob it names.
        let missing = 0;
        let example = '';
        // A key is reported once per path, so a blob that holds one is read again at each path
        // it first appears at (a copy, a move), never twice at one.
        const read = new Set<string>();
        // The blobs with keys that a commit or a ref reaches: any other is told, never dropped in silence.
        const placed = new Set<string>();
        const firstSight = (sha: string, path: string) => {
          if (!objects.has(sha)) {
            missing++;
            example ||= `${path} (${sha.slice(0, 12)})`;
            ctx.skip('blob missing from the repository', path);
          }
          // Asked of every path, not only those holding a key, so the count matches a patch read's.
          const skip = ignored(path);
          if (!objects.withKeys.has(sha)) return false;
          placed.add(sha);
          if (skip) return false;
          const place = `${sha}\0${path}`;
          if (read.has(place)) return false;
          read.add(place);
          return true;
        };
        yield* diffChunks(spool.read(), blobs, ctx, firstSight, owns);
        const worth = (sha: string) => objects.withKeys.has(sha) && !!placed.add(sha);
        yield* tagChunks(cwd, blobs, ctx, { worth, countBlobs: false, ignored, messageOf: owns });
        const unreached = objects.withKeys.size - placed.size;
        if (unreached) {
          ctx.warn(`${unreached}${UNREACHED_WARNING}`);
        }
        if (missing) {
          ctx.warn(
            `${missing} file version(s) named by the history are missing from the repository and were not scanned, ` +
              `such as ${JSON.stringify(example)}. Objects go missing in a partial clone (--filter), a copy or ` +
              'snapshot that left out large files or packs, or a corrupt repository: scan a full clone (git fsck lists them)',
          );
        }
      } finally {
        spool.dispose();
      }
    } else {
      const log = ['log', ...ORDER, `--format=${LOG_FORMAT}`, '--cc', ...PATCH_OPTIONS, ...revisions, '--'];
      for await (const chunk of diffChunks(gitStream(log, cwd, (m) => ctx.warn(m)), blobs, ctx)) {
        if (chunk.commit && chunk.path !== COMMIT_MESSAGE_PATH && ignored(chunk.path)) continue;
        yield chunk;
      }
      if (range === undefined) yield* tagChunks(cwd, blobs, ctx, { worth: () => true, countBlobs: true, ignored, messageOf: owns });
    }
  } finally {
    blobs.close();
  }
  if (range === undefined && ctx.stats.commits === before) ctx.warn('the repository has no commits: nothing to scan');
}

export type Strategy = 'blobs' | 'patches';

/**
 * Two passes pay off once there is much to read; below this size of the object store (packed
 * and loose, as `git count-objects -v` reports it) one pass over patches is faster, with three
 * fewer git processes and no temporary file. Measured in the README's design section.
 */
const ONE_PASS_BELOW_KIB = 256;

/**
 * The one place where a whole history's read strategy is chosen, from the size of the object
 * store's files, read here rather than by `git count-objects`: a process costs tens of
 * milliseconds, which is what a small history's scan is about.
 */
function strategyFor(objects: string): Strategy {
  let bytes = 0;
  const add = (dir: string, keep: (name: string) => boolean) => {
    for (const name of readdirSafe(dir)) {
      if (keep(name)) bytes += statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
      if (bytes >= ONE_PASS_BELOW_KIB * 1024) return;
    }
  };
  add(join(objects, 'pack'), (name) => name.endsWith('.pack'));
  for (let i = 0; i < 256 && bytes < ONE_PASS_BELOW_KIB * 1024; i++) add(join(objects, i.toString(16).padStart(2, '0')), () => true);
  return bytes < ONE_PASS_BELOW_KIB * 1024 ? 'patches' : 'blobs';
}

// Oldest first, parents before children; a root commit's whole tree counts as added.
const ORDER = ['--reverse', '--topo-order', '--root', '--encoding=UTF-8'];

// A key is reported at every path it was put at, so a moved file is a new place: without rename
// detection its content shows as added at the new name, as the blob pass sees it too.
const PATCH_OPTIONS = [...DIFF_OPTIONS.filter((o) => o !== '-M'), '--no-renames'];

/**
 * The content HEAD's tree holds at these paths (those it has), as chunks: whether a key found in
 * the history is still there to clean. Nothing when HEAD names no commit (an unborn branch).
 * HEAD's tree is listed whole rather than by pathspec: no argument-length limit, no glob in a name
 * to misread, and listing even a large tree costs a fraction of reading its history.
 */
export async function* headChunks(cwd: string, paths: ReadonlySet<string>): AsyncGenerator<Chunk> {
  if (!paths.size) return;
  const wanted: { sha: string; path: string }[] = [];
  try {
    for await (const entry of treeBlobs(cwd, 'HEAD', () => {})) if (paths.has(entry.path)) wanted.push(entry);
  } catch {
    return; // HEAD names no commit yet
  }
  const blobs = new BlobReader(cwd);
  try {
    for (const { sha, path } of wanted) {
      const content = await blobs.open(sha);
      if (content) yield* readChunks(path, content);
    }
  } finally {
    blobs.close();
  }
}
