// `keysentry pre-push [remote] [url]`: git's pre-push hook. Scans exactly the commits being pushed,
// so a commit made with `git commit --no-verify` is still stopped before it leaves the machine.
// git writes one line per ref on stdin: `<local ref> <local sha> <remote ref> <remote sha>`.
import { loadConfig } from '../config.js';
import { errorLine, UserError } from '../errors.js';
import { adviceFor } from '../report/remedy.js';
import { buildDetector, runScan } from '../scan.js';
import { git } from '../sources/git.js';
import type { Report } from '../types.js';
import { useColor } from './color.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './exit.js';
import { writeStdout } from './output.js';
import { repoRoot } from './root.js';

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

const ZERO = /^0+$/;

/** git's stdin to the hook; a line not in its shape is a user error (a hand-run hook), not a pass. */
export function parsePushLines(text: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [localRef, localSha, remoteRef, remoteSha, extra] = line.trim().split(/\s+/);
    const sha = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
    if (extra !== undefined || !remoteSha || !sha.test(localSha!) || !sha.test(remoteSha)) {
      throw new UserError(
        `pre-push reads "<local ref> <local sha> <remote ref> <remote sha>" lines on stdin, as git gives them; got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    refs.push({ localRef: localRef!, localSha: localSha!, remoteRef: remoteRef!, remoteSha });
  }
  return refs;
}

/** Whether this clone has the object and it is, or peels to, a commit; git's "no" is an answer, not an error. */
async function isCommit(sha: string, cwd: string): Promise<boolean> {
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * The revision ranges (for `history --range`) that cover exactly the commits being pushed: what
 * the local shas reach and neither the remote's old shas nor any remote-tracking ref does. A
 * deletion (local sha all zeros) pushes nothing; a new branch (remote sha all zeros) pushes what
 * no remote-tracking ref has.
 */
export async function pushedRanges(refs: PushedRef[], cwd: string): Promise<string[]> {
  const tips: string[] = [];
  for (const sha of new Set(refs.filter((r) => !ZERO.test(r.localSha)).map((r) => r.localSha))) {
    // A tag of a tree or a blob sends no commits; a tag of a commit sends the commit's history.
    if (await isCommit(sha, cwd)) tips.push(sha);
  }
  if (!tips.length) return [];
  // A remote sha this clone has never fetched cannot be named to git: the remote-tracking refs stand in.
  const known: string[] = [];
  for (const r of refs) {
    if (!ZERO.test(r.remoteSha) && (await isCommit(r.remoteSha, cwd))) known.push(r.remoteSha);
  }
  let list: string;
  try {
    list = (await git(['rev-list', '--boundary', ...tips, '--not', ...known, '--remotes', '--'], cwd)).toString('utf8');
  } catch (e) {
    throw new UserError(`git rev-list failed for the pushed commits (${tips.map((t) => t.slice(0, 12)).join(', ')}): ${(e as Error).message}`);
  }
  const lines = list.split('\n').filter(Boolean);
  const commits = lines.filter((l) => !l.startsWith('-'));
  const boundary = lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
  if (!commits.length) return [];
  // One tip whose new commits hang off at most one pushed commit: one range says exactly that
  // (every path out of the new commits leads through the boundary). Otherwise, commit by commit.
  if (tips.length === 1 && boundary.length === 1) return [`${boundary[0]}..${tips[0]}`];
  // Nothing pushed below them (a first push, `git push --all` to an empty remote): each tip's
  // whole history, a few scans rather than one per commit.
  if (boundary.length === 0) return tips;
  // rev-list lists newest first: scanned oldest first, a key is reported where it came in.
  return commits.reverse().map((sha) => `${sha}^!`);
}

/** The history scan of each range, as one report: each key once per path, where it first came in. */
async function scanRanges(ranges: string[], cwd: string, root: string): Promise<Report> {
  const config = await loadConfig(undefined, root);
  const detector = await buildDetector(config);
  const report: Report = { findings: [], stats: { files: 0, bytes: 0, commits: 0, skipped: {}, durationMs: 0 }, warnings: [] };
  const seen = new Set<string>();
  for (const range of ranges) {
    const part = await runScan({ command: 'history', cwd, config, detector, paths: [], range });
    for (const f of part.findings) {
      // As `history` does: every path a key was put at is a place to clean.
      const place = `${f.fingerprint}\0${f.path}`;
      if (!seen.has(place)) report.findings.push(f);
      seen.add(place);
    }
    report.stats.files += part.stats.files;
    report.stats.bytes += part.stats.bytes;
    report.stats.commits! += part.stats.commits ?? 0;
    report.stats.durationMs += part.stats.durationMs;
    for (const [reason, n] of Object.entries(part.stats.skipped)) report.stats.skipped[reason] = (report.stats.skipped[reason] ?? 0) + n;
    for (const w of part.warnings) if (!report.warnings.includes(w)) report.warnings.push(w);
  }
  return report;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => (text += d));
    stream.on('end', () => done(text));
    stream.on('error', fail);
  });
}

/** Exit 0: nothing to push or no keys; 1: keys in the pushed commits (git then aborts the push); 2: error. */
export async function prePushCommand(
  args: string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string },
): Promise<number> {
  try {
    // git passes the remote's name and URL; anything that looks like an option is not from git.
    const option = args.find((a) => a.startsWith('-'));
    if (option !== undefined || args.length > 2) {
      throw new UserError(`pre-push is run by git's pre-push hook (keysentry init --pre-push), with the remote's name and URL only; got ${JSON.stringify(option ?? args[2])}`);
    }
    const refs = parsePushLines(await readAll(io.stdin));
    const root = await repoRoot(io.cwd);
    if (!root) throw new UserError(`${io.cwd} is not inside a git work tree`);
    const ranges = await pushedRanges(refs, root);
    if (!ranges.length) return EXIT_CLEAN;
    const report = await scanRanges(ranges, root, root);
    const { consoleReporter } = await import('../report/console.js');
    const { version } = await import('./version.js');
    const color = useColor(io.stdout as NodeJS.WriteStream);
    const text = consoleReporter(report, { showSecrets: false, color, command: 'history', toolVersion: version(), advice: adviceFor('pre-push') });
    return await writeStdout(text, report.findings.length ? EXIT_FINDINGS : EXIT_CLEAN, io.stdout as NodeJS.WriteStream);
  } catch (e) {
    io.stderr.write(`keysentry: ${errorLine(e)}\n`);
    return EXIT_ERROR;
  }
}
