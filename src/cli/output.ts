// Report files are written whole or not at all: a scan killed mid-write must never leave a
// half-written SARIF that looks like a clean result. Signal handlers cannot run inside these
// synchronous functions, so the rename is the only moment the file appears.
import { accessSync, chmodSync, closeSync, constants, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Report } from '../types.js';

export interface WriteOptions {
  /** The content holds full keys (--show-secrets): a new file is readable by its owner only. */
  secret?: boolean;
}

type Target = { kind: 'file'; path: string; existing?: Stats } | { kind: 'stream'; path: string };

/**
 * Says now, before a scan that may take minutes, that `file` cannot be written: a missing
 * directory, a directory in its place, a read-only file.
 */
export function checkWritable(file: string): void {
  target(file);
}

/** A report as a whole string or in pieces (reporters make pieces, so 100k findings never sit in one string). */
export type Content = string | Iterable<string>;

// Pieces are gathered up to this size before a write: few system calls, little memory.
const BATCH = 256 * 1024;

/** Calls write with the content in batches of about BATCH characters. */
function inBatches(content: Content, write: (text: string) => void): void {
  if (typeof content === 'string') {
    write(content);
    return;
  }
  let batch = '';
  for (const piece of content) {
    batch += piece;
    if (batch.length >= BATCH) {
      write(batch);
      batch = '';
    }
  }
  if (batch) write(batch);
}

/** Writes a report to stdout (or another stream) in batches, never as one string. */
export function writeOut(stream: NodeJS.WritableStream, content: Content): void {
  inBatches(content, (text) => stream.write(text));
}

/** write(2) may take part of a buffer (a pipe, a signal): loop until all of it is written. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

function writeFd(fd: number, content: Content): void {
  try {
    inBatches(content, (text) => writeAll(fd, text));
  } finally {
    closeSync(fd);
  }
}

export function writeAtomic(file: string, content: Content, options: WriteOptions = {}): void {
  const where = target(file);
  if (where.kind === 'stream') {
    // `-o /dev/stdout`, a FIFO: renaming over it would replace the device node or pipe with a
    // regular file (as root, for every process on the machine), so write into it instead.
    try {
      writeFd(openSync(where.path, 'w'), content);
    } catch (e) {
      throw new UserError(`cannot write ${file}: ${why(e)}`);
    }
    return;
  }
  // A symlink stays a symlink: the report replaces the file it points to, in that file's directory.
  const tmp = join(dirname(where.path), `.${basename(where.path)}.keysentry-${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true }); // left by a killed run of the same pid; 'wx' then refuses a planted link
    writeFd(openSync(tmp, 'wx', options.secret ? 0o600 : 0o666), content);
    if (where.existing) chmodSync(tmp, where.existing.mode & 0o7777); // replacing keeps who may read it
    renameSync(tmp, where.path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
}

function target(file: string): Target {
  // An empty name is a slip (an unset variable in `-o "$OUT"`), not a request for stdout.
  if (file === '') throw new UserError('cannot write the report: the file name is empty');
  let st: Stats | undefined;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  if (!st) return { kind: 'file', path: newFileIn(danglingTarget(file) ?? file) };
  if (st.isDirectory()) throw new UserError(`cannot write ${file}: it is a directory`);
  if (!st.isFile()) return { kind: 'stream', path: file };
  // Renaming over a file needs only a writable directory, so the file's own mode is checked here:
  // a report must not silently replace a file its owner made read-only. The mode bits decide
  // even for root, who may write anything but should not clobber what was protected on purpose.
  if ((st.mode & 0o222) === 0) throw new UserError(`cannot write ${file}: it is read-only`);
  try {
    accessSync(file, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  const path = realpathSync(file);
  writableDir(dirname(path), file);
  return { kind: 'file', path, existing: st };
}

/**
 * Where a symlink that points to nothing yet points: the report is written through it (as through
 * any symlink), creating that file, and the link stays a link.
 */
function danglingTarget(file: string): string | undefined {
  let link = file;
  // A chain of links ends at the name the new file gets; a loop is refused by the OS below.
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(link).isSymbolicLink()) return link === file ? undefined : link;
    } catch {
      return link === file ? undefined : link;
    }
    link = resolve(dirname(link), readlinkSync(link));
  }
  throw new UserError(`cannot write ${file}: too many levels of symbolic links`);
}

/** The path a new file will have, once its directory is known to exist and take new files. */
function newFileIn(file: string): string {
  const dir = dirname(file);
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write ${file}: ${code === 'ENOENT' ? 'its directory does not exist' : why(e)}`);
  }
  if (!st.isDirectory()) throw new UserError(`cannot write ${file}: ${dir} is not a directory`);
  writableDir(dir, file);
  return file;
}

function writableDir(dir: string, file: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: cannot create files in ${dir} (${why(e)})`);
  }
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOENT':
      // Seen in pseudo file systems (/proc) that list a directory but take no new files.
      return 'cannot create files there';
    default:
      return err.code ?? err.message;
  }
}

/** One line for a person: how many findings and keys, or that there are none. */
export function summaryLine(report: Report): string {
  const n = report.findings.length;
  if (!n) return 'no OpenAI or DeepSeek keys found';
  const keys = new Set(report.findings.map((f) => f.fingerprint)).size;
  return `${n} finding${n === 1 ? '' : 's'} (${keys} distinct key${keys === 1 ? '' : 's'})`;
}

let stdoutClosed = false;

/**
 * Writes to stdout and resolves to `code`. A reader that stopped reading (`| head -1`, `| true`)
 * is not an error: the run ends quietly with the code it would have had, as `git log | head`
 * does. Any other write error (a full disk) is one line and exit 2, never a stack trace.
 */
export function writeStdout(content: Content, code: number, stream: NodeJS.WriteStream = process.stdout): Promise<number> {
  if (stdoutClosed) return Promise.resolve(code);
  return new Promise((done, fail) => {
    let ended = false;
    const onError = (e: NodeJS.ErrnoException) => {
      if (ended) return;
      ended = true;
      stream.off('error', onError);
      // Later writes (and the stream's own retries) must not throw either.
      stream.on('error', () => {});
      if (e.code === 'EPIPE') {
        stdoutClosed = true;
        done(code);
      } else fail(new UserError(`cannot write to stdout: ${why(e)}`));
    };
    stream.on('error', onError);
    try {
      // Pipes and files are written synchronously on Linux, so batches do not pile up in memory;
      // the callback of the last (empty) write says whether all of it went out.
      inBatches(content, (text) => {
        if (!ended) stream.write(text);
      });
      stream.write('', (e) => {
        if (e) return onError(e);
        if (ended) return;
        ended = true;
        stream.off('error', onError);
        done(code);
      });
    } catch (e) {
      // A file as stdout is written synchronously, and can throw.
      onError(e as NodeJS.ErrnoException);
    }
  });
}
