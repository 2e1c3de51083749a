// The reusable org-audit workflow (.github/workflows/org-audit.yml): valid against the workflow
// schema, and its inline scripts do what the README says when run as the runner runs them
// (bash -eo pipefail), with a stand-in `gh` (fixture JSON) on PATH, the real keysentry of this
// checkout (bin/keysentry.js) as `keysentry`, real git, a directory of bare repositories as the
// "server" (file:// URLs), and stand-in OpenAI / DeepSeek servers on 127.0.0.1 for merge
// --verify: nothing here leaves the machine.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { CHECKOUT } from '../support/pack.js';
import { gitEnv, tempDir } from '../support/repo.js';
import { validateSarif } from '../support/sarif.js';
import { deepseek, fakeProvider, openai, type FakeProvider } from '../verify/fake-provider.js';

const WORKFLOW = join(CHECKOUT, '.github', 'workflows', 'org-audit.yml');
const VALIDATOR = join(CHECKOUT, 'node_modules', '.bin', 'action-validator');
const yaml = readFileSync(WORKFLOW, 'utf8');

/** The text of every `run: |` block scalar, as the runner gets it (indentation removed), by step. */
function runBlocks(text: string): { id: string; name: string; script: string }[] {
  const lines = text.split('\n');
  const blocks: { id: string; name: string; script: string }[] = [];
  let id = '';
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const step = /^\s*- (?:id|name|uses|if):/.test(line);
    if (step) [id, name] = ['', ''];
    const idm = /^\s*(?:- )?id: (\S+)/.exec(line);
    if (idm) id = idm[1] ?? '';
    const namem = /^\s*(?:- )?name: (.+)$/.exec(line);
    if (namem) name = namem[1] ?? '';
    const run = /^(\s*)(?:- )?run: \|\s*$/.exec(line);
    if (!run) continue;
    const keyIndent = (run[1] ?? '').length;
    const body: string[] = [];
    let indent = -1;
    for (i++; i < lines.length; i++) {
      const l = lines[i] ?? '';
      const lead = l.length - l.trimStart().length;
      if (l.trim() !== '' && lead <= keyIndent) break;
      if (indent < 0 && l.trim() !== '') indent = lead;
      body.push(l.slice(Math.max(indent, 0)));
    }
    i--;
    blocks.push({ id, name, script: body.join('\n').replace(/\n+$/, '\n') });
  }
  return blocks;
}

function block(which: string): string {
  const found = runBlocks(yaml).filter((b) => b.id === which || b.name === which);
  expect(found, `one run block for step ${which}`).toHaveLength(1);
  return found[0]!.script;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** A directory of stand-ins put first on PATH. */
function fakeBin(scripts: Record<string, string>): string {
  const dir = tempDir('keysentry-fakebin-');
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const TOKEN = 'test-token-value';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

/** git, through a wrapper that logs its arguments and the auth header its environment gives it. */
function gitSpy(log: string): string {
  return [
    `printf '%s\\n' "$*" >> "${log}.args"`,
    `[ -z "$GIT_CONFIG_VALUE_0" ] || printf '%s=%s\\n' "$GIT_CONFIG_KEY_0" "$GIT_CONFIG_VALUE_0" >> "${log}.auth"`,
    `exec "${REAL_GIT}" "$@"`,
  ].join('\n');
}

/** What the spy saw: the token only ever as the header, in git's environment, for the server. */
function expectTokenOnlyInHeader(log: string, server: string): void {
  const args = readFileSync(`${log}.args`, 'utf8');
  expect(args).not.toContain(TOKEN);
  expect(args).not.toContain(BASIC);
  const auth = readFileSync(`${log}.auth`, 'utf8').trim().split('\n');
  expect(auth.length).toBeGreaterThan(0);
  for (const line of auth) expect(line).toBe(`http.file://${server}/.extraheader=AUTHORIZATION: basic ${BASIC}`);
}

interface Run { code: number | null; out: string; output: string; summary: string; temp: string }

/** How the runner runs a run block: `bash --noprofile --norc -eo pipefail` on a file, in cwd. */
function stepSetup(script: string, env: NodeJS.ProcessEnv, cwd: string, bin: string) {
  const temp = tempDir('keysentry-runner-temp-');
  const file = join(temp, 'step.sh');
  writeFileSync(file, script);
  const output = join(temp, 'github-output');
  const summary = join(temp, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const args = ['--noprofile', '--norc', '-eo', 'pipefail', file];
  const options = {
    cwd,
    env: {
      ...gitEnv,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_WORKSPACE: cwd,
      ...env,
    },
  };
  const done = (code: number | null, out: string): Run => ({
    code, out, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8'), temp,
  });
  return { args, options, done };
}

/** Runs a run block as the runner does, in cwd. */
function runStep(script: string, env: NodeJS.ProcessEnv, cwd: string, bin: string): Run {
  const { args, options, done } = stepSetup(script, env, cwd, bin);
  const r = spawnSync('bash', args, { ...options, encoding: 'utf8', timeout: 120_000 });
  return done(r.status, `${r.stdout}${r.stderr}`);
}

/**
 * The same without blocking this process: a stand-in provider served by the test answers the
 * keysentry the step runs, and the audit jobs of a matrix run side by side.
 */
function runStepAsync(script: string, env: NodeJS.ProcessEnv, cwd: string, bin: string): Promise<Run> {
  const { args, options, done } = stepSetup(script, env, cwd, bin);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(done(code, out));
    });
  });
}

