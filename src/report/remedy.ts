// What to do about a key depends on where it is: a staged key has not entered history (take it
// out, nothing to purge), a committed one has not left the machine (rewrite the commits before
// pushing), a pushed one is public to everyone who can read the repository (revoke, purge).
// And the way past a check depends on the hook that ran it.
import { COMMIT_MESSAGE_PATH, providerKeyPage, type Finding } from '../types.js';
import { statusOf } from './status.js';

/** Where the scanned text is: in the index only, in commits not pushed yet, or pushed/shared. */
export type KeyPlace = 'staged' | 'unpushed' | 'pushed';

/** The hook that ran the check: git's own or husky's, the pre-commit framework's, or pre-push. */
export type Hook = 'git' | 'pre-commit' | 'pre-push';

export interface Advice {
  place: KeyPlace;
  hook?: Hook;
  /**
   * Staged scans of named files (`pre-commit run --all-files`): findings whose key HEAD's version
   * of the file already holds, as committedKey(path, fingerprint). Those get the history advice.
   */
  committed?: ReadonlySet<string>;
}

export const committedKey = (path: string, fingerprint: string): string => `${path}\0${fingerprint}`;

/**
 * The advice for a command, given the environment its hook runs in: the pre-commit framework
 * sets PRE_COMMIT=1 for its hooks (pre_commit/commands/run.py), where the escape is SKIP=<id>.
 */
export function adviceFor(command: 'scan' | 'staged' | 'history' | 'pre-push', env: Record<string, string | undefined> = {}): Advice {
  if (command === 'pre-push') return { place: 'unpushed', hook: 'pre-push' };
  if (command === 'staged') return { place: 'staged', hook: env.PRE_COMMIT === '1' ? 'pre-commit' : 'git' };
  return { place: 'pushed' };
}

/** Where the owner can revoke the finding's key; the redacted form keeps the admin prefix. */
export function keyPage(finding: Finding): string {
  return providerKeyPage(finding.provider, finding.redacted.startsWith('sk-admin-'));
}

/** For a key that works, or may: not verified, unknown, spent (a top-up revives it), rate limited. */
export function revokeRemedy(page: string): string {
  return (
    `Revoke it at ${page} and rotate it, then purge it from git history (git filter-repo or BFG). ` +
    'A key with no balance is still a live credential: topping up revives it.'
  );
}

const INVALID_REMEDY = 'The key no longer works: remove it from the code and from git history.';

/** What to do about a pushed key (history, a tree, CI): only a key the provider rejected is not treated as live. */
export function remedy(finding: Finding): string {
  return statusOf(finding) === 'invalid' ? INVALID_REMEDY : revokeRemedy(keyPage(finding));
}

function stagedRemedy(f: Finding): string {
  const where = f.path === COMMIT_MESSAGE_PATH ? 'the commit message' : 'the file';
  const take = `Not committed yet: take it out of ${where}, load it from the environment or a secret manager instead, and \`git add\` the file again; nothing to purge.`;
  return statusOf(f) === 'invalid'
    ? `${take} The provider rejects it, so there is nothing to revoke.`
    : `${take} Rotate it at ${keyPage(f)} only if it was shared elsewhere (chat, another repository, a log).`;
}

function unpushedRemedy(f: Finding): string {
  const take =
    f.path === COMMIT_MESSAGE_PATH
      ? 'Committed but not pushed: reword the commit message (`git commit --amend` for the last commit, `git rebase -i` for older ones) before pushing'
      : 'Committed but not pushed: take it out of the commits (edit the file, then `git commit --amend` for the last commit or `git rebase -i` for older ones) before pushing, and load it from the environment or a secret manager';
  return statusOf(f) === 'invalid'
    ? `${take}. The provider rejects it, so there is nothing to revoke.`
    : `${take}; then rotate it at ${keyPage(f)}, as it sits in this clone's git objects until they expire.`;
}

const ALREADY_COMMITTED = 'Already committed (HEAD holds it), so this check cannot keep it out of history. ';

/** What to do about a finding, where the advice says it is. Pure: reporters call it per finding. */
export function remedyFor(advice: Advice): (finding: Finding) => string {
  return (f) => {
    switch (advice.place) {
      case 'staged':
        return advice.committed?.has(committedKey(f.path, f.fingerprint)) ? ALREADY_COMMITTED + remedy(f) : stagedRemedy(f);
      case 'unpushed':
        return unpushedRemedy(f);
      case 'pushed':
        return remedy(f);
    }
  };
}

const SKIP: Record<Hook, string> = {
  git: '`git commit --no-verify`',
  'pre-commit': '`SKIP=keysentry git commit`',
  'pre-push': '`git push --no-verify`',
};

/**
 * How to get past the check, for the console under a blocked commit or push; nothing for scans
 * of pushed text, which block nothing a user could skip.
 */
export function waysOut(advice: Advice, findings: readonly Finding[] = []): string[] {
  if (advice.place === 'pushed' || !advice.hook) return [];
  const { committed } = advice;
  if (committed && findings.length && findings.every((f) => committed.has(committedKey(f.path, f.fingerprint)))) {
    return ['These keys are already committed: skipping this check would not take them out of history; see above.'];
  }
  if (advice.place === 'unpushed') {
    return [
      'To push, either:',
      '  1. take the key out of the commits (amend or rebase) and push again;',
      '  2. if it is a false positive, add `keysentry:allow` on that line, amend, and push again;',
      `  3. as a last resort, ${SKIP[advice.hook]} — the key then leaves this machine.`,
    ];
  }
  return [
    'To commit, either:',
    '  1. remove the key from the staged file and `git add` it again;',
    '  2. if it is a false positive, add `keysentry:allow` on that line;',
    `  3. as a last resort, ${SKIP[advice.hook]} — the key then goes into history.`,
  ];
}
