// The action as GitHub runs it: the committed bundle, real event payloads, real repositories
// (full and shallow clones), a stand-in provider on 127.0.0.1, and the files the runner reads back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/detect/secret.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, gitEnv, tempDir } from '../support/repo.js';
import { fakeProvider, json } from '../verify/fake-provider.js';
import { commandMessage, commandProperties, commands, runAction, type ActionRun } from './run.js';

const keys = new KeyGen(4242);
const ZERO = '0'.repeat(40);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(): TempRepo {
  const r = new TempRepo();
  dirs.push(r.dir);
  return r;
}

/** `git clone <args> file://<from>` into a fresh temp dir, as actions/checkout fetches. */
function clone(from: string, ...args: string[]): string {
  const to = join(tempDir('keysentry-clone-'), 'checkout');
  dirs.push(to);
  execFileSync('git', ['clone', '-q', ...args, `file://${from}`, to], { env: gitEnv });
  return to;
}

/**
 * A pull_request event payload in the shape GitHub sends (trimmed of URLs and user details the
 * action never reads): the PR's head and base refs with their repos, labels and SHAs.
 */
function prPayload(number: number, base: string, head: string) {
  const repository = {
    id: 118,
    node_id: 'R_kgDOAAAAdg',
    name: 'demo',
    full_name: 'octo-org/demo',
    private: false,
    owner: { login: 'octo-org', id: 6, type: 'Organization' },
    html_url: 'https://github.com/octo-org/demo',
    default_branch: 'main',
    fork: false,
  };
  const user = { login: 'octocat', id: 1, type: 'User' };
  return {
    action: 'synchronize',
    number,
    before: '1'.repeat(40), // the previous head: not a commit the action needs
    after: head,
    pull_request: {
      url: `https://api.github.com/repos/octo-org/demo/pulls/${number}`,
      id: 1000 + number,
      number,
      state: 'open',
      locked: false,
      title: 'Wire the client',
      user,
      body: null,
      draft: false,
      merged: false,
      mergeable_state: 'unknown',
      head: { label: 'octocat:feature', ref: 'feature', sha: head, user, repo: repository },
      base: { label: 'octo-org:main', ref: 'main', sha: base, user: repository.owner, repo: repository },
      commits: 2,
      additions: 12,
      deletions: 0,
      changed_files: 12,
    },
    repository,
    sender: user,
  };
}

/** Secrets may appear only where the runner turns them into masks, and never in what it keeps. */
function expectNoLeak(run: ActionRun, secrets: string[], files: string[] = []): void {
  for (const line of run.stdout.split('\n')) {
    if (secrets.some((s) => line.includes(s))) expect(line.startsWith('::add-mask::'), line.slice(0, 40)).toBe(true);
  }
  for (const s of secrets) {
    expect(run.stderr).not.toContain(s);
    expect(run.summary).not.toContain(s);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(s);
  }
}

