// Running git: small metadata calls, one streamed command, and one long-lived blob reader.
// Every call passes arguments as an array (no shell), and every failure the user can fix
// (no git, not a repository, a bad revision) becomes a one-line UserError.
import { execFile, spawn, type ChildProcessWithoutNullStreams, type StdioOptions } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Configuration overrides that keep git's output in the shape the parsers expect, whatever the
 * user's config says: raw UTF-8 names, paths from the repository root, blank context lines that
 * keep their ' ' marker, no signature checks interleaved with log output.
 */
const STABLE_CONFIG = [
  // The objects as stored: `git replace` would show another commit (or blob) in place of the
  // real one, hiding what it holds. The replacements stay reachable through refs/replace/.
  '--no-replace-objects',
  '-c', 'core.quotePath=false',
  '-c', 'diff.relative=false',
  '-c', 'diff.suppressBlankEmpty=false',
  '-c', 'log.showSignature=false',
];

/**
 * For the cat-file processes that read blobs: a blob over this size is streamed rather than
 * inflated whole in git's memory (a 200 MB file: 37 MB of resident memory instead of 353 MB).
 * Not for diffs, where the same setting would make a large text file binary. git's pack-window
 * limits (core.packedGitLimit) slow git down many times over on a large delta-heavy pack: they
 * are given only to a pack of whole objects (packs.ts).
 */
export const STREAM_BLOBS = ['-c', 'core.bigFileThreshold=32m'];

/**
 * Diff options that fix the patch format: three context lines (so a rule can see a provider's
 * name next to a key), rename detection (moving a file adds no lines), full blob ids (binary
 * changes are read from their blobs), no external diff, textconv or colour, a/ b/ prefixes, and
 * submodules as a one-line change rather than their own diff.
 */
export const DIFF_OPTIONS = [
  '-p',
  '-U3',
  '-M',
  '--full-index',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--submodule=short',
];

function notFound(err: Error & { code?: unknown }): UserError | undefined {
  return err.code === 'ENOENT' ? new UserError('git is not installed or not on PATH') : undefined;
}

/** git's first message line without its "fatal: " label: the part a user needs. */
function gitMessage(stderr: string, args: readonly string[]): string {
  const line = stderr.split('\n').find((l) => /^(fatal|error): /.test(l)) ?? stderr.split('\n')[0];
  return line?.replace(/^(fatal|error): /, '').trim() || `git ${args[0] ?? ''} failed`;
}

/** Runs a git command whose output is small (metadata) and returns its stdout. */
export function git(args: string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...STABLE_CONFIG, ...args],
      { cwd, encoding: 'buffer', maxBuffer: 1 << 30 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        reject(notFound(err) ?? new UserError(gitMessage(stderr.toString('utf8'), args)));
      },
    );
  });
}

/**
 * One git process with what every streamed command needs: its stderr kept (the first 64 KiB say
 * what went wrong; a runaway stderr must not grow without bound), and `finish()`, which waits for
 * it to exit, throws its failure as one line, and passes its warnings on.
 */
function startGit(args: string[], cwd: string, stdio: StdioOptions, onWarning: (message: string) => void) {
  const child = spawn('git', [...STABLE_CONFIG, ...args], { cwd, stdio });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 1 << 16) stderr += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) => reject(notFound(err) ?? err));
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => {}); // observed in finish(); keeps an early spawn error from going unhandled
  return {
    child,
    async finish(): Promise<void> {
      if ((await exited) !== 0) throw new UserError(gitMessage(stderr, args));
      for (const line of stderr.split('\n')) {
        if (line.startsWith('warning: ')) onWarning(`git: ${line.slice('warning: '.length)}`);
      }
    },
  };
}

/** git's stdout as it arrives; the command's warnings go to onWarning; a failure is thrown at the end. */
export function gitStream(args: string[], cwd: string, onWarning: (message: string) => void): AsyncGenerator<Buffer> {
  return gitFilter(args, cwd, undefined, onWarning);
}

/**
 * gitStream for a command that reads its stdin: input is written as git takes it (never faster,
 * so a long list is never held whole), while its stdout streams back.
 */
export async function* gitFilter(
  args: string[],
  cwd: string,
  input: AsyncIterable<Buffer | string> | undefined,
  onWarning: (message: string) => void,
): AsyncGenerator<Buffer> {
  const git = startGit(args, cwd, [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], onWarning);
  const { stdin, stdout } = git.child;
  let feeding: Promise<void> | undefined;
  if (input) {
    stdin!.on('error', () => {}); // git stopping early shows up in its exit code
    feeding = (async () => {
      for await (const piece of input) {
        if (!stdin!.write(piece)) await new Promise((resolve) => stdin!.once('drain', resolve));
      }
      stdin!.end();
    })();
    feeding.catch(() => git.child.kill());
  }
  let finished = false;
  try {
    yield* stdout!;
    await feeding;
    await git.finish();
    finished = true;
  } finally {
    // The consumer stopped early (or failed): git must not keep running behind it.
    if (!finished) git.child.kill();
  }
}

/**
 * Starts a git command now, its stdout going straight to a temporary file, for a consumer that is
 * busy with something else first: git works meanwhile on the other core, and memory holds none
 * of its output however long it is. `read()` waits for git, then streams the file; `dispose()`
 * stops git and removes the file, and runs at exit too, should the process be interrupted.
 */
