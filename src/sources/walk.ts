// Which files a directory holds: git's answer where the directory is in a work tree (so
// .gitignore, .git/info/exclude and the user's excludes apply exactly as git applies them),
// the file system's otherwise.
import { isUtf8 } from 'node:buffer';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import type { ScanContext } from '../types.js';
import { describeError, printableName, quote } from './files.js';

export interface Entry {
  /** As reported: the user's root joined with the path below it, '/'-separated. */
  path: string;
  /** The bytes of the name where it is not UTF-8: a string would name another file, or none. */
  abs: string | Buffer;
  /** A directory holding its own repository, for git to list. */
  repo?: boolean;
  /** The directory listing said: a regular file (so opening it needs no lstat first). */
  regular?: boolean;
}

export type GitListing =
  | { kind: 'ok'; paths: Listed[]; ignored: number }
  | { kind: 'not-repo' }
  | { kind: 'no-git' }
  | { kind: 'failed'; message: string };

// A hook (pre-commit, pre-push) runs with these pointing at the repository it was called for;
// left set, they would make git list that repository whatever directory it is asked about.
const HOOK_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE'];

/**
 * Files below dir that are tracked or untracked-but-not-ignored, relative to dir, sorted. Nested
 * repositories and submodules appear as directory paths. Tracked files missing on disk are
 * listed too: opening them tells. `ignored` counts what .gitignore leaves out (an ignored
 * directory, such as node_modules, counts once), so that a report can say so.
 */
export async function listGitFiles(dir: string): Promise<GitListing> {
  const [listed, ignored] = await Promise.all([
    lsFiles(dir, ['--cached', '--others', '--exclude-standard']),
    lsFiles(dir, ['--others', '--ignored', '--exclude-standard', '--directory']),
  ]);
  if ('spawnError' in listed) {
    return listed.spawnError.code === 'ENOENT' ? { kind: 'no-git' } : { kind: 'failed', message: listed.spawnError.message };
  }
  if (listed.code === 0) {
    const skipped = 'spawnError' in ignored || ignored.code !== 0 ? 0 : parseNulList(ignored.out).length;
    return { kind: 'ok', paths: parseNulList(listed.out), ignored: skipped };
  }
  if (/not a git repository/i.test(listed.err)) return { kind: 'not-repo' };
  return { kind: 'failed', message: listed.err.trim().split('\n')[0] || `git exited with ${listed.code}` };
}

/** A path git listed: as reports print it, and its bytes where they are not UTF-8. */
export interface Listed {
  path: string;
  raw?: Buffer;
}

type LsFiles = { code: number | null; out: Buffer; err: string } | { spawnError: NodeJS.ErrnoException };

function lsFiles(dir: string, args: string[]): Promise<LsFiles> {
  const env = { ...process.env };
  for (const name of HOOK_VARIABLES) delete env[name];
  return new Promise((resolve) => {
    const child = spawn('git', ['ls-files', '-z', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ spawnError: e }));
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err }));
  });
}

function parseNulList(out: Buffer): Listed[] {
  const paths: Listed[] = [];
  for (let start = 0, end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) {
    // Untracked nested repositories come with a trailing '/'.
    const bytes = out.subarray(start, out[end - 1] === 0x2f ? end - 1 : end);
    if (!bytes.length) continue;
    paths.push(isUtf8(bytes) ? { path: bytes.toString('utf8') } : { path: printableName(bytes), raw: Buffer.from(bytes) });
  }
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A file in a merge conflict is listed once per stage.
  return paths.filter((p, i) => p.path !== paths[i - 1]?.path);
}

export function* gitEntries(paths: Listed[], abs: string, path: string): Generator<Entry> {
  for (const p of paths) {
    yield { path: posix.join(path, p.path), abs: p.raw ? Buffer.concat([Buffer.from(abs + sep), p.raw]) : join(abs, p.path) };
  }
}

const SEP = Buffer.from(sep);

interface Child {
  name: string;
  abs: string | Buffer;
  dir: boolean;
  file: boolean;
}

/**
 * The entries of a directory. Names are read as strings, unless one is not UTF-8: then as bytes,
 * so that each can still be opened, and printed with \xNN escapes.
 */
function children(abs: string | Buffer): Child[] {
  if (typeof abs === 'string') {
    const dirents = readdirSync(abs, { withFileTypes: true });
    if (!dirents.some((d) => d.name.includes('\uFFFD'))) {
      return dirents.map((d) => ({ name: d.name, abs: join(abs, d.name), dir: d.isDirectory(), file: d.isFile() }));
    }
  }
  const bytes = typeof abs === 'string' ? Buffer.from(abs) : abs;
  return readdirSync(bytes, { withFileTypes: true, encoding: 'buffer' }).map((d) => {
    const utf8 = isUtf8(d.name);
    const name = utf8 ? d.name.toString('utf8') : printableName(d.name);
    const child = typeof abs === 'string' && utf8 ? join(abs, name) : Buffer.concat([bytes, SEP, d.name]);
    return { name, abs: child, dir: d.isDirectory(), file: d.isFile() };
  });
}

/**
 * Everything below dir but .git, depth first in name order, so every run yields the same order.
 * With nestedRepos, a subdirectory holding a .git is yielded as a repo entry instead of entered,
 * so a scan of a folder of checkouts still honours each one's .gitignore. Synchronous for the
 * reason files are read so (see openEntry).
 */
export function* walkTree(
  abs: string | Buffer,
  path: string,
  ctx: ScanContext,
  nestedRepos: boolean,
  top = true,
): Generator<Entry> {
  let entries: Child[];
  try {
    entries = children(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      ctx.skip('deleted during scan');
    } else {
      ctx.skip('unreadable directory');
      ctx.warn(`cannot read directory ${quote(path)}: ${describeError(e)}`);
    }
    return;
  }
  if (!top && nestedRepos && entries.some((d) => d.name === '.git')) {
    yield { path, abs, repo: true };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    if (d.name === '.git') continue;
    const child = { path: posix.join(path, d.name), abs: d.abs };
    if (d.dir) yield* walkTree(child.abs, child.path, ctx, nestedRepos, false);
    else yield d.file ? { ...child, regular: true } : child;
  }
}