describe('pull_request', () => {
  it('annotates the most serious findings, summarises every one, masks every key, writes SARIF and fails', async () => {
    const r = repo();
    const old = keys.openaiProject();
    r.commit('start', { 'README.md': 'hello\n', 'old.env': `OPENAI_API_KEY=${old}\n` });
    r.git('checkout', '-q', '-b', 'feature');
    const secrets = [
      ...Array.from({ length: 4 }, () => keys.openaiProject()),
      ...Array.from({ length: 4 }, () => keys.openaiLegacy()),
      ...Array.from({ length: 4 }, () => keys.deepseek()),
    ];
    const line = (s: string) => (s.length === 35 ? `DEEPSEEK_API_KEY=${s}\n` : `OPENAI_API_KEY=${s}\n`);
    r.commit('first half', Object.fromEntries(secrets.slice(0, 6).map((s, i) => [`conf/first ${i}.env`, line(s)])));
    const head = r.commit('second half', Object.fromEntries(secrets.slice(6).map((s, i) => [`conf/second-${i}.env`, line(s)])));
    // The base branch moves on after the branch point: base..head is still only the PR's commits.
    r.git('checkout', '-q', 'main');
    const base = r.commit('main moves on', { 'main.txt': 'more\n' });
    r.git('checkout', '-q', 'feature');

    const run = await runAction({ workspace: r.dir, event: 'pull_request', payload: prPayload(3, base, head) });
    const sarif = join(r.dir, 'keysentry.sarif');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('keysentry: scanning the commits of pull request #3');
    // Every key is masked before anything about it is printed; the key already on main is not in the PR.
    const masks = commands(run.stdout).filter((l) => l.startsWith('::add-mask::'));
    expect(masks.sort()).toEqual(secrets.map((s) => `::add-mask::${s}`).sort());
    const firstMask = run.stdout.indexOf('::add-mask::');
    expect(run.stdout.indexOf('::error')).toBeGreaterThan(firstMask);

    // Ten error annotations in all, GitHub's limit: nine findings, then the failure saying where the rest are.
    expect(run.errors).toHaveLength(10);
    for (const e of run.errors.slice(0, 9)) {
      const p = commandProperties(e);
      expect(p.file).toMatch(/^conf\/(first \d|second-\d)\.env$/);
      expect(p).toMatchObject({ line: '1', col: expect.stringMatching(/^\d+$/), endColumn: expect.stringMatching(/^\d+$/) });
      expect(p.title).toMatch(/\(not verified\)$/);
      expect(commandMessage(e)).toMatch(/^sk-(proj-)?…\w{4}: not verified, added by commit [0-9a-f]{7} \(Test Author, 2024-01-01\)\. Revoke it at https:\/\/platform\./);
    }
    const failure = commandMessage(run.errors[9]!);
    expect(failure).toContain('keysentry found 12 keys (12 findings)');
    expect(failure).toContain('3 more findings are listed in the job summary and the SARIF file');

    expect(run.outputs).toEqual({ findings: '12', live: '0', 'sarif-file': sarif });
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results as unknown[];
    expect(results).toHaveLength(12);

    expect(run.summary).toContain('keysentry: 12 findings of 12 keys');
    expect(run.summary).toContain('the commits of pull request #3');
    for (const s of secrets) expect(run.summary).toContain(`<code>${redact(s)}</code>`);
    expect(run.summary).toContain('<code>conf/first 0.env:1:');
    expect(run.summary).not.toContain(redact(old));
    expectNoLeak(run, [...secrets, old], [sarif]);
  });

  it('puts live keys first, then spent, then invalid, and counts the live ones (verify against a stand-in provider)', async () => {
    const provider = await fakeProvider();
    try {
      const r = repo();
      const base = r.commit('start', { 'README.md': 'hello\n' });
      r.git('checkout', '-q', '-b', 'feature');
      const dead = keys.openaiProject();
      const spent = keys.deepseek();
      const live = keys.openaiLegacy();
      // File order is the reverse of severity, so only the sort can put them right.
      const head = r.commit('keys', {
        'a.env': `OPENAI_API_KEY=${dead}\n`,
        'b.env': `DEEPSEEK_API_KEY=${spent}\n`,
        'c.env': `OPENAI_API_KEY=${live}\n`,
      });
      provider.on(dead, json(401, { error: { code: 'invalid_api_key', message: 'Incorrect API key provided' } }));
      provider.on(spent, json(402, { error: { message: 'Insufficient Balance' } }));
      provider.on(live, json(200, { object: 'list', data: [] }));

      const run = await runAction({
        workspace: r.dir,
        event: 'pull_request',
        payload: prPayload(4, base, head),
        inputs: { verify: 'true', 'fail-on': 'live' },
        env: { KEYSENTRY_OPENAI_BASE_URL: provider.url, KEYSENTRY_DEEPSEEK_BASE_URL: provider.url },
      });

      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(provider.seen.map((s) => s.path).sort()).toEqual(['/user/balance', '/v1/models', '/v1/models']);
      // A key the provider rejects is a warning, as in SARIF and --format github; the rest are errors.
      expect(run.errors.map((e) => commandProperties(e).file)).toEqual(['c.env', 'b.env', undefined]);
      expect(run.warnings.map((e) => commandProperties(e).file)).toEqual(['a.env']);
      expect(commandProperties(run.errors[0]!).title).toMatch(/\(live\)$/);
      expect(commandProperties(run.errors[1]!).title).toMatch(/\(quota exhausted\)$/);
      expect(commandProperties(run.warnings[0]!).title).toMatch(/\(invalid\)$/);
      expect(commandMessage(run.errors[2]!)).toContain('keysentry found 2 keys that may be live, 2 accepted by the provider');
      expect(run.outputs.live).toBe('2');
      expect(run.outputs.findings).toBe('3');
      // The summary table is in the same order.
      const order = [live, spent, dead].map((s) => run.summary.indexOf(redact(s)));
      expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
      expectNoLeak(run, [dead, spent, live], [join(r.dir, 'keysentry.sarif')]);
    } finally {
      await provider.close();
    }
  });

  it('passes a clean pull request', async () => {
    const r = repo();
    const base = r.commit('start', { 'README.md': 'hello\n' });
    r.git('checkout', '-q', '-b', 'feature');
    const head = r.commit('docs', { 'docs/guide.md': 'Set OPENAI_API_KEY in your environment.\n' });

    const run = await runAction({ workspace: r.dir, event: 'pull_request', payload: prPayload(5, base, head) });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toEqual({ findings: '0', live: '0', 'sarif-file': join(r.dir, 'keysentry.sarif') });
    expect(run.summary).toContain('keysentry: no OpenAI or DeepSeek keys found');
    expect(JSON.parse(readFileSync(join(r.dir, 'keysentry.sarif'), 'utf8')).runs[0].results).toEqual([]);
  });
});