interface Listed {
  nameWithOwner: string;
  diskUsage: number;
  isArchived?: boolean;
  isFork?: boolean;
  isEmpty?: boolean;
  defaultBranchRef?: { name: string } | null;
}

function listed(name: string, kb: number, extra: Partial<Listed> = {}): Listed {
  return { nameWithOwner: `acme/${name}`, diskUsage: kb, isArchived: false, isFork: false, isEmpty: false, defaultBranchRef: { name: 'main' }, ...extra };
}

interface Task { repo: string; index: number; count: number; head: string; kb: number }
interface Plan { organization: string; batches: Task[][]; pins: Record<string, string[][]>; skipped: Record<string, string[]> }

/** Runs the plan step on a fake `gh repo list` answer; the server is a directory of bare repos. */
function plan(repos: Listed[], inputs: Record<string, string> = {}, server = tempDir('keysentry-server-')) {
  const fixture = join(tempDir('keysentry-gh-'), 'repos.json');
  writeFileSync(fixture, JSON.stringify(repos));
  const log = `${fixture}.args`;
  const gitLog = `${fixture}.git`;
  const bin = fakeBin({
    git: gitSpy(gitLog),
    // gh as the plan calls it: its arguments logged, the fixture printed, and proof of the token.
    gh: `printf '%s\\n' "$@" > "${log}"; [ "$GH_TOKEN" = test-token-value ] || { echo "no GH_TOKEN" >&2; exit 4; }; cat "${fixture}"`,
  });
  const planDir = join(tempDir('keysentry-plan-'), 'plan');
  const r = runStep(block('plan'), {
    GH_TOKEN: 'test-token-value',
    ORGANIZATION: 'acme',
    INCLUDE_ARCHIVED: 'false',
    INCLUDE_FORKS: 'false',
    SHARD_ABOVE_MB: '1024',
    MAX_SHARDS: '16',
    MAX_JOBS: '256',
    MAX_REPOSITORIES: '10000',
    FAIL_ON: 'any',
    PLAN_DIR: planDir,
    GITHUB_SERVER_URL: `file://${server}`,
    ...inputs,
  }, tempDir('keysentry-ws-'), bin);
  const planFile = join(planDir, 'plan.json');
  const parsed = existsSync(planFile) ? (JSON.parse(readFileSync(planFile, 'utf8')) as Plan) : undefined;
  const ghArgs = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  return { ...r, plan: parsed, planFile, ghArgs, server, gitLog };
}

/** The matrix the plan step wrote to $GITHUB_OUTPUT, as the workflow's fromJSON reads it. */
function matrixOf(output: string): { batch: number[] } {
  const line = output.split('\n').find((l) => l.startsWith('matrix='));
  expect(line, output).toBeDefined();
  return JSON.parse(line!.slice('matrix='.length)) as { batch: number[] };
}

/** A bare repository on the "server", with a commit on main, a branch and a tag. */
function serverRepo(server: string, name: string): string {
  const work = tempDir('keysentry-work-');
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(join(work, 'a.txt'), `${name}\n`);
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'first');
  git(work, 'tag', 'v1');
  git(work, 'tag', '-a', '-m', 'annotated', 'v1a');
  git(work, 'checkout', '-qb', 'feature');
  writeFileSync(join(work, 'b.txt'), 'feature\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'feature');
  git(work, 'checkout', '-q', 'main');
  const bare = join(server, 'acme', name);
  mkdirSync(join(server, 'acme'), { recursive: true });
  git(server, 'clone', '-q', '--bare', work, bare);
  return bare;
}

