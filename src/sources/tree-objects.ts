// A tree's unmodified tracked files, read from git's object store in one `git cat-file --batch`
// stream instead of opened one by one: on tens of thousands of small files, the open/read/close
// calls Node makes one at a time cost more than the search, while git inflates the blobs on the
// other core. What git's index says differs from its blob (edited, deleted, unmerged, sparse,
// symlinks, submodules) is read from disk as before, so a scan finds exactly what the disk holds.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { Chunk, ScanContext } from '../types.js';
import { ChunkCutter } from './chunks.js';

/** Below this many listed files, reading them from disk costs less than starting the git processes. */
export const OBJECT_STORE_MIN_FILES = 2000;

// As in walk.ts: set by a hook, these would point git at the hook's repository, not dir's.
const HOOK_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE'];

function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of HOOK_VARIABLES) delete env[name];
  return env;
}

function gitOutput(args: string[], cwd: string): Promise<{ code: number | null; out: Buffer }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', () => resolve({ code: -1, out: Buffer.alloc(0) }));
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out) }));
  });
}

/**
 * Which files listed under dir (paths relative to dir, as git lists them) hold exactly their
 * index blob: path → blob id. Undefined when the object store cannot stand in for the disk here:
 * where attributes or eol settings may make a checked-out file differ from its blob (line-ending
 * conversion, LFS and other filters, working-tree-encoding), or when git fails.
 */