export function spooledGit(args: string[], cwd: string, onWarning: (message: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'keysentry-'));
  const file = join(dir, 'git.out');
  const fd = openSync(file, 'w');
  const git = startGit(args, cwd, ['ignore', fd, 'pipe'], onWarning);
  closeSync(fd);
  const dispose = () => {
    if (git.child.exitCode === null) git.child.kill();
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', dispose);
  };
  process.on('exit', dispose);
  return {
    async *read(): AsyncGenerator<Buffer> {
      await git.finish();
      yield* createReadStream(file, { highWaterMark: 1 << 20 });
    },
    dispose,
  };
}

/** Every blob of a tree (or a commit's), with its path from the tree's top; submodules are left out. */
export async function* treeBlobs(cwd: string, tree: string, onWarning: (message: string) => void): AsyncGenerator<{ sha: string; path: string }> {
  let rest = Buffer.alloc(0);
  for await (const buf of gitStream(['ls-tree', '-r', '-z', '--full-tree', tree], cwd, onWarning)) {
    const data = rest.length ? Buffer.concat([rest, buf]) : buf;
    let start = 0;
    for (let nul = data.indexOf(0, start); nul >= 0; nul = data.indexOf(0, start)) {
      const entry = data.subarray(start, nul);
      start = nul + 1;
      const tab = entry.indexOf(9);
      const [, type, sha = ''] = entry.subarray(0, tab).toString('latin1').split(' ');
      if (type === 'blob') yield { sha, path: entry.subarray(tab + 1).toString('utf8') };
    }
    rest = Buffer.from(data.subarray(start));
  }
}

/**
 * Buffered reads over a byte stream that several requests share: lines for headers,
 * exact byte counts for content.
 */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) return false;
    this.buf = this.buf.length ? Buffer.concat([this.buf, next.value]) : next.value;
    return true;
  }

  async line(): Promise<string> {
    let nl: number;
    while ((nl = this.buf.indexOf(10)) < 0) {
      if (!(await this.fill())) throw new Error('git cat-file ended unexpectedly');
    }
    const line = this.buf.subarray(0, nl).toString('utf8');
    this.buf = this.buf.subarray(nl + 1);
    return line;
  }

  /** Yields exactly n bytes in the pieces they arrive in. */
  async *take(n: number): AsyncGenerator<Buffer> {
    while (n > 0) {
      if (!this.buf.length && !(await this.fill())) throw new Error('git cat-file ended unexpectedly');
      const piece = this.buf.subarray(0, n);
      this.buf = this.buf.subarray(piece.length);
      n -= piece.length;
      yield piece;
    }
  }
}

/**
 * Blob contents by id from one long-lived `git cat-file --batch`: a process per blob would cost
 * more than reading most blobs. Reads are sequential; finish one before starting the next.
 */
export class BlobReader {
  private child?: ChildProcessWithoutNullStreams;
  private reader?: ByteReader;

  constructor(private readonly cwd: string) {}

  private start(): ByteReader {
    if (!this.reader) {
      const child = spawn('git', [...STABLE_CONFIG, ...STREAM_BLOBS, 'cat-file', '--batch'], { cwd: this.cwd });
      child.on('error', () => {}); // surfaces as "ended unexpectedly" on the next read
      child.stderr.resume();
      child.stdin.on('error', () => {}); // a dead cat-file shows up the same way
      this.child = child;
      this.reader = new ByteReader(child.stdout[Symbol.asyncIterator]());
    }
    return this.reader;
  }

  /** The blob's bytes, streamed; undefined when the object is missing (e.g. a shallow or partial clone). */
  async open(sha: string): Promise<AsyncGenerator<Buffer> | undefined> {
    const reader = this.start();
    this.child!.stdin.write(`${sha}\n`);
    const [, type, size] = /^\S+ (\S+) (\d+)$/.exec(await reader.line()) ?? [];
    if (size === undefined) return undefined; // "<sha> missing"
    const content = reader.take(Number(size) + 1); // git ends each object with a newline
    if (type !== 'blob') {
      for await (const _ of content);
      return undefined;
    }
    let left = Number(size);
    return (async function* () {
      try {
        for (let next = await content.next(); !next.done; next = await content.next()) {
          if (left > 0) yield next.value.subarray(0, left);
          left -= next.value.length;
        }
      } finally {
        // A reader that stops early must not leave the rest of this blob in front of the next one.
        while (!(await content.next()).done);
      }
    })();
  }

  /** A small object whole, whatever its type (a tag); undefined when it is missing. */
  async object(sha: string): Promise<{ type: string; data: Buffer } | undefined> {
    const reader = this.start();
    this.child!.stdin.write(`${sha}\n`);
    const [, type = '', size] = /^\S+ (\S+) (\d+)$/.exec(await reader.line()) ?? [];
    if (size === undefined) return undefined;
    const parts: Buffer[] = [];
    for await (const piece of reader.take(Number(size) + 1)) parts.push(Buffer.from(piece));
    return { type, data: Buffer.concat(parts).subarray(0, Number(size)) };
  }

  close(): void {
    this.child?.stdin.end();
    this.child?.kill();
  }
}