describe('the workflow file', () => {
  it('is valid against the workflow schema (action-validator, offline)', () => {
    const r = spawnSync(VALIDATOR, [WORKFLOW], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });

  it('and the validator does fail a broken copy, so the check above can fail', () => {
    const broken = join(tempDir('keysentry-broken-'), 'org-audit.yml');
    writeFileSync(broken, yaml.replace('runs-on: ${{ inputs.runs-on }}', 'runz-on: ${{ inputs.runs-on }}'));
    const r = spawnSync(VALIDATOR, [broken], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('runz-on');
  });

  it('is a reusable workflow with least privilege, its actions on Node 24 majors', () => {
    expect(yaml).toMatch(/^on:\n {2}workflow_call:\n/m);
    expect(yaml).toMatch(/^permissions:\n {2}contents: read\n\n/m);
    const uses = [...yaml.matchAll(/^\s+(?:- )?uses: (\S+)/gm)].map((m) => m[1]);
    expect(new Set(uses)).toEqual(new Set(['actions/setup-node@v5', 'actions/upload-artifact@v6', 'actions/download-artifact@v7']));
  });

  it('has run blocks that bash parses and that take no ${{ }} expression (inputs come through env:)', () => {
    const blocks = runBlocks(yaml);
    expect(blocks.map((b) => b.id || b.name)).toEqual(['plan', 'Audit', 'merge', 'Result']);
    for (const b of blocks) {
      expect(b.script, b.id || b.name).not.toContain('${{');
      const r = spawnSync('bash', ['-n'], { input: b.script, encoding: 'utf8' });
      expect(r.status, `${b.id || b.name}: ${r.stderr}`).toBe(0);
    }
  });
});

describe('plan', () => {
  it('leaves out archived repositories and forks unless asked, and empty ones always', () => {
    const repos = [
      listed('app', 100),
      listed('old', 100, { isArchived: true }),
      listed('fork', 100, { isFork: true }),
      listed('blank', 0, { isEmpty: true, defaultBranchRef: null }),
    ];
    const r = plan(repos);
    expect(r.code, r.out).toBe(0);
    const audited = (p: Plan | undefined) => p!.batches.flat().map((t) => t.repo).sort();
    expect(audited(r.plan)).toEqual(['acme/app']);
    expect(r.plan!.skipped).toEqual({ archived: ['acme/old'], forks: ['acme/fork'], empty: ['acme/blank'] });
    expect(r.ghArgs.slice(0, 5)).toEqual(['repo', 'list', 'acme', '--limit', '10000']);
    expect(r.summary).toContain('1 empty, 1 archived, 1 forks');

    const all = plan(repos, { INCLUDE_ARCHIVED: 'true', INCLUDE_FORKS: 'true' });
    expect(all.code, all.out).toBe(0);
    expect(audited(all.plan)).toEqual(['acme/app', 'acme/fork', 'acme/old']);
    expect(all.plan!.skipped.empty).toEqual(['acme/blank']);
  });

  it('shards a repository above shard-above-mb into ceil(size / it) shards, at most max-shards', () => {
    const server = tempDir('keysentry-server-');
    for (const name of ['big', 'huge']) serverRepo(server, name);
    const r = plan([
      listed('small', 1024 * 1024), // exactly 1024 MB: not above it
      listed('big', 2500 * 1024), // 2500 MB: 3 shards
      listed('huge', 100_000 * 1024), // 98 shards' worth, capped at 16
    ], {}, server);
    expect(r.code, r.out).toBe(0);
    const tasks = r.plan!.batches.flat();
    const shards = (repo: string) => tasks.filter((t) => t.repo === repo).map((t) => `${t.index}/${t.count}`).sort((a, b) => parseInt(a) - parseInt(b));
    expect(shards('acme/small')).toEqual(['1/1']);
    expect(shards('acme/big')).toEqual(['1/3', '2/3', '3/3']);
    expect(shards('acme/huge')).toEqual(Array.from({ length: 16 }, (_, i) => `${i + 1}/16`));
    // Fewer tasks than jobs: one task per job, the biggest first.
    expect(r.plan!.batches.every((b) => b.length === 1)).toBe(true);
    expect(r.plan!.batches[0]![0]!.repo).toBe('acme/huge');
    expect(matrixOf(r.output).batch).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(r.output).toContain('batches=20\n');
    // The refs every shard pins itself to: the sharded repositories', read from the server.
    expect(Object.keys(r.plan!.pins).sort()).toEqual(['acme/big', 'acme/huge']);
    const advertised = git(server, 'ls-remote', '--heads', '--tags', '--refs', join(server, 'acme', 'big'));
    expect(r.plan!.pins['acme/big']!.map((p) => p.join('\t')).join('\n')).toBe(advertised);
    expect(r.summary).toMatch(/\| acme\/huge \| 100000 \| 16 \|/);
    expectTokenOnlyInHeader(r.gitLog, server);

    const never = plan([listed('big', 2500 * 1024)], { SHARD_ABOVE_MB: '0' });
    expect(never.plan!.batches.flat().map((t) => t.count)).toEqual([1]);
  });

  it('packs 300 repositories into at most 256 jobs, every task exactly once, balanced by size', () => {
    const repos = Array.from({ length: 300 }, (_, i) => listed(`r${String(i).padStart(3, '0')}`, (i % 7) * 10_000 + 50));
    const r = plan(repos);
    expect(r.code, r.out).toBe(0);
    const { batches } = r.plan!;
    expect(batches).toHaveLength(256);
    expect(batches.every((b) => b.length >= 1)).toBe(true);
    const all = batches.flat().map((t) => t.repo).sort();
    expect(all).toEqual(repos.map((x) => x.nameWithOwner).sort());
    expect(matrixOf(r.output).batch).toEqual(Array.from({ length: 256 }, (_, i) => i));
    // Balanced: no job carries more than the heaviest task on top of the average.
    const weight = (t: Task) => t.kb / t.count + 1024;
    const loads = batches.map((b) => b.reduce((s, t) => s + weight(t), 0));
    const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
    const heaviest = Math.max(...batches.flat().map(weight));
    expect(Math.max(...loads)).toBeLessThanOrEqual(mean + heaviest);

    const fewer = plan(repos, { MAX_JOBS: '10' });
    expect(fewer.code, fewer.out).toBe(0);
    expect(fewer.plan!.batches).toHaveLength(10);
    expect(fewer.plan!.batches.flat()).toHaveLength(300);
  });

  it('writes a matrix of no job for an organisation with nothing to audit', () => {
    const r = plan([listed('blank', 0, { isEmpty: true })]);
    expect(r.code, r.out).toBe(0);
    expect(matrixOf(r.output).batch).toEqual([]);
    expect(r.output).toContain('batches=0\n');
  });

  it('fails, naming the input, rather than audit less than asked', () => {
    const capped = plan([listed('a', 1), listed('b', 1)], { MAX_REPOSITORIES: '2' });
    expect(capped.code).toBe(1);
    expect(capped.out).toContain('::error title=keysentry plan::gh listed 2 repositories, the max-repositories limit');
    for (const [input, env] of [['max-jobs', { MAX_JOBS: '257' }], ['max-shards', { MAX_SHARDS: '0' }], ['fail-on', { FAIL_ON: 'some' }]] as const) {
      const r = plan([listed('a', 1)], env);
      expect(r.code, input).toBe(1);
      expect(r.out).toContain(`::error title=keysentry plan::${input} must be`);
    }
    const bad = plan([listed('a', 1)], { ORGANIZATION: 'acme; rm -rf /' });
    expect(bad.code).toBe(1);
    expect(bad.ghArgs).toEqual([]);
  });
});

// The audit jobs of these tests are independent (their own server, plan and workspaces): side by side.
describe.concurrent('audit', () => {
  /**
   * The real keysentry, behind a spy that first notes what it was given (its arguments, the
   * repository it runs in, its environment) in $SPY_DIR, under the report's name.
   */
  const keysentry = [
    'out=; prev=',
    'for a in "$@"; do [ "$prev" = -o ] && out=$a; prev=$a; done',
    'seen="$SPY_DIR/$(basename "$out")"; mkdir -p "$seen"',
    'printf %s "$*" > "$seen/args"; git config remote.origin.url > "$seen/origin"; git symbolic-ref HEAD > "$seen/head"',
    'git for-each-ref --format="%(objectname) %(refname)" > "$seen/refs"; cat config > "$seen/config"',
    'env | grep -c test-token-value > "$seen/leak"; printf %s "${KEYSENTRY_SEAL_KEY:-}" > "$seen/seal"',
    // The one stand-in left: the real keysentry history exits 2 only on an error (an unreadable
    // repository, a broken object store) that a repository fetched whole by git does not have.
    '[ -n "$FAIL_KEYSENTRY" ] && [ "$PWD" != "${PWD%$FAIL_KEYSENTRY.git}" ] && exit 2',
    // keysentry's own git calls go to git itself, not through the git spy first on PATH.
    'PATH="${PATH#*:}"',
    `exec "${process.execPath}" "${BIN}" "$@"`,
  ].join('\n');

  /** What the spy saw. */
  interface Seen { args: string; origin: string; head: string; refs: string; config: string; leak: string; seal: string }
  /** The real report's head. */
  interface Report { repository: { name: string; state: string }; shard: { index: number; count: number }; findings: { sealed?: string }[] }

  async function audit(planFile: string, batch: number, server: string, env: NodeJS.ProcessEnv = {}) {
    const ws = tempDir('keysentry-ws-');
    const spy = tempDir('keysentry-spy-');
    const r = await runStepAsync(block('Audit'), {
      TOKEN: 'test-token-value',
      KEYSENTRY_SEAL_KEY: 'a-seal-key-of-at-least-32-characters',
      PLAN: planFile,
      BATCH: String(batch),
      GITHUB_SERVER_URL: `file://${server}`,
      SPY_DIR: spy,
      ...env,
    }, ws, fakeBin({ keysentry, git: gitSpy(join(ws, 'git')) }));
    const dir = join(ws, 'reports');
    const reports: Record<string, Report> = {};
    const texts: Record<string, string> = {};
    if (existsSync(dir)) {
      for (const f of readdirSync(dir)) {
        texts[f] = readFileSync(join(dir, f), 'utf8');
        reports[f] = JSON.parse(texts[f]) as Report;
      }
    }
    const seen: Record<string, Seen> = {};
    for (const f of readdirSync(spy)) {
      const field = (name: string) => readFileSync(join(spy, f, name), 'utf8').replace(/\n$/, '');
      seen[f] = { args: field('args'), origin: field('origin'), head: field('head'), refs: field('refs'), config: field('config'), leak: field('leak'), seal: field('seal') };
    }
    return { ...r, reports, texts, seen, dir, gitLog: join(ws, 'git') };
  }

  it('fetches each repository whole into a bare repository named by its plain URL, and pins every shard to the refs the plan read', async () => {
    const server = tempDir('keysentry-server-');
    const big = serverRepo(server, 'big');
    serverRepo(server, 'small');
    const p = plan([listed('big', 2500 * 1024), listed('small', 10)], { SHARD_ABOVE_MB: '1024', MAX_SHARDS: '2' }, server);
    expect(p.code, p.out).toBe(0);
    const planned = git(big, 'for-each-ref', '--format=%(objectname) %(refname)');

    // Between the plan and the audit jobs, the repository moves on: main is rewritten (its old
    // commit kept reachable elsewhere), a branch is added, a tag is deleted.
    const oldMain = git(big, 'rev-parse', 'refs/heads/main');
    git(big, 'update-ref', 'refs/keep/old-main', oldMain);
    const tree = git(big, 'rev-parse', `${oldMain}^{tree}`);
    const orphan = execFileSync('git', ['commit-tree', tree, '-m', 'rewritten'], { cwd: big, env: gitEnv, encoding: 'utf8' }).trim();
    git(big, 'update-ref', 'refs/heads/main', orphan);
    git(big, 'update-ref', 'refs/heads/late', orphan);
    git(big, 'update-ref', '-d', 'refs/tags/v1');

    const batches = p.plan!.batches;
    expect(batches.map((b) => b.map((t) => `${t.repo} ${t.index}/${t.count}`))).toEqual([['acme/big 1/2'], ['acme/big 2/2'], ['acme/small 1/1']]);
    // The matrix jobs side by side, as runners run them.
    const [shard1, shard2, small] = await Promise.all([audit(p.planFile, 0, server), audit(p.planFile, 1, server), audit(p.planFile, 2, server)]);
    for (const r of [shard1, shard2, small]) expect(r.code, r.out).toBe(0);

    const r1 = shard1.seen['acme__big.shard-1-of-2.json']!;
    const r2 = shard2.seen['acme__big.shard-2-of-2.json']!;
    expect(r1.args).toMatch(/^history --format json -o \S+acme__big\.shard-1-of-2\.json --shard 1\/2$/);
    expect(r2.args).toMatch(/--shard 2\/2$/);
    // Both shards scanned the refs of the plan, not of the moment each ran.
    expect(r1.refs).toBe(planned);
    expect(r2.refs).toBe(planned);
    expect(r1.head).toBe('refs/heads/main');
    // So the real reports are of one state of the repository, and the real merge takes them.
    const report1 = shard1.reports['acme__big.shard-1-of-2.json']!;
    const report2 = shard2.reports['acme__big.shard-2-of-2.json']!;
    expect([report1.shard, report2.shard]).toEqual([{ index: 1, count: 2 }, { index: 2, count: 2 }]);
    expect(report2.repository).toEqual(report1.repository);
    // Named after the plain file:// URL: its last directory.
    expect(report1.repository.name).toBe('big');
    const merged = spawnSync(process.execPath, [BIN, 'merge', '--format', 'json', join(shard1.dir, 'acme__big.shard-1-of-2.json'), join(shard2.dir, 'acme__big.shard-2-of-2.json')], { encoding: 'utf8', env: gitEnv });
    expect(merged.status, merged.stderr).toBe(0);
    // The repository is named after the plain URL; the token is nowhere keysentry can see it.
    expect(r1.origin).toBe(`file://${server}/acme/big`);
    for (const r of [r1, r2]) {
      expect(r.config).not.toContain('test-token-value');
      expect(r.config).not.toContain('extraheader');
      expect(r.leak).toBe('0');
      expect(r.seal).toBe('a-seal-key-of-at-least-32-characters');
    }
    // A repository in one job is not pinned: it is scanned as it is, whole (no --shard).
    const s = small.seen['acme__small.shard-1-of-1.json']!;
    expect(s.args).toMatch(/^history --format json -o \S+acme__small\.shard-1-of-1\.json$/);
    expect(s.refs).toBe(git(join(server, 'acme', 'small'), 'for-each-ref', '--format=%(objectname) %(refname)'));
    expect(small.reports['acme__small.shard-1-of-1.json']!.shard).toEqual({ index: 1, count: 1 });
    for (const r of [shard1, shard2, small]) {
      expect(r.out).not.toContain(TOKEN);
      for (const text of Object.values(r.texts)) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(BASIC);
      }
      expectTokenOnlyInHeader(r.gitLog, server);
    }

  });

  it('refuses a seal key keysentry would refuse, once, before fetching anything', async () => {
    const ws = tempDir('keysentry-ws-');
    const r = await runStepAsync(block('Audit'), {
      TOKEN, KEYSENTRY_SEAL_KEY: 'x'.repeat(31), PLAN: join(ws, 'no-plan.json'), BATCH: '0', GITHUB_SERVER_URL: 'file:///nowhere',
    }, ws, fakeBin({ git: gitSpy(join(ws, 'git')) }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error title=keysentry::the seal-key secret is shorter than 32 characters');
    expect(existsSync(join(ws, 'git.args'))).toBe(false);
  });

  it('goes on past a repository it cannot fetch or scan, then fails the job naming them', async () => {
    const server = tempDir('keysentry-server-');
    serverRepo(server, 'ok');
    serverRepo(server, 'breaks');
    const p = plan([listed('ok', 10), listed('gone', 10), listed('breaks', 10)], { MAX_JOBS: '1' }, server);
    expect(p.code, p.out).toBe(0);
    expect(p.plan!.batches).toHaveLength(1);
    const r = await audit(p.planFile, 0, server, { FAIL_KEYSENTRY: 'acme__breaks', KEYSENTRY_SEAL_KEY: '' });
    expect(r.code, r.out).toBe(1);
    // Without a seal key (verify off), none reaches keysentry.
    expect(r.seen['acme__ok.shard-1-of-1.json']!.seal).toBe('');
    expect(Object.keys(r.reports)).toEqual(['acme__ok.shard-1-of-1.json']);
    expect(r.out).toContain('::error title=keysentry::could not fetch acme/gone');
    expect(r.out).toContain('::error title=keysentry::keysentry history failed on acme/breaks 1/1 (exit 2)');
    expect(r.summary).toContain('2 task(s) failed');
    expect(r.summary).toContain('- acme/gone 1/1: could not fetch it');
  });
});

describe('merge', () => {
  // The merge step itself runs with the real keysentry merge: see the end-to-end tests below.
  it('the last step fails the run for failed audit jobs, for findings and for a failed merge', () => {
    const result = (env: NodeJS.ProcessEnv) => runStep(block('Result'), { FAIL_ON: 'any', ...env }, tempDir('keysentry-ws-'), fakeBin({}));
    expect(result({ AUDIT: 'success', CODE: '0' }).code).toBe(0);
    expect(result({ AUDIT: 'skipped', CODE: '0' }).code).toBe(0);
    const failed = result({ AUDIT: 'failure', CODE: '0' });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('audit jobs failed (failure)');
    expect(result({ AUDIT: 'success', CODE: '1' }).out).toContain('keys found (fail-on: any)');
    expect(result({ AUDIT: 'success', CODE: '1' }).code).toBe(1);
    expect(result({ AUDIT: 'success', CODE: '2' }).code).toBe(1);
    expect(result({ AUDIT: 'success', CODE: '' }).code).toBe(1);
  });
});

// After the plan and the audit jobs (beforeAll), each merge job runs on its own copy of the reports:
// side by side. Only the first verifies (the others merge unverified or refuse before verifying), so
// the requests the stand-in providers count are its alone.
describe.concurrent('end to end, with the real keysentry: plan, every audit job, merge --verify', () => {
  // The real CLI of this checkout as `keysentry` on PATH, as `npm install --global` puts it there.
  const real = () => fakeBin({ keysentry: `exec "${process.execPath}" "${BIN}" "$@"` });
  const SEAL = 'a-seal-key-of-at-least-32-characters';
  const keys = new KeyGen(3131);
  // One DeepSeek key committed in all three repositories; one OpenAI key only in api's history.
  const shared = keys.deepseek();
  const hidden = keys.openaiProject();
  const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex');

  interface MergedFinding { fingerprint: string; repository?: string; path: string; commit?: string; atHead?: boolean; sealed?: string; secret?: string }
  interface Merged {
    keys: { fingerprint: string; redacted: string; places: number; verification?: { status: string } }[];
    findings: MergedFinding[];
    repository?: { name: string };
  }

  let oa: FakeProvider;
  let ds: FakeProvider;
  let server: string;
  let planned: ReturnType<typeof plan>;
  let audits: Run[];
  /** Every report the audit jobs wrote, by file name: what the merge job downloads. */
  const reports = new Map<string, string>();

  /** A repository on the "server" built from commits of files (a null content deletes the file). */
  function pushed(name: string, commits: [string, Record<string, string | null>][]): void {
    const work = tempDir('keysentry-work-');
    git(work, 'init', '-q', '-b', 'main');
    for (const [message, files] of commits) {
      for (const [path, content] of Object.entries(files)) {
        if (content === null) git(work, 'rm', '-q', path);
        else {
          mkdirSync(dirname(join(work, path)), { recursive: true });
          writeFileSync(join(work, path), content);
          git(work, 'add', path);
        }
      }
      git(work, 'commit', '-qm', message);
    }
    git(work, 'tag', 'v1');
    mkdirSync(join(server, 'acme'), { recursive: true });
    git(server, 'clone', '-q', '--bare', work, join(server, 'acme', name));
  }

  /** The merge job: the reports downloaded into reports/, then the merge step as it is. */
  function mergeJob(files: string[], tasks: Task[][] | undefined, env: NodeJS.ProcessEnv = {}) {
    const ws = tempDir('keysentry-ws-');
    mkdirSync(join(ws, 'reports'));
    for (const f of files) writeFileSync(join(ws, 'reports', f), reports.get(f) ?? '{"version": 1,');
    let planFile = planned.planFile;
    if (tasks) {
      planFile = join(tempDir('keysentry-plan-'), 'plan.json');
      writeFileSync(planFile, JSON.stringify({ batches: tasks, pins: {}, skipped: {} }));
    }
    return runStepAsync(block('merge'), {
      PLAN: planFile, VERIFY: 'true', FAIL_ON: 'any', ORGANIZATION: 'acme', KEYSENTRY_SEAL_KEY: SEAL,
      KEYSENTRY_OPENAI_BASE_URL: oa.url, KEYSENTRY_DEEPSEEK_BASE_URL: ds.url, ...env,
    }, ws, real()).then((r) => ({ ...r, ws }));
  }

  /** Neither key, whole, anywhere in these texts. */
  function expectNoKey(...texts: string[]): void {
    for (const text of texts) {
      expect(text).not.toContain(shared);
      expect(text).not.toContain(hidden);
    }
  }

  beforeAll(async () => {
    [oa, ds] = await Promise.all([fakeProvider(), fakeProvider()]);
    ds.on(shared, deepseek.balance(true, '12.00'));
    oa.on(hidden, openai.invalid);
    server = tempDir('keysentry-server-');
    // api is the big one: files enough for its blobs to fall to all three shards.
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/m${i}.py`, `print(${i})\n`]));
    pushed('api', [
      ['init', { 'README.md': 'api\n', ...many }],
      ['settings', { 'settings.py': `OPENAI_API_KEY = "${hidden}"\n` }],
      ['no settings', { 'settings.py': null }],
      ['deploy', { 'deploy/.env': `DEEPSEEK_API_KEY=${shared}\n` }],
    ]);
    pushed('web', [['init', { 'README.md': 'web\n' }], ['deploy', { 'web.env': `DEEPSEEK_API_KEY=${shared}\n` }]]);
    pushed('tools', [['ci', { 'ci/secrets.sh': `export DEEPSEEK_API_KEY=${shared}\n` }]]);

    planned = plan([listed('api', 2500 * 1024), listed('web', 10), listed('tools', 10)], {}, server);
    expect(planned.code, planned.out).toBe(0);
    expect(planned.plan!.batches.map((b) => b.map((t) => `${t.repo} ${t.index}/${t.count}`))).toEqual([
      ['acme/api 1/3'], ['acme/api 2/3'], ['acme/api 3/3'], ['acme/tools 1/1'], ['acme/web 1/1'],
    ]);
    // Every matrix job at once, each in its own workspace, as runners do.
    const { batch } = matrixOf(planned.output);
    const workspaces = batch.map(() => tempDir('keysentry-ws-'));
    audits = await Promise.all(batch.map((b, i) => runStepAsync(block('Audit'), {
      TOKEN, KEYSENTRY_SEAL_KEY: SEAL, PLAN: planned.planFile, BATCH: String(b), GITHUB_SERVER_URL: `file://${server}`,
    }, workspaces[i]!, real())));
    for (const [i, ws] of workspaces.entries()) {
      expect(audits[i]!.code, audits[i]!.out).toBe(0);
      for (const f of readdirSync(join(ws, 'reports'))) reports.set(f, readFileSync(join(ws, 'reports', f), 'utf8'));
    }
  });
  afterAll(async () => {
    await Promise.all([oa?.close(), ds?.close()]);
  });

  it('every audit job writes its real history report: the shards of api, tools and web whole', () => {
    expect([...reports.keys()].sort()).toEqual([
      'acme__api.shard-1-of-3.json', 'acme__api.shard-2-of-3.json', 'acme__api.shard-3-of-3.json',
      'acme__tools.shard-1-of-1.json', 'acme__web.shard-1-of-1.json',
    ]);
    const api = [1, 2, 3].map((i) => JSON.parse(reports.get(`acme__api.shard-${i}-of-3.json`)!) as Merged & { shard: unknown; repository: { name: string; state: string } });
    expect(api.map((r) => r.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    // The three shards ran in three jobs, on three fetches: pinned, they scanned one state.
    expect(new Set(api.map((r) => r.repository.state)).size).toBe(1);
    expect(api[0]!.repository.name).toBe('api');
    // Keys leave the audit jobs sealed only.
    const findings = [...reports.values()].flatMap((t) => (JSON.parse(t) as Merged).findings);
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const f of findings) {
      expect(f.sealed).toBeTruthy();
      expect(f.secret).toBeUndefined();
    }
    expectNoKey(...reports.values(), ...audits.map((a) => a.out), ...audits.map((a) => a.summary), planned.out);
    // Nor the token: git alone had it (the log has its header only to mask it).
    for (const text of [...reports.values(), ...audits.map((a) => a.out)]) expect(text).not.toContain(TOKEN);
    for (const text of reports.values()) expect(text).not.toContain(BASIC);
  });

  it('merges them into one report: the shared key once with its 3 places in 3 repositories, each key verified once', async () => {
    const r = await mergeJob([...reports.keys()], undefined);
    expect(r.code, r.out).toBe(0);
    // findings, fail-on any: the workflow's exit-code output is 1, and the last step fails the run on it.
    expect(r.output).toContain('exit-code=1\n');
    // One request per distinct key, for the whole organisation.
    expect(ds.seen).toHaveLength(1);
    expect(oa.seen).toHaveLength(1);

    const merged = JSON.parse(readFileSync(join(r.ws, 'out', 'keysentry-merged.json'), 'utf8')) as Merged;
    expect(merged.keys).toHaveLength(2);
    const sharedKey = merged.keys.find((k) => k.fingerprint === fingerprint(shared))!;
    const hiddenKey = merged.keys.find((k) => k.fingerprint === fingerprint(hidden))!;
    expect(sharedKey).toMatchObject({ places: 3, verification: { status: 'live' } });
    expect(hiddenKey).toMatchObject({ places: 1, verification: { status: 'invalid' } });
    const places = (key: string) => merged.findings.filter((f) => f.fingerprint === fingerprint(key))
      .map((f) => [f.repository, f.path, f.atHead]).sort();
    expect(places(shared)).toEqual([['api', 'deploy/.env', true], ['tools', 'ci/secrets.sh', true], ['web', 'web.env', true]]);
    expect(places(hidden)).toEqual([['api', 'settings.py', false]]);

    // The job summary: the shared key once, its 3 places each named by its repository.
    expect(r.summary).toContain('2 distinct keys, 4 findings.');
    const header = `### ${sharedKey.redacted}: live`;
    expect(r.summary.split(header)).toHaveLength(2);
    const block = r.summary.slice(r.summary.indexOf(header)).split('\n### ')[0]!;
    expect(block).toContain('deepseek, rule deepseek-api-key, high confidence, 3 places');
    const lines = block.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(3);
    for (const [repo, path] of [['api', 'deploy/.env'], ['tools', 'ci/secrets.sh'], ['web', 'web.env']]) {
      expect(lines.some((l) => l.startsWith(`- ${repo} \`${path}:1\` commit `) && l.endsWith('(still at HEAD)')), `${repo} in\n${block}`).toBe(true);
    }
    expect(r.summary).toMatch(new RegExp(`### ${hiddenKey.redacted.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}: invalid[^#]*\n- api \`settings\\.py:1\` commit [0-9a-f]{12} \\(only in history\\)`));

    // The SARIF artifact.
    const sarifText = readFileSync(join(r.ws, 'out', 'keysentry-merged.sarif'), 'utf8');
    const sarif = JSON.parse(sarifText) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(existsSync(join(r.ws, 'out', 'not-audited.txt'))).toBe(false);
    expectNoKey(r.out, r.summary, r.output, sarifText, readFileSync(join(r.ws, 'out', 'keysentry-merged.json'), 'utf8'));
  });

  it('sets aside a repository whose shards did not all come back and names it; without a seal key, merges the others unverified and says why', async () => {
    const r = await mergeJob([...reports.keys()].filter((f) => f !== 'acme__api.shard-2-of-3.json'), undefined, { KEYSENTRY_SEAL_KEY: '' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('::warning title=keysentry::Keys were not verified: verify is on but the seal-key secret is not set');
    expect(r.summary).toContain('> Keys were not verified');
    expect(r.output).toContain('exit-code=1\n');
    expect(readdirSync(join(r.ws, 'reports-incomplete')).sort()).toEqual(['acme__api.shard-1-of-3.json', 'acme__api.shard-3-of-3.json']);
    expect(r.summary).toContain('**1 repositories were not audited**');
    expect(r.summary).toContain('- acme/api: 1 of 3 report(s) missing');
    expect(readFileSync(join(r.ws, 'out', 'not-audited.txt'), 'utf8')).toBe('acme/api: 1 of 3 report(s) missing\n');
    const merged = JSON.parse(readFileSync(join(r.ws, 'out', 'keysentry-merged.json'), 'utf8')) as Merged;
    expect(merged.findings.map((f) => f.repository).sort()).toEqual(['tools', 'web']);
    expect(merged.keys.every((k) => k.verification === undefined)).toBe(true);
    expect(r.summary).toContain('1 distinct keys, 2 findings.');
    expect(r.summary).toContain(': not verified');
  });

  it('one repository alone: the summary still names it (the merged report names it once, not per finding)', async () => {
    const r = await mergeJob(['acme__web.shard-1-of-1.json'], [[{ repo: 'acme/web', index: 1, count: 1, head: 'main', kb: 10 }]], { VERIFY: 'false' });
    expect(r.code, r.out).toBe(0);
    const merged = JSON.parse(readFileSync(join(r.ws, 'out', 'keysentry-merged.json'), 'utf8')) as Merged;
    expect(merged.repository?.name).toBe('web');
    expect(merged.findings[0]!.repository).toBeUndefined();
    expect(r.summary).toMatch(/\n- web `web\.env:1` commit [0-9a-f]{12} \(still at HEAD\)\n/);
  });

  it('a report keysentry merge refuses: exit-code 2, and the summary says the merge failed', async () => {
    const r = await mergeJob(['acme__tools.shard-1-of-1.json', 'acme__web.shard-1-of-1.json', 'acme__x.shard-1-of-1.json'],
      [[{ repo: 'acme/tools', index: 1, count: 1, head: 'main', kb: 1 }, { repo: 'acme/web', index: 1, count: 1, head: 'main', kb: 1 }, { repo: 'acme/x', index: 1, count: 1, head: 'main', kb: 1 }]]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/acme__x\.shard-1-of-1\.json: not JSON/);
    expect(r.output).toContain('exit-code=2\n');
    expect(r.summary).toContain('**keysentry merge failed (exit 2); see the step log.**');
  });
});