export async function unchangedBlobs(dir: string, listed: string[]): Promise<Map<string, string> | undefined> {
  if (listed.some((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'))) return undefined;
  const [index, config, where] = await Promise.all([
    // -t tags each entry: H tracked, S skip-worktree, M unmerged, C modified (-m: stat data or,
    // for a racily clean entry, content differs from the index, as `git status` decides), R deleted.
    gitOutput(['ls-files', '-z', '--stage', '-t', '--cached', '--modified'], dir),
    // A partial clone would fetch missing blobs over the network: the disk has them.
    gitOutput(['config', '-z', '--get-regexp', '^core\\.(autocrlf|eol|attributesfile)$|^extensions\\.partialclone$'], dir),
    gitOutput(['rev-parse', '--show-toplevel', '--git-path', 'info/attributes'], dir),
  ]);
  if (index.code !== 0 || where.code !== 0) return undefined;
  // git config exits 1 when nothing matches: the plain case.
  if (config.code !== 1 && !isPlainConfig(config.out.toString('utf8'))) return undefined;
  const [top = '', infoAttributes = ''] = where.out.toString('utf8').split('\n');
  if (!top || existsSync(join(dir, infoAttributes)) || globalAttributes()) return undefined;
  // .gitattributes files between dir and the top of the work tree apply to dir's files as well.
  for (let at = dir; at.length > top.length && at !== dirname(at); at = dirname(at)) {
    if (existsSync(join(dirname(at), '.gitattributes'))) return undefined;
  }

  const blobs = new Map<string, string>();
  const differs = new Set<string>();
  const out = index.out;
  for (let start = 0, end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) {
    // "<tag> <mode> <sha> <stage>\t<path>"
    const tab = out.indexOf(9, start);
    if (tab < 0 || tab > end) continue;
    const path = out.toString('utf8', tab + 1, end);
    const tag = out[start];
    const mode = out.toString('latin1', start + 2, start + 8);
    // Only regular files at stage 0 whose stat data matched: anything else is the disk's to say.
    if (tag === 0x48 /* H */ && (mode === '100644' || mode === '100755') && out[tab - 1] === 0x30 && !path.includes('\uFFFD')) {
      blobs.set(path, out.toString('latin1', start + 9, tab - 2));
    } else {
      differs.add(path);
    }
  }
  for (const path of differs) blobs.delete(path);
  return blobs;
}

// core.autocrlf=false is the only eol setting under which a checkout writes a blob's bytes as they are.
function isPlainConfig(entries: string): boolean {
  for (const entry of entries.split('\0')) {
    if (!entry) continue;
    const [name = '', value = ''] = entry.split('\n');
    if (name !== 'core.autocrlf' || value.trim().toLowerCase() !== 'false') return false;
  }
  return true;
}

/** git's default global attributes file, read when core.attributesFile is unset. */
function globalAttributes(): boolean {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return existsSync(join(base, 'git', 'attributes'));
}

const NL = 10;
/** Blobs up to this size are handed over whole; bigger ones stream, as a file read from disk does. */
const HOLD_WHOLE = 8 << 20;

/**
 * The blobs, in the order given, from one `git cat-file --batch`: ask for each in turn with
 * `next(sha)`. The ids are written as git takes them and its output is read as it comes; a blob is
 * held whole (as views into git's output), which the files this is used for, a tree's, allow.
 */
export class BlobStream {
  private readonly child;
  private readonly source: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private exited: Promise<number | null>;

  constructor(cwd: string, shas: string[]) {
    this.child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
    this.exited = new Promise((resolve) => {
      this.child.on('error', () => resolve(-1));
      this.child.on('close', resolve);
    });
    const stdin = this.child.stdin;
    stdin.on('error', () => {}); // git stopping early shows as a short stream
    const write = async () => {
      const batch = 4096;
      for (let i = 0; i < shas.length; i += batch) {
        if (!stdin.write(`${shas.slice(i, i + batch).join('\n')}\n`)) {
          await new Promise((resolve) => stdin.once('drain', resolve));
        }
      }
      stdin.end();
    };
    void write();
    this.source = this.child.stdout[Symbol.asyncIterator]();
  }

  /** The next piece of git's output, whole: never copied, only viewed. */
  private async fill(): Promise<void> {
    const next = await this.source.next();
    if (next.done) throw new Error('git cat-file ended before every blob was read');
    this.buf = next.value;
    this.pos = 0;
  }

  /** The header line of the next object, which may start in one piece of output and end in the next. */
  private async header(): Promise<string> {
    let nl = this.buf.indexOf(NL, this.pos);
    if (nl >= 0) {
      const line = this.buf.toString('latin1', this.pos, nl);
      this.pos = nl + 1;
      return line;
    }
    let line = this.buf.toString('latin1', this.pos);
    for (;;) {
      await this.fill();
      nl = this.buf.indexOf(NL);
      if (nl >= 0) break;
      line += this.buf.toString('latin1');
    }
    this.pos = nl + 1;
    return line + this.buf.toString('latin1', 0, nl);
  }

  /**
   * The next blob, which must be sha: its bytes, in the pieces they arrive in. Most blobs of a
   * tree of small files lie whole in one piece of git's output and come back at once.
   */
  async next(sha: string): Promise<Buffer[] | AsyncGenerator<Buffer>> {
    const header = await this.header();
    const space = header.lastIndexOf(' ');
    if (!header.startsWith(sha) || !header.startsWith(' blob ', sha.length) || space < 0) {
      throw new Error(`git cat-file: expected blob ${sha}, got "${header}"`);
    }
    const size = Number(header.slice(space + 1));
    return size > HOLD_WHOLE ? this.stream(size) : this.whole(size);
  }

  private async whole(size: number): Promise<Buffer[]> {
    let left = size;
    const pieces: Buffer[] = [];
    while (left > 0) {
      if (this.pos >= this.buf.length) await this.fill();
      const take = Math.min(left, this.buf.length - this.pos);
      pieces.push(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      left -= take;
    }
    await this.blobEnd();
    return pieces;
  }

  /** A big blob, piece by piece as it arrives: memory holds one piece of it at a time. */
  private async *stream(size: number): AsyncGenerator<Buffer> {
    for (let left = size; left > 0; ) {
      if (this.pos >= this.buf.length) await this.fill();
      const take = Math.min(left, this.buf.length - this.pos);
      const piece = this.buf.subarray(this.pos, this.pos + take);
      this.pos += take;
      left -= take;
      yield piece;
    }
    await this.blobEnd();
  }

  // Each blob ends with a newline of git's.
  private async blobEnd(): Promise<void> {
    if (this.pos >= this.buf.length) await this.fill();
    this.pos++;
  }

  /** Stops git; true when it had printed every blob and exited cleanly. */
  async close(): Promise<boolean> {
    this.child.stdin.destroy();
    const done = this.pos >= this.buf.length && (await this.source.next()).done === true;
    if (!done) this.child.kill();
    return done && (await this.exited) === 0;
  }
}

export interface StoredFiles {
  /** The blob id to read for this reported path, if it is read from the object store. */
  blobOf(path: string): string | undefined;
  /** The file's chunks, read from the object store: call in listing order, for every blobOf path. */
  read(path: string, sha: string, ctx: ScanContext): AsyncGenerator<Chunk>;
  close(): Promise<void>;
}

/**
 * The object-store reader for a listing of dir (reported under prefix), or undefined where it
 * does not apply. skip says which reported paths the scan leaves unread (config ignore globs):
 * git is asked for the others' blobs, in listing order, which is the order they are read in.
 */
export async function storedFiles(
  dir: string,
  prefix: string,
  listed: string[],
  skip: (path: string) => boolean,
): Promise<StoredFiles | undefined> {
  if (listed.length < OBJECT_STORE_MIN_FILES) return undefined;
  const blobs = await unchangedBlobs(dir, listed);
  if (!blobs) return undefined;
  const byPath = new Map<string, string>();
  const order: string[] = [];
  for (const p of listed) {
    const sha = blobs.get(p);
    const path = posix.join(prefix, p);
    if (sha === undefined || skip(path)) continue;
    byPath.set(path, sha);
    order.push(sha);
  }
  if (!order.length) return undefined;
  const stream = new BlobStream(dir, order);
  return {
    blobOf: (path) => byPath.get(path),
    async *read(path, sha, ctx) {
      const cutter = new ChunkCutter(path);
      ctx.stats.files++;
      const blob = await stream.next(sha);
      if (Array.isArray(blob)) {
        for (const piece of blob) {
          ctx.stats.bytes += piece.length;
          yield* cutter.push(piece);
        }
      } else {
        // A big blob must be read to its end even if the scan stops, or the next would be misread.
        for await (const piece of blob) {
          ctx.stats.bytes += piece.length;
          yield* cutter.push(piece);
        }
      }
      yield* cutter.end();
    },
    async close() {
      await stream.close();
    },
  };
}
