// The advice fits where the key is and the hook that stopped it.
import { describe, expect, it } from 'vitest';
import { consoleReporter } from '../../src/report/console.js';
import { render } from '../../src/report/reporter.js';
import { adviceFor, committedKey, keyPage, remedy, remedyFor, waysOut } from '../../src/report/remedy.js';
import { COMMIT_MESSAGE_PATH, type Report } from '../../src/types.js';
import { isAdminKey, remedy as verifyRemedy } from '../../src/verify/index.js';
import { KeyGen } from '../support/keygen.js';
import { finding, OPTIONS, verified } from './fixtures.js';

const gen = new KeyGen(77);
const key = finding('openai-project-key', gen.openaiProject());
const dead = finding('openai-project-key', gen.openaiProject(), { verification: verified('invalid', '') });
const spent = finding('deepseek-api-key', gen.deepseek(), { verification: verified('quota_exhausted', '') });

describe('advice by where the key is', () => {
  it('staged, never committed: take it out, env or secret manager, re-stage; no purge, rotate only if shared, no top-up talk', () => {
    const advise = remedyFor(adviceFor('staged'));
    for (const f of [key, spent]) {
      const text = advise(f);
      expect(text).toContain('Not committed yet');
      expect(text).toContain('environment or a secret manager');
      expect(text).toContain('`git add` the file again');
      expect(text).toContain('nothing to purge');
      expect(text).toMatch(/Rotate it at https:\/\/\S+ only if it was shared elsewhere/);
      expect(text).not.toMatch(/filter-repo|BFG|topping up|Revoke/);
    }
    expect(advise(dead)).toContain('nothing to revoke');
  });

  it('committed, not pushed (pre-push): amend or rebase it out before pushing, then rotate', () => {
    const text = remedyFor(adviceFor('pre-push'))(key);
    expect(text).toContain('Committed but not pushed');
    expect(text).toContain('`git commit --amend`');
    expect(text).toContain('`git rebase -i`');
    expect(text.indexOf('before pushing')).toBeLessThan(text.indexOf('rotate it at https://platform.openai.com/api-keys'));
    expect(text).not.toMatch(/filter-repo|BFG/);
    const message = finding('openai-project-key', gen.openaiProject(), { path: COMMIT_MESSAGE_PATH });
    expect(remedyFor(adviceFor('pre-push'))(message)).toContain('reword the commit message');
  });

  it('pushed (history, a tree scan): revoke, rotate, purge, as before', () => {
    for (const command of ['history', 'scan'] as const) {
      const advise = remedyFor(adviceFor(command));
      expect(advise(key)).toBe(remedy(key));
      expect(advise(key)).toMatch(/^Revoke it at .* and rotate it, then purge it from git history/);
    }
  });

  it('a staged file unchanged since HEAD (pre-commit --all-files): says it is committed already and gives the history advice', () => {
    const advice = { ...adviceFor('staged', { PRE_COMMIT: '1' }), committed: new Set([committedKey(key.path, key.fingerprint)]) };
    expect(remedyFor(advice)(key)).toBe(`Already committed (HEAD holds it), so this check cannot keep it out of history. ${remedy(key)}`);
    expect(waysOut(advice, [key])).toEqual(['These keys are already committed: skipping this check would not take them out of history; see above.']);
    // A key only in the index, beside it, still gets the staged advice and the ways out.
    const other = finding('openai-project-key', gen.openaiProject(), { path: 'new.env' });
    expect(remedyFor(advice)(other)).toContain('Not committed yet');
    expect(waysOut(advice, [key, other]).join('\n')).toContain('SKIP=keysentry git commit');
  });
});

describe('the escape hatch of the hook that ran', () => {
  it('git or husky: --no-verify; the pre-commit framework (PRE_COMMIT=1): SKIP=keysentry; pre-push: git push --no-verify', () => {
    expect(waysOut(adviceFor('staged', {})).join('\n')).toContain('`git commit --no-verify`');
    const framework = waysOut(adviceFor('staged', { PRE_COMMIT: '1' })).join('\n');
    expect(framework).toContain('`SKIP=keysentry git commit`');
    expect(framework).not.toContain('--no-verify');
    const push = waysOut(adviceFor('pre-push')).join('\n');
    expect(push).toContain('To push, either:');
    expect(push).toContain('`git push --no-verify`');
    expect(waysOut(adviceFor('history'))).toEqual([]);
    expect(waysOut(adviceFor('scan'))).toEqual([]);
  });

  it('the console prints the advice it is given', () => {
    const report: Report = { findings: [key], stats: { files: 1, bytes: 10, skipped: {}, durationMs: 1 }, warnings: [] };
    const out = render(consoleReporter(report, { ...OPTIONS, command: 'staged', advice: adviceFor('staged', { PRE_COMMIT: '1' }) }));
    expect(out).toContain(`→ ${remedyFor(adviceFor('staged'))(key)}`);
    expect(out).toContain('SKIP=keysentry');
    expect(out).not.toContain('BFG');
    // Without advice, the command decides: staged is staged advice under git's hook.
    const plain = render(consoleReporter(report, { ...OPTIONS, command: 'staged' }));
    expect(plain).toContain('Not committed yet');
    expect(plain).toContain('`git commit --no-verify`');
  });
});

describe('the key page', () => {
  // One list (types.ts) for both: a console moving is one edit, and the two cannot drift apart.
  it('is the same in the reports and in `keysentry verify`, for every provider and for admin keys', () => {
    const keys = [
      finding('openai-project-key', gen.openaiProject()),
      finding('openai-admin-key', gen.openaiProject('admin')),
      finding('deepseek-api-key', gen.deepseek()),
      finding('deepseek-api-key', gen.deepseek(), { provider: 'unknown' }),
    ];
    const pages = keys.map((f) => keyPage(f));
    expect(new Set(pages).size).toBe(keys.length);
    keys.forEach((f, i) => {
      expect(remedy(f)).toContain(pages[i]);
      expect(verifyRemedy(f.provider, 'live', isAdminKey(f.secret))).toContain(pages[i]);
    });
  });
});
