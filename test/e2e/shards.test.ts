// `keysentry history --shard I/N` on separate processes, then `keysentry merge`: the merged report
// is the unsharded one, whatever N, and a merge refuses reports that do not make a whole.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';
import { deepseek, fakeProvider, openai, type FakeProvider } from '../verify/fake-provider.js';

const keys = new KeyGen(1212);
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));
function repo(origin?: string): TempRepo {
  const r = new TempRepo();
  if (origin) r.git('remote', 'add', 'origin', origin);
  repos.push(r);
  return r;
}

const blobId = (content: string) => createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex');
/** The shard (0-based) a blob falls to, as src/sources/shard.ts decides. */
const shardOf = (content: string, n: number) => Number.parseInt(blobId(content).slice(0, 8), 16) % n;

/**
 * Two contents holding one key whose blobs fall to different shards for every N tested, so the
 * key's earliest introduction lives in one shard and its later one in another.
 */
function splitPair(key: string): [string, string] {
  for (let i = 0; ; i++) {
    const early = `# v${i}\nDEEPSEEK_API_KEY=${key}\n`;
    const late = `# w${i}\nDEEPSEEK_API_KEY=${key}\n`;
    // Reversed order too: the later blob's shard comes first in the merge's input.
    if ([2, 3, 7].every((n) => shardOf(early, n) > shardOf(late, n))) return [early, late];
  }
}

interface Json {
  findings: { path: string; commit?: string; fingerprint: string; position?: number; repository?: string; secret?: string; sealed?: string }[];
  keys: { fingerprint: string; places: number; verification?: { status: string } }[];
  stats: { files: number; bytes: number; commits?: number; durationMs: number };
  shard?: { index: number; count: number };
  repository?: { name: string; state: string };
  tool: { name: string; version: string };
  warnings: string[];
}

/** The report without its timing, the one thing two runs of one history never agree on. */
function timeless(text: string): Json {
  const report = JSON.parse(text) as Json;
  report.stats.durationMs = 0;
  return report;
}

