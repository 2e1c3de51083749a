// Report files are written whole or not at all: a scan killed mid-write must never leave a
// half-written SARIF that looks like a clean result. Signal handlers cannot run inside these
// synchronous functions, so the rename is the only moment the file appears.
import { accessSync, chmodSync, closeSync, constants, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

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
  let st: Stats | undefined;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  if (!st) return { kind: 'file', path: newFileIn(file) };
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
