// `keysentry scan [paths..]`: the files of a working tree, as git sees them unless told otherwise.
import { closeSync, readdirSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { posix, resolve, sep } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import micromatch from 'micromatch';
import { UserError } from '../errors.js';
import { redactKeys } from '../redact.js';
import type { Chunk, ScanContext } from '../types.js';
import { ChunkCutter } from './chunks.js';
import { describeError, openEntry, quote, readBlock, type OpenOptions, type Opened } from './files.js';
import { gitEntries, listGitFiles, walkTree, type Entry } from './walk.js';

export interface TreeOptions {
  /** Scan what .gitignore ignores too (never .git itself). */
  noIgnore?: boolean;
  /** micromatch globs from the config, matched against the reported path. */
  ignore?: string[];
  /** What relative paths are relative to; the process's cwd by default. */
  cwd?: string;
}

/**
 * Chunks of every file under the given paths (files or directories), in a deterministic order:
 * each path in turn; within a directory, git's file list sorted, or a depth-first walk in name
 * order. Paths are reported as the user wrote them, normalised: `.` → `src/a.ts`,
 * `/abs/dir` → `/abs/dir/a.ts`. Throws a UserError, before yielding anything, if a path is missing.
 */
export async function* treeSource(
  paths: string[],
  ctx: ScanContext,
  options: TreeOptions = {},
): AsyncGenerator<Chunk> {
  const cwd = options.cwd ?? process.cwd();
  const roots: { abs: string; path: string; dir: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      roots.push({ abs, path: reportedRoot(p), dir: (await stat(abs)).isDirectory() });
    } catch (e) {
      throw new UserError(`cannot scan ${quote(p)}: ${describeError(e)}`);
    }
  }
  const tree = new Tree(ctx, options);
  let breath = Date.now();
  for (const root of roots) {
    const chunks = root.dir
      ? tree.directory(root.abs, root.path, { root: await realpath(root.abs) })
      : tree.files([{ abs: root.abs, path: root.path }], {});
    for await (const chunk of chunks) {
      yield chunk;
      // Reads are synchronous and chunks pass through promises alone, which would keep signal
      // handlers and timers (Ctrl-C, a progress line) waiting until the scan ends.
      if (Date.now() - breath > 50) {
        await setImmediate();
        breath = Date.now();
      }
    }
  }
}

/** A directory's real path as a key: its bytes, as two names that are not UTF-8 may differ only there. */
function realPath(abs: string | Buffer): string {
  try {
    return realpathSync.native(abs, { encoding: 'buffer' }).toString('latin1');
  } catch {
    return Buffer.from(abs).toString('latin1'); // gone since it was listed: listing it says so
  }
}

function reportedRoot(p: string): string {
  // join() drops './' and a trailing '/', so `./src/` and `src` report the same paths.
  return posix.join(sep === '\\' ? p.replaceAll('\\', '/') : p, '.');
}

class Tree {
  private gitMissing = false;
  /** Real paths of the directories listed so far: none is entered twice, whatever git answers. */
  private readonly entered = new Set<string>();
  private readonly ignored: (path: string) => boolean;

  constructor(
    private readonly ctx: ScanContext,
    private readonly options: TreeOptions,
  ) {
    const matchers = (options.ignore ?? []).map((g) => micromatch.matcher(g, { dot: true }));
    this.ignored = (path) => matchers.some((m) => m(path));
  }

  async *directory(abs: string | Buffer, path: string, open: OpenOptions): AsyncGenerator<Chunk> {
    const real = realPath(abs);
    if (this.entered.has(real)) return;
    this.entered.add(real);
    // git cannot be started in a folder whose name is not UTF-8 (a process's cwd is a string).
    if (!this.options.noIgnore && !this.gitMissing && typeof abs === 'string') {
      const listing = await listGitFiles(abs);
      switch (listing.kind) {
        case 'ok':
          // Git lists a submodule folder without its own repository (not initialised: the state
          // after `git clone` and actions/checkout) as `./`, the folder itself, and nothing else.
          if (listing.paths.some((p) => p.path === '.')) {
            yield* this.unpopulated(abs, path, open);
            return;
          }
          for (let i = 0; i < listing.ignored; i++) this.ctx.skip('ignored by .gitignore');
          yield* this.files(gitEntries(listing.paths, abs, path), { ...open, listed: true });
          return;
        case 'no-git':
          this.gitMissing = true;
          this.ctx.warn('git is not on PATH: scanning without .gitignore rules, ignored files included');
          break;
        case 'failed':
          this.ctx.warn(`git could not list ${quote(path)} (${listing.message}): scanning it without .gitignore rules`);
          break;
        case 'not-repo':
          break;
      }
    }
    const nestedRepos = !this.options.noIgnore && !this.gitMissing;
    yield* this.files(walkTree(abs, path, this.ctx, nestedRepos), open);
  }

  /**
   * A submodule folder holding no repository: empty (not initialised), it is reported as skipped,
   * by name; anything left in it is on disk to be read, so it is scanned, without ignore rules,
   * as tools that scan a folder (gitleaks dir, trufflehog filesystem) do.
   */
  private async *unpopulated(abs: string | Buffer, path: string, open: OpenOptions): AsyncGenerator<Chunk> {
    if (readdirSync(abs).length === 0) {
      this.ctx.skip('uninitialised submodule');
      this.ctx.warn(
        `skipped submodule ${redactKeys(quote(path))}: not initialised (\`git submodule update --init\` checks it out to be scanned)`,
      );
      return;
    }
    yield* this.files(walkTree(abs, path, this.ctx, true), open);
  }

  async *files(entries: Iterable<Entry>, open: OpenOptions): AsyncGenerator<Chunk> {
    for (const entry of entries) {
      if (this.ignored(entry.path)) {
        this.ctx.skip('ignored by config');
        continue;
      }
      const opened: Opened = entry.repo ? { kind: 'dir' } : openEntry(entry.abs, entry.path, open, entry.regular);
      switch (opened.kind) {
        case 'skip':
          this.ctx.skip(opened.reason);
          if (opened.warning) this.ctx.warn(opened.warning);
          break;
        case 'dir':
          // A submodule or nested repository: its own repository says what it ignores.
          yield* this.directory(entry.abs, entry.path, { root: open.root });
          break;
        case 'file':
          yield* this.read(entry.path, opened);
          break;
      }
    }
  }

  private *read(path: string, file: Extract<Opened, { kind: 'file' }>): Generator<Chunk> {
    const { stats } = this.ctx;
    const { fd } = file;
    const cutter = new ChunkCutter(path);
    stats.files++;
    stats.bytes += file.first.length;
    let failure: unknown;
    try {
      yield* cutter.push(file.first);
      while (fd !== undefined) {
        let block: Buffer;
        try {
          block = readBlock(fd);
        } catch (e) {
          failure = e;
          break;
        }
        if (!block.length) break;
        stats.bytes += block.length;
        yield* cutter.push(block);
      }
      yield* cutter.end();
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    if (failure !== undefined) {
      this.ctx.skip('read error (partly scanned)');
      this.ctx.warn(`cannot read all of ${quote(path)}: ${describeError(failure)}`);
    }
  }
}
