// Opens one file of a tree for reading, or says why it is not read. Nothing here follows a
// symlink found in the tree or opens anything but a regular file.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import { CHUNK_SIZE } from './chunks.js';

export type Opened =
  /** More to read from fd when it is set; first holds the whole file otherwise. */
  | { kind: 'file'; first: Buffer; fd?: number }
  | { kind: 'dir' }
  | { kind: 'skip'; reason: string; warning?: string };

export interface OpenOptions {
  /** Real path of the directory the user asked to scan; unset for a file the user named. */
  root?: string;
  /** The path came from git's list, where a missing file is a tracked file deleted on disk. */
  listed?: boolean;
}

// O_NONBLOCK: should a FIFO replace a file between lstat and open, open returns instead of
// waiting for a writer. O_NOFOLLOW: likewise for a symlink.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads the first CHUNK_SIZE bytes: all of a small file, which is then closed.
 * Synchronous on purpose: files a scan reads are nearly always in the page cache (just checked
 * out, just edited), and there the thread pool's round trips cost more than the reads; measured
 * on 10,000 files, sync calls took half the time of callbacks and a third of FileHandles.
 */
export function openEntry(abs: string | Buffer, path: string, options: OpenOptions, regular = false): Opened {
  const named = options.root === undefined;
  let fd: number | undefined;
  if (regular && !named) {
    try {
      return openRegular(abs);
    } catch {
      // Replaced since the directory was read (by a link, a FIFO, a directory), or unreadable:
      // the careful way below says which.
    }
  }
  try {
    const st = named ? statSync(abs) : lstatSync(abs);
    if (st.isSymbolicLink()) return { kind: 'skip', reason: symlinkReason(abs, options.root!) };
    if (st.isDirectory()) return { kind: 'dir' };
    if (!st.isFile()) {
      // FIFOs, sockets and devices: reading one can block forever or never end.
      const warning = named ? `skipped ${quote(path)}: not a regular file` : undefined;
      return { kind: 'skip', reason: 'special file', warning };
    }
    fd = openSync(abs, named ? FLAGS : FLAGS | NOFOLLOW);
    // One byte more than the file's size: a short read then says "end of file" without a
    // second read, and a file that grew meanwhile is read on to its end.
    const want = st.size < CHUNK_SIZE ? st.size + 1 : CHUNK_SIZE;
    const read = readSync(fd, FIRST_BLOCK, 0, want, null);
    if (read === want) return { kind: 'file', first: FIRST_BLOCK.subarray(0, read), fd };
    closeSync(fd);
    return { kind: 'file', first: FIRST_BLOCK.subarray(0, read) };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    return failure(e, path, options.listed === true);
  }
}

// Where every file's first block is read: fresh memory for each of thousands of small files cost
// more (page faults, copies, garbage) than searching them, measured at an eighth of a tree scan.
// The block is reused by the next openEntry: its chunks are searched before then (see Chunk).
const FIRST_BLOCK = Buffer.allocUnsafeSlow(CHUNK_SIZE);

// A file the walk already knows to be regular needs no size, so no lstat: on a tree of small
// files that syscall alone cost a tenth of the scan.
function openRegular(abs: string | Buffer): Opened {
  const fd = openSync(abs, FLAGS | NOFOLLOW);
  try {
    const read = readSync(fd, FIRST_BLOCK, 0, CHUNK_SIZE, null);
    // A regular file reads short only at its end.
    if (read < CHUNK_SIZE) {
      closeSync(fd);
      return { kind: 'file', first: FIRST_BLOCK.subarray(0, read) };
    }
    // As much as was asked for: a large file, or a device that took its place, never read on.
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    return { kind: 'file', first: FIRST_BLOCK, fd };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The next block of a file opened by openEntry; empty at its end. */
export function readBlock(fd: number): Buffer {
  const block = Buffer.allocUnsafe(CHUNK_SIZE);
  return block.subarray(0, readSync(fd, block, 0, CHUNK_SIZE, null));
}

function symlinkReason(abs: string | Buffer, root: string): string {
  let target: string;
  try {
    target = realpathSync.native(abs);
  } catch {
    return 'broken symlink';
  }
  // Inside the root, the target is scanned under its own path (unless ignored): never twice.
  const prefix = root.endsWith(sep) ? root : root + sep;
  return target === root || target.startsWith(prefix) ? 'symlink inside root' : 'symlink outside root';
}

function failure(e: unknown, path: string, listed: boolean): Opened {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return { kind: 'skip', reason: listed ? 'missing on disk' : 'deleted during scan' };
  }
  return { kind: 'skip', reason: 'unreadable', warning: `cannot read ${quote(path)}: ${describeError(e)}` };
}

export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.code ?? err.message;
  }
}

/**
 * A file name's bytes as reports print it: UTF-8 as it is, each byte that is not part of valid
 * UTF-8 as \xNN (as ripgrep and `git -c core.quotePath` show such names).
 */
export function printableName(bytes: Buffer): string {
  // Nearly every name is valid UTF-8: one check of the whole name, not one per character (a
  // history's attribution pass names every file of every commit).
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let from = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]!);
    if (n && isUtf8(bytes.subarray(i, i + n)) && i + n <= bytes.length) {
      i += n;
      continue;
    }
    out += bytes.toString('utf8', from, i) + `\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
    from = ++i;
  }
  return out + bytes.toString('utf8', from);
}

/** Bytes in the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
const sequenceLength = (b: number) => (b < 0x80 ? 1 : b < 0xc2 ? 0 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : b < 0xf5 ? 4 : 0);

/** A path in a one-line message: JSON quoting shows spaces and escapes newlines. */
export const quote = (path: string) => JSON.stringify(path);
