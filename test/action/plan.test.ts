// Which commits each event scans, and the inputs that choose it.
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { planScan } from '../../src/action/plan.js';
import { actionDefaults } from './run.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('planScan in auto mode', () => {
  it('scans a pull request from its base to its head', () => {
    const plan = planScan('auto', 'pull_request', { pull_request: { number: 7, base: { sha: A }, head: { sha: B } } });
    expect(plan).toMatchObject({ command: 'history', range: { base: A, head: B, baseName: 'the base of pull request #7' } });
    expect(plan.reason).toBe('the commits of pull request #7');
  });

  it('scans a merge group from its base to its head', () => {
    const plan = planScan('auto', 'merge_group', { merge_group: { base_sha: A, head_sha: B } });
    expect(plan).toMatchObject({ command: 'history', range: { base: A, head: B } });
  });

  it('scans the pushed range of an existing branch', () => {
    const plan = planScan('auto', 'push', { ref: 'refs/heads/dev', before: A, after: B, repository: { default_branch: 'main' } });
    expect(plan).toMatchObject({ command: 'history', range: { base: A, head: B } });
  });

  it('scans a new branch from the default branch, a force push too (its "before" is gone)', () => {
    const fresh = { ref: 'refs/heads/feature', before: ZERO, after: B, created: true, repository: { default_branch: 'main' } };
    expect(planScan('auto', 'push', fresh)).toMatchObject({
      command: 'history',
      range: { base: 'refs/remotes/origin/main', head: B, baseName: 'origin/main, the default branch' },
    });
    const forced = { ref: 'refs/heads/feature', before: A, after: B, forced: true, repository: { default_branch: 'main' } };
    expect(planScan('auto', 'push', forced)).toMatchObject({ range: { base: 'refs/remotes/origin/main', head: B } });
  });

  it('scans every commit when the default branch itself is new or rewritten', () => {
    const first = { ref: 'refs/heads/main', before: ZERO, after: B, created: true, repository: { default_branch: 'main' } };
    const plan = planScan('auto', 'push', first);
    expect(plan.command).toBe('history');
    expect('range' in plan && plan.range).toBeFalsy();
  });

  it('scans nothing when a push deletes a branch', () => {
    expect(planScan('auto', 'push', { ref: 'refs/heads/old', before: A, after: ZERO, deleted: true }).command).toBe('none');
  });

  it('scans every commit on schedule and workflow_dispatch, the checkout on other events', () => {
    for (const event of ['schedule', 'workflow_dispatch']) {
      const plan = planScan('auto', event, {});
      expect(plan.command).toBe('history');
      expect('range' in plan && plan.range).toBeFalsy();
    }
    expect(planScan('auto', 'release', {}).command).toBe('scan');
  });

  it('refuses a payload without the commits it needs, rather than scanning something else', () => {
    expect(() => planScan('auto', 'pull_request', {})).toThrow('pull_request.base.sha');
    expect(() => planScan('auto', 'push', { ref: 'refs/heads/x', before: A })).toThrow('"after"');
  });
});

describe('planScan with an explicit mode', () => {
  it('ignores the event', () => {
    const pr = { pull_request: { base: { sha: A }, head: { sha: B } } };
    expect(planScan('history', 'pull_request', pr)).toEqual({ command: 'history', reason: 'every commit (mode: history)' });
    expect(planScan('scan', 'pull_request', pr).command).toBe('scan');
    expect(planScan('staged', 'push', {}).command).toBe('staged');
  });
});

describe('readInputs', () => {
  const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('falls back to exactly the defaults action.yml declares', () => {
    expect(readInputs(get({}), '/ws')).toEqual(readInputs(get(actionDefaults()), '/ws'));
    expect(readInputs(get({}), '/ws')).toEqual({
      mode: 'auto',
      path: '/ws',
      verify: false,
      failOn: 'any',
      sarifFile: '/ws/keysentry.sarif',
      config: undefined,
      baseline: undefined,
    });
  });

  it('resolves paths against the workspace and keeps absolute ones', () => {
    const inputs = readInputs(get({ path: 'sub', 'sarif-file': '/tmp/out.sarif', config: 'ci/ks.json', baseline: 'b.json' }), '/ws');
    expect(inputs).toMatchObject({ path: '/ws/sub', sarifFile: '/tmp/out.sarif', config: '/ws/ci/ks.json', baseline: '/ws/b.json' });
  });

  it('names the input a typo is in', () => {
    expect(() => readInputs(get({ mode: 'full' }), '/ws')).toThrow('input mode must be one of auto, staged, scan, history (got "full")');
    expect(() => readInputs(get({ 'fail-on': 'never' }), '/ws')).toThrow('input fail-on must be one of any, live');
    expect(() => readInputs(get({ verify: 'yes' }), '/ws')).toThrow('input verify must be true or false');
    expect(readInputs(get({ verify: 'True' }), '/ws').verify).toBe(true);
  });
});