describe('history --shard I/N and merge', () => {
  let r: TempRepo;
  let dir: string;
  let unsharded: string;
  let unshardedStderr: string;
  const planted: string[] = [];

  beforeAll(() => {
    r = repo('https://ci-user:not-a-token@github.com/acme/widgets.git');
    dir = tempDir('keysentry-shards-');
    // Over 256 KiB of objects, so the unsharded run reads blob by blob as shards do (below that it
    // reads patches, which cannot tell blobs that nothing reaches).
    r.commit('init', { 'README.md': 'hello\n', 'assets/noise.bin': randomBytes(320 * 1024) });
    // Keys in many files: their blobs fall to every shard.
    for (let i = 0; i < 12; i++) {
      const key = i % 2 ? keys.openaiProject() : keys.deepseek();
      planted.push(key);
      r.commit(`add ${i}`, { [`conf/${i}.env`]: `${i % 2 ? 'OPENAI' : 'DEEPSEEK'}_API_KEY=${key}\n` });
    }
    // One key put at one path twice, by two blobs in different shards: the first one counts.
    const moved = keys.deepseek();
    planted.push(moved);
    const [early, late] = splitPair(moved);
    r.commit('early', { 'app.env': early });
    r.git('rm', '-q', 'app.env');
    r.commit('drop');
    r.commit('late', { 'app.env': late });
    // A key in a commit message, one in an annotated tag's message, and one on a side branch merged back.
    const inMessage = keys.openaiProject();
    planted.push(inMessage);
    r.commit(`rotate\n\nold key was ${inMessage}`, { 'notes.txt': 'rotated\n' });
    const inTag = keys.deepseek();
    planted.push(inTag);
    r.git('tag', '-a', 'v1', '-m', `release, DEEPSEEK key ${inTag}`);
    r.git('checkout', '-q', '-b', 'side');
    const onSide = keys.openaiProject();
    planted.push(onSide);
    r.commit('side', { 'side.env': `OPENAI_API_KEY=${onSide}\n` });
    r.git('checkout', '-q', 'main');
    r.commit('main moves', { 'README.md': 'hello again\n' });
    r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    // Blobs with keys that nothing reaches (a file staged, then never committed): each shard warns
    // of its own, and the merge adds them up into the one warning the unsharded run gives.
    for (let i = 0; i < 5; i++) {
      execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: r.dir, input: `DEEPSEEK_API_KEY=${keys.deepseek()}\n` });
    }
    const out = runCli(['history', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(1);
    unsharded = out.stdout;
    unshardedStderr = out.stderr;
    expect((JSON.parse(unsharded) as { warnings: string[] }).warnings).toEqual([expect.stringMatching(/^5 blob\(s\) that may hold a key/)]);
  });

  it.each([1, 2, 3, 7])('N = %i shards, each its own process, merge into exactly the unsharded report', async (n) => {
    const files: string[] = [];
    const shardFiles: number[] = [];
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const file = join(dir, `n${n}-shard-${i + 1}.json`);
        const out = await runCliAsync(['history', '--shard', `${i + 1}/${n}`, '--format', 'json', '-o', file], { cwd: r.dir });
        // A shard's findings are a share of the answer: never exit 1 on its own.
        expect(out.code).toBe(0);
        expect(out.stderr).toMatch(new RegExp(`shard ${i + 1}/${n}`));
        files.push(file);
        const shard = JSON.parse(readFileSync(file, 'utf8')) as Json;
        expect(shard.shard).toEqual({ index: i + 1, count: n });
        shardFiles.push(shard.stats.files);
      }),
    );
    // Every blob read exactly once over the N shards.
    const blobs = r.git('cat-file', '--batch-all-objects', '--batch-check=%(objecttype)').split('\n').filter((t) => t === 'blob').length;
    expect(shardFiles.reduce((a, b) => a + b, 0)).toBe(blobs);

    // In any order: the merge decides from positions, not from the order of its arguments.
    const merged = runCli(['merge', '--format', 'json', ...files.reverse()], { cwd: dir });
    // The same warnings: the shards' counts of blobs nothing reaches add up to the whole's.
    expect(merged.stderr).toBe(unshardedStderr);
    expect(merged.code).toBe(1);
    const whole = timeless(unsharded);
    const got = timeless(merged.stdout);
    expect(got.findings).toEqual(whole.findings);
    expect(got.keys).toEqual(whole.keys);
    expect(got.repository).toEqual(whole.repository);
    expect(got.stats.commits).toBe(whole.stats.commits);
    expect(got.warnings).toEqual(whole.warnings);

    // The console report too (its last lines carry the time), and the exit code.
    const consoleMerged = runCli(['merge', ...files], { cwd: dir });
    const consoleWhole = runCli(['history'], { cwd: r.dir });
    const body = (text: string) => text.split('\nScanned ')[0];
    expect(body(consoleMerged.stdout)).toBe(body(consoleWhole.stdout));
    expect(consoleMerged.code).toBe(consoleWhole.code);
  });

  it('finds every planted key at its first place, the message, the tag and the side branch included', () => {
    const report = timeless(unsharded);
    const fingerprints = new Set(report.findings.map((f) => f.fingerprint));
    for (const key of planted) expect(fingerprints.has(createHash('sha256').update(key).digest('hex'))).toBe(true);
    const app = report.findings.filter((f) => f.path === 'app.env');
    expect(app).toHaveLength(1);
    expect(app[0]!.commit).toBe(r.git('log', '--format=%H', '-1', '--grep=^early$').trim());
    expect(report.findings.some((f) => f.path === '<commit message>')).toBe(true);
    expect(report.findings.some((f) => f.path === '<tag v1>')).toBe(true);
    // The repository is named by its origin, without the credentials the URL carried.
    expect(report.repository?.name).toBe('github.com/acme/widgets');
    expect(unsharded).not.toContain('not-a-token');
  });

  it('refuses shards that do not make a whole: one missing, one twice, another count, another state, another version', () => {
    const shard = (i: number, n: number) => {
      const file = join(dir, `check-${i}-of-${n}.json`);
      expect(runCli(['history', '--shard', `${i}/${n}`, '--format', 'json', '-o', file, '-q'], { cwd: r.dir }).code).toBe(0);
      return file;
    };
    const [a, b, c] = [shard(1, 3), shard(2, 3), shard(3, 3)];
    const refused = (files: string[], message: RegExp) => {
      const out = runCli(['merge', ...files], { cwd: dir });
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toMatch(message);
    };
    refused([a, c], /shard 2 of 3 missing/);
    refused([a, b, b, c], /shard 2\/3 is given twice/);
    refused([a, b, c, shard(1, 2)], /a shard of 3 .* of 2/);

    const edited = (file: string, change: (report: Record<string, any>) => void) => {
      const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
      change(report);
      const out = join(dir, `edited-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(out, JSON.stringify(report));
      return out;
    };
    refused([a, b, edited(c, (x) => (x.tool.version = '0.0.1'))], /different keysentry versions: 0\.1\.0 .* and 0\.0\.1/);
    refused([a, b, edited(c, (x) => (x.repository.state = 'f'.repeat(64)))], /different states of the repository/);
    refused([a, b, edited(c, (x) => delete x.tool)], /does not say which keysentry wrote it/);
    refused([edited(a, (x) => (x.version = 2))], /report format version 2/);

    // A report of another kind, not JSON at all, nothing at all.
    const scanReport = join(dir, 'scan.json');
    writeFileSync(scanReport, runCli(['scan', '--format', 'json', '.'], { cwd: r.dir }).stdout);
    refused([scanReport], /not a history report/);
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"version": 1,');
    refused([notJson], /broken\.json: not JSON/);
    refused([join(dir, 'nowhere.json')], /no such file or directory/);
    refused([], /name the reports to merge/);

    // The state moves when a ref does: a shard taken after a new commit does not merge.
    r.commit('later', { 'later.txt': 'x\n' });
    const moved = shard(3, 3);
    refused([a, b, moved], /different states/);
    r.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('refuses --shard where a share cannot answer: a bad spec, a range, --verify, a baseline', () => {
    for (const [args, message] of [
      [['--shard', '0/3'], /--shard takes I\/N/],
      [['--shard', '4/3'], /--shard takes I\/N/],
      [['--shard', 'two'], /--shard takes I\/N/],
      [['--shard', '1/2', '--since', 'HEAD~1'], /cannot be used with --range or --since/],
      [['--shard', '1/2', '--verify'], /keysentry merge --verify/],
      [['--shard', '1/2', '--write-baseline', join(dir, 'b.json')], /write the baseline from the merged report/],
    ] as const) {
      const out = runCli(['history', ...args], { cwd: r.dir });
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('merge of many repositories', () => {
  let oa: FakeProvider;
  let ds: FakeProvider;
  beforeAll(async () => {
    [oa, ds] = await Promise.all([fakeProvider(), fakeProvider()]);
  });
  afterAll(async () => {
    await Promise.all([oa.close(), ds.close()]);
  });

  const sealKey = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(16);

  it('one key in three repositories is one key with three places, verified with one request', async () => {
    const shared = keys.deepseek();
    const own = keys.openaiProject();
    ds.on(shared, deepseek.balance(true, '12.00'));
    oa.on(own, openai.invalid);
    const dir = tempDir('keysentry-org-');
    const names = ['acme/api', 'acme/web', 'acme/tools'];
    const files = names.map((name, i) => {
      const r = repo(`git@github.com:${name}.git`);
      r.commit('init', { 'README.md': `${name}\n` });
      r.commit('add key', { [`deploy/${i}.env`]: `DEEPSEEK_API_KEY=${shared}\n` });
      if (i === 1) r.commit('own key', { 'web.env': `OPENAI_API_KEY=${own}\n` });
      const file = join(dir, `${name.replace('/', '-')}.json`);
      const out = runCli(['history', '--format', 'json', '-o', file], { cwd: r.dir, env: { KEYSENTRY_SEAL_KEY: sealKey } });
      expect(out.code).toBe(1);
      // The report carries each key sealed, never in the clear.
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(shared);
      expect((JSON.parse(text) as Json).findings.every((f) => f.sealed && !f.secret)).toBe(true);
      return file;
    });
    const env = { KEYSENTRY_SEAL_KEY: sealKey, KEYSENTRY_DEEPSEEK_BASE_URL: ds.url, KEYSENTRY_OPENAI_BASE_URL: oa.url };
    const out = await runCliAsync(['merge', '--verify', '--format', 'json', dir], { cwd: dir, env });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as Json;
    // One request per distinct key, for the whole organisation.
    expect(ds.seen).toHaveLength(1);
    expect(oa.seen).toHaveLength(1);
    const fp = createHash('sha256').update(shared).digest('hex');
    expect(report.keys.find((k) => k.fingerprint === fp)).toMatchObject({ places: 3, verification: { status: 'live' } });
    expect(report.findings.filter((f) => f.fingerprint === fp).map((f) => [f.repository, f.path])).toEqual([
      ['github.com/acme/api', 'deploy/0.env'],
      ['github.com/acme/tools', 'deploy/2.env'],
      ['github.com/acme/web', 'deploy/1.env'],
    ]);
    expect(out.stdout).not.toContain(shared);
    expect(report.repository).toBeUndefined();

    // The console groups the key across repositories and names each place's repository.
    const shown = await runCliAsync(['merge', '--verify', ...files], { cwd: dir, env });
    expect(shown.stdout).toMatch(/live.*3 places/);
    expect(shown.stdout).toContain('github.com/acme/web:deploy/1.env:1:');
    // --fail-on live: a live key fails the merge; the invalid one alone would not.
    expect((await runCliAsync(['merge', '--verify', '--fail-on', 'live', files[1]!], { cwd: dir, env })).code).toBe(1);

    // Without the seal key the keys cannot be verified; with another one they do not open.
    const unsealed = await runCliAsync(['merge', '--verify', dir], { cwd: dir, env: { ...env, KEYSENTRY_SEAL_KEY: '' } });
    expect(unsealed.code).toBe(2);
    expect(unsealed.stderr).toMatch(/sealed: set KEYSENTRY_SEAL_KEY/);
    const wrong = await runCliAsync(['merge', '--verify', dir], { cwd: dir, env: { ...env, KEYSENTRY_SEAL_KEY: 'x'.repeat(40) } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/does not open its key/);
    const short = await runCliAsync(['merge', '--verify', dir], { cwd: dir, env: { ...env, KEYSENTRY_SEAL_KEY: 'short' } });
    expect(short.stderr).toMatch(/at least 32 characters/);
    // Without --verify no key is needed at all.
    expect((await runCliAsync(['merge', dir], { cwd: dir, env: { KEYSENTRY_SEAL_KEY: '' } })).code).toBe(1);
    expect(ds.seen).toHaveLength(3);
  });

  it('SARIF and annotations of a merge name the repository of each result', () => {
    const key = keys.deepseek();
    const dir = tempDir('keysentry-org-');
    const files = ['acme/one', 'acme/two'].map((name) => {
      const r = repo(`https://github.com/${name}`);
      r.commit('add', { '.env': `DEEPSEEK_API_KEY=${key}\n` });
      const file = join(dir, `${name.replace('/', '-')}.json`);
      runCli(['history', '--format', 'json', '-o', file], { cwd: r.dir });
      return file;
    });
    // One path in two repositories is two files to clean.
    expect(runCli(['merge', ...files], { cwd: dir }).stdout).toContain('2 findings (1 distinct key) in 2 files.');
    const sarif = runCli(['merge', '--format', 'sarif', ...files], { cwd: dir });
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { properties: { repository?: string }; partialFingerprints: Record<string, string> }[] }[] }).runs[0]!.results;
    expect(results.map((x) => x.properties.repository).sort()).toEqual(['github.com/acme/one', 'github.com/acme/two']);
    // Two places, two alerts: the repository is part of what tells them apart.
    expect(new Set(results.map((x) => Object.values(x.partialFingerprints)[0])).size).toBe(2);
    const github = runCli(['merge', '--format', 'github', ...files], { cwd: dir });
    const annotations = github.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(annotations).toHaveLength(2);
    // Not attached to a file of the repository the workflow runs in: it is another's.
    for (const a of annotations) expect(a).not.toMatch(/file=/);
    expect(github.stdout).toContain('in repository github.com/acme/one');
  });
});