describe('a shallow checkout never passes silently', () => {
  it('names the missing base of a pull request and the fetch-depth fix', async () => {
    const r = repo();
    const base = r.commit('start', { 'README.md': 'hello\n' });
    r.git('checkout', '-q', '-b', 'feature');
    const key = keys.openaiProject();
    const head = r.commit('key', { 'app.env': `OPENAI_API_KEY=${key}\n` });
    const shallow = clone(r.dir, '--depth', '1', '--branch', 'feature');

    const run = await runAction({ workspace: shallow, event: 'pull_request', payload: prPayload(6, base, head) });

    expect(run.code).toBe(2);
    expect(run.errors).toHaveLength(1);
    const message = commandMessage(run.errors[0]!);
    expect(message).toContain(`${base.slice(0, 7)} (the base of pull request #6) is not in this shallow clone`);
    expect(message).toContain('`fetch-depth: 0`');
    expect(message).not.toContain(head.slice(0, 7));
    // No SARIF: an empty one uploaded to code scanning would close open alerts.
    expect(existsSync(join(shallow, 'keysentry.sarif'))).toBe(false);
  });

  it('names the edge commit when a present base and head still leave commits between them unfetched', async () => {
    const r = repo();
    r.commit('start', { 'README.md': 'hello\n' });
    r.git('checkout', '-q', '-b', 'feature');
    const key = keys.deepseek();
    r.commit('key', { 'app.env': `DEEPSEEK_API_KEY=${key}\n` });
    const edge = r.commit('later', { 'a.txt': 'a\n' });
    const head = r.commit('latest', { 'b.txt': 'b\n' });
    r.git('checkout', '-q', 'main');
    const base = r.commit('main moves on', { 'main.txt': 'more\n' });
    // Two commits of each branch: base and head are both there, the commit with the key is not.
    const shallow = clone(r.dir, '--depth', '2', '--no-single-branch', '--branch', 'feature');

    const run = await runAction({ workspace: shallow, event: 'pull_request', payload: prPayload(7, base, head) });

    expect(run.code).toBe(2);
    const message = commandMessage(run.errors[0]!);
    expect(message).toContain(`this shallow clone lacks the parents of ${edge.slice(0, 7)}`);
    expect(message).toContain('`fetch-depth: 0`');
    expect(run.stdout).not.toContain('::add-mask::');
  });

  it('names the missing "before" of a push to a fetch-depth 1 checkout, the runner default', async () => {
    const upstream = repo();
    const before = upstream.commit('start', { 'README.md': 'hello\n' });
    const after = upstream.commit('add key', { 'app.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });
    const shallow = clone(upstream.dir, '--depth', '1');

    const run = await runAction({
      workspace: shallow,
      event: 'push',
      payload: { ref: 'refs/heads/main', before, after, created: false, deleted: false, forced: false, repository: { default_branch: 'main' } },
    });

    expect(run.code).toBe(2);
    expect(run.errors).toHaveLength(1);
    const message = commandMessage(run.errors[0]!);
    expect(message).toBe(
      `keysentry cannot see the commits to scan: ${before.slice(0, 7)} (the commit before the push) is not in this shallow clone. ` +
        'Set `fetch-depth: 0` on the actions/checkout step so the whole history is fetched.',
    );
    expect(run.outputs).toEqual({});
    expect(existsSync(join(shallow, 'keysentry.sarif'))).toBe(false);
  });

  it('refuses a full-history audit of a shallow clone', async () => {
    const r = repo();
    r.commit('one', { 'a.txt': 'a\n' });
    const tip = r.commit('two', { 'b.txt': 'b\n' });
    const shallow = clone(r.dir, '--depth', '1');

    const run = await runAction({ workspace: shallow, event: 'schedule', payload: { schedule: '0 3 * * *' } });

    expect(run.code).toBe(2);
    expect(commandMessage(run.errors[0]!)).toContain(`cannot scan every commit: this shallow clone lacks the parents of ${tip.slice(0, 7)}`);
  });
});

describe('schedule and workflow_dispatch', () => {
  it('audit every commit of a full clone: a key deleted long ago is still reported, at the commit that added it', async () => {
    const upstream = repo();
    const key = keys.openaiLegacy();
    const added = upstream.commit('add key', { 'old/settings.env': `OPENAI_API_KEY=${key}\n` });
    upstream.git('rm', '-q', 'old/settings.env');
    upstream.commit('really remove it');
    upstream.git('checkout', '-q', '-b', 'side');
    const side = keys.deepseek();
    upstream.commit('side branch', { 'side.env': `DEEPSEEK_API_KEY=${side}\n` });
    upstream.git('checkout', '-q', 'main');
    // fetch-depth: 0 fetches every branch, as remote-tracking refs.
    const workspace = clone(upstream.dir);

    for (const [event, payload] of [
      ['schedule', { schedule: '17 3 * * *' }],
      ['workflow_dispatch', { inputs: {}, ref: 'refs/heads/main', repository: { default_branch: 'main' } }],
    ] as const) {
      const run = await runAction({ workspace, event, payload });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`keysentry: scanning every commit (${event} event)`);
      expect(run.outputs.findings).toBe('2');
      expect(run.errors.slice(0, 2).map((e) => commandProperties(e).file).sort()).toEqual(['old/settings.env', 'side.env']);
      const sarif = JSON.parse(readFileSync(join(workspace, 'keysentry.sarif'), 'utf8'));
      expect(sarif.runs[0].properties.command).toBe('history');
      const old = sarif.runs[0].results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'old/settings.env');
      expect(old.properties.commit).toBe(added);
      expect(run.summary).toContain(`<code>${added.slice(0, 7)}</code> Test Author, 2024-01-01`);
      expectNoLeak(run, [key, side], [join(workspace, 'keysentry.sarif')]);
    }
  });
});

