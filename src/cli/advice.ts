// The advice context of a scan: which hook ran it, and, for a staged scan of named files (what the
// pre-commit framework passes, and all tracked files under `pre-commit run --all-files`), which
// keys HEAD already holds: those are committed already, and get the history advice.
import { spawnSync } from 'node:child_process';
import { adviceFor, committedKey, type Advice } from '../report/remedy.js';
import type { Finding } from '../types.js';

export function scanAdvice(
  command: 'scan' | 'staged' | 'history',
  findings: readonly Finding[],
  options: { root?: string; named: boolean; env: Record<string, string | undefined> },
): Advice {
  const advice = adviceFor(command, options.env);
  if (command !== 'staged' || !options.named || !options.root || findings.length === 0) return advice;
  const committed = new Set<string>();
  const paths = [...new Set(findings.map((f) => f.path))];
  const changed = changedSinceHead(options.root, paths);
  const atHead = new Map(paths.map((p) => [p, headVersion(options.root!, p)]));
  for (const f of findings) {
    const head = atHead.get(f.path);
    // Unchanged since HEAD, or changed elsewhere while HEAD's version already had this key.
    if (head !== undefined && (!changed.has(f.path) || head.includes(f.secret))) committed.add(committedKey(f.path, f.fingerprint));
  }
  return committed.size ? { ...advice, committed } : advice;
}

/** Which of these paths the index holds differently from HEAD (all of them when there is no HEAD). */
function changedSinceHead(root: string, paths: string[]): Set<string> {
  const r = spawnSync('git', ['diff', '--cached', '--name-only', '-z', '--no-renames', 'HEAD', '--', ...paths], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_LITERAL_PATHSPECS: '1' },
  });
  return r.status === 0 ? new Set(r.stdout.split('\0').filter(Boolean)) : new Set(paths);
}

/** The file as HEAD has it, or undefined (no commit yet, a new file). */
function headVersion(root: string, path: string): string | undefined {
  const r = spawnSync('git', ['cat-file', 'blob', `HEAD:${path}`], { cwd: root, encoding: 'latin1', maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : undefined;
}