describe('push', () => {
  it('scans the pushed commits of an existing branch, and only those', async () => {
    const upstream = repo();
    const old = keys.openaiLegacy();
    const before = upstream.commit('start', { 'old.env': `OPENAI_API_KEY=${old}\n` });
    const key = keys.openaiProject();
    const after = upstream.commit('add key', { 'new.env': `OPENAI_API_KEY=${key}\n` });
    const workspace = clone(upstream.dir);

    const run = await runAction({
      workspace,
      event: 'push',
      payload: { ref: 'refs/heads/main', before, after, created: false, deleted: false, forced: false, repository: { default_branch: 'main' } },
    });

    expect(run.code).toBe(1);
    expect(run.outputs.findings).toBe('1');
    expect(run.stdout).toContain(`::add-mask::${key}`);
    expect(run.stdout).not.toContain(`::add-mask::${old}`);
    expect(commandProperties(run.errors[0]!).file).toBe('new.env');
    expectNoLeak(run, [key, old]);
  });

  it('scans a new branch from where it leaves the default branch', async () => {
    const upstream = repo();
    const old = keys.openaiLegacy();
    upstream.commit('start', { 'old.env': `OPENAI_API_KEY=${old}\n` });
    upstream.git('checkout', '-q', '-b', 'feature');
    const key = keys.deepseek();
    const after = upstream.commit('add key', { 'feature.env': `DEEPSEEK_API_KEY=${key}\n` });
    const workspace = clone(upstream.dir, '--branch', 'feature');

    const run = await runAction({
      workspace,
      event: 'push',
      payload: { ref: 'refs/heads/feature', before: ZERO, after, created: true, deleted: false, forced: false, repository: { default_branch: 'main' } },
    });

    expect(run.stdout).toContain('scanning the commits of refs/heads/feature not on main (new ref)');
    expect(run.code).toBe(1);
    expect(run.outputs.findings).toBe('1');
    expect(run.stdout).toContain(`::add-mask::${key}`);
    expect(run.stdout).not.toContain(`::add-mask::${old}`);
  });
});

describe('inputs and the log', () => {
  it('fails with a one-line message naming a mistyped input, exit status 2', async () => {
    const r = repo();
    r.commit('start', { 'README.md': 'hello\n' });
    const run = await runAction({ workspace: r.dir, event: 'push', inputs: { mode: 'everything' } });
    expect(run.code).toBe(2);
    expect(run.errors).toEqual(['::error::keysentry: input mode must be one of auto, staged, scan, history (got "everything")']);
    expect(run.stderr).toBe('');
  });

  it.each(['history', 'scan'])('names a missing path input (mode %s), not git, exit status 2', async (mode) => {
    const r = repo();
    r.commit('start', { 'README.md': 'hello\n' });
    const run = await runAction({ workspace: r.dir, event: 'workflow_dispatch', inputs: { mode, path: 'nodir' } });
    expect(run.code).toBe(2);
    expect(run.errors).toEqual(['::error::keysentry: input path: "nodir" does not exist in the workspace']);
  });

  it('reads the baseline and config inputs relative to the workspace', async () => {
    const r = repo();
    const accepted = keys.openaiLegacy();
    const allowed = keys.deepseek();
    r.write('ci/baseline.json', JSON.stringify({ version: 1, tool: 'keysentry', findings: [{ fingerprint: fingerprint(accepted), path: 'a.env', ruleId: 'x' }] }));
    r.write('ci/keysentry.json', JSON.stringify({ allowFingerprints: [fingerprint(allowed)] }));
    r.commit('start', { 'a.env': `OPENAI_API_KEY=${accepted}\n`, 'b.env': `DEEPSEEK_API_KEY=${allowed}\n` });

    const baselineOnly = await runAction({ workspace: r.dir, event: 'release', inputs: { baseline: 'ci/baseline.json' } });
    expect(baselineOnly.code).toBe(1);
    expect(baselineOnly.errors.map((e) => commandProperties(e).file)).toEqual(['b.env', undefined]);

    const both = await runAction({ workspace: r.dir, event: 'release', inputs: { baseline: 'ci/baseline.json', config: 'ci/keysentry.json' } });
    expect(both.code).toBe(0);
    expect(both.outputs.findings).toBe('0');
  });

  it('fail-on live passes when every key is verified invalid, still annotating each one', async () => {
    const provider = await fakeProvider();
    try {
      const r = repo();
      const dead = keys.openaiProject();
      r.commit('start', { 'a.env': `OPENAI_API_KEY=${dead}\n` });
      provider.on(dead, json(401, { error: { code: 'invalid_api_key', message: 'Incorrect API key provided' } }));

      const run = await runAction({
        workspace: r.dir,
        event: 'workflow_dispatch',
        inputs: { verify: 'true', 'fail-on': 'live' },
        env: { KEYSENTRY_OPENAI_BASE_URL: provider.url, KEYSENTRY_DEEPSEEK_BASE_URL: provider.url },
      });

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.errors).toEqual([]);
      expect(run.warnings).toHaveLength(1);
      expect(commandProperties(run.warnings[0]!)).toMatchObject({ file: 'a.env', title: expect.stringMatching(/\(invalid\)$/) });
      expect(run.outputs).toMatchObject({ findings: '1', live: '0' });
      expect(run.summary).toContain('invalid (');

      // The same key, fail-on any: the step fails and says why.
      const strict = await runAction({
        workspace: r.dir,
        event: 'workflow_dispatch',
        inputs: { verify: 'true' },
        env: { KEYSENTRY_OPENAI_BASE_URL: provider.url, KEYSENTRY_DEEPSEEK_BASE_URL: provider.url },
      });
      expect(strict.code).toBe(1);
      expect(commandMessage(strict.errors.at(-1)!)).toBe(
        'keysentry found 1 key (1 finding). Revoke and rotate each key, then remove it from git history.',
      );
    } finally {
      await provider.close();
    }
  });

  it('fail-on live without verify fails closed and says the keys could not be verified', async () => {
    const r = repo();
    r.commit('start', { 'a.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });
    const run = await runAction({ workspace: r.dir, event: 'release', inputs: { 'fail-on': 'live' } });
    expect(run.code).toBe(1);
    expect(commandMessage(run.errors.at(-1)!)).toContain('keysentry found 1 key that may be live; 1 key could not be verified and count as live');
  });

  it('names files from the repository root in SARIF when the checkout is in a subdirectory (scan mode)', async () => {
    // actions/checkout with `path: checkout`: the repository is a subdirectory of the workspace.
    const workspace = tempDir('keysentry-workspace-');
    dirs.push(workspace);
    mkdirSync(join(workspace, 'checkout'));
    const r = new TempRepo(join(workspace, 'checkout'));
    r.commit('start', { 'conf/x.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });

    const run = await runAction({ workspace, event: 'release', inputs: { mode: 'scan', path: 'checkout/conf' } });

    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(workspace, 'keysentry.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation)).toEqual([
      { uri: 'conf/x.env', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('ends in scan mode on a checkout with an uninitialised submodule, warning about it', async () => {
    const sub = repo();
    sub.commit('sub', { 'lib.ts': 'lib\n' });
    const r = repo();
    r.commit('start', { 'app.ts': 'app\n' });
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'sm');
    r.commit('add submodule');
    const checkout = clone(r.dir); // actions/checkout leaves submodules out unless asked

    const run = await runAction({ workspace: checkout, event: 'release', inputs: { mode: 'scan' } });

    expect(run.code).toBe(0);
    expect(commands(run.stdout).filter((l) => l.startsWith('::warning'))).toEqual([
      expect.stringContaining('skipped submodule "sm": not initialised'),
    ]);
  });

  it('scans the files under path in scan mode', async () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('start', { 'app/x.env': `OPENAI_API_KEY=${key}\n`, 'other/y.env': `OPENAI_API_KEY=${keys.openaiProject()}\n` });

    const run = await runAction({ workspace: r.dir, event: 'release', inputs: { mode: 'scan', path: 'app' } });

    expect(run.code).toBe(1);
    expect(run.outputs.findings).toBe('1');
    expect(run.errors.map((e) => commandProperties(e).file)).toEqual(['app/x.env', undefined]);
  });

  it('prints the report so that a file name cannot issue workflow commands', async () => {
    const r = repo();
    const name = '::error::forged.env';
    r.commit('start', { [name]: `OPENAI_API_KEY=${keys.openaiProject()}\n` });

    const run = await runAction({ workspace: r.dir, event: 'release' });

    expect(run.code).toBe(1);
    // The report's place line, inside stop-commands.
    expect(run.stdout.split('\n').some((l) => l.startsWith(`  ${name}:1:`))).toBe(true);
    expect(run.errors).toHaveLength(2);
    expect(commandProperties(run.errors[0]!).file).toBe(name);
  });
});
