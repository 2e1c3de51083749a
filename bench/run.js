#!/usr/bin/env node
// keysentry's benchmark: the built CLI against ripgrep and git pipelines doing the same search, on
// generated corpora with planted keys. Medians of several runs, ratios rather than bare times (the
// machine is shared and noisy), and every keysentry run checked against the plant list: a fast
// wrong answer is a FAIL, never a result.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus, SCALES } from './corpora.js';
import { gitEnv } from './git.js';
import { median, outputBytes, pipeline, run, runCpu, runProbed } from './measure.js';
import { formatSummary, summarise } from './profile.js';
import { rgPatterns } from './rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'keysentry.js');
const TARGET = { tree: 0.5, history: 0.5, stagedMs: 60, rssMb: 200, smallFiles: 2.0, shardWall: 0.35, shardCpu: 1.3 };
const BENCHES = ['tree', 'history', 'staged', 'staged-big', 'small-files', 'history-flat', 'history-tiny', 'history-shards'];
/** How many ways history-shards splits the history corpus. */
const SHARDS = 4;

const USAGE = `usage: npm run bench -- [--quick] [--runs N] [--only LIST] [--profile]

  --quick     small corpora (~30 MB tree, 2,000 commits) and 2 runs: a smoke test
  --runs N    timed runs per command, after one warm-up (default 5); staged runs 4×N
  --only LIST comma-separated subset of: ${BENCHES.join(', ')}
  --profile   then one run of each keysentry command under node --cpu-prof, summarised

Corpora are built once into $KEYSENTRY_BENCH_DIR (default .bench/) and reused. The table goes to
stdout (markdown), progress to stderr; results are also saved as JSON beside the corpora.`;

const log = (line) => process.stderr.write(`bench: ${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scale = values.quick ? 'quick' : 'full';
  const runs = values.runs === undefined ? (values.quick ? 2 : 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : BENCHES;
  const unknown = only.filter((b) => !BENCHES.includes(b));
  if (unknown.length) throw new Error(`--only: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);

  checkBuild();
  const rg = findRg();
  const benchDir = process.env.KEYSENTRY_BENCH_DIR || join(ROOT, '.bench');
  mkdirSync(benchDir, { recursive: true });
  const env = { ...gitEnv, NO_COLOR: '1' };
  delete env.RIPGREP_CONFIG_PATH;

  const corpora = {};
  // The shards split the history benchmark's own corpus.
  for (const name of only) corpora[name] = await ensureCorpus(benchDir, name === 'history-shards' ? 'history' : name, scale, log);

  const ctx = { benchDir, runs, env, rg, patterns: rgPatterns(join(ROOT, 'rules')), corpora, profile: values.profile };
  const results = { date: new Date().toISOString(), scale, runs, machine: machine(rg) };
  if (corpora.tree) results.tree = await benchTree(ctx);
  if (corpora.history) results.history = await benchHistory(ctx);
  if (corpora.staged) results.staged = await benchStaged(ctx, 'staged');
  if (corpora['staged-big']) results['staged-big'] = await benchStaged(ctx, 'staged-big');
  if (corpora['small-files']) results['small-files'] = await benchSmallFiles(ctx);
  if (corpora['history-flat']) results['history-flat'] = await benchHistoryFlat(ctx);
  if (corpora['history-tiny']) results['history-tiny'] = await benchHistoryTiny(ctx);
  if (corpora['history-shards']) results['history-shards'] = await benchHistoryShards(ctx);

  process.stdout.write(`${table(results)}\n${details(results, ctx)}\n`);
  const profiled = BENCHES.filter((b) => results[b]?.profile);
  if (profiled.length) {
    process.stdout.write('\n### CPU profiles (node --cpu-prof, one run each)\n\n');
    for (const b of profiled) {
      const { ms, file, summary } = results[b].profile;
      process.stdout.write(`${formatSummary(`${b} (wall ${fmtMs(ms)}; ${file})`, summary)}\n`);
    }
  }
  const saved = join(benchDir, `results-${scale}.json`);
  writeFileSync(saved, `${JSON.stringify(results, null, 2)}\n`);
  log(`results saved to ${saved}`);
  const failed = BENCHES.some((b) => results[b] && !results[b].keysentry.check.ok);
  return failed ? 1 : 0;
}

function checkBuild() {
  // The CLI runs from the committed bundle (bin/keysentry.js → bundle/cli/main.js).
  const built = join(ROOT, 'bundle', 'cli', 'main.js');
  if (!existsSync(built)) throw new Error('keysentry has no bundle: run `npm run bundle` first');
  const newest = newestMtime(join(ROOT, 'src'));
  if (newest > statSync(built).mtimeMs) log('warning: src/ is newer than bundle/cli/: you are measuring an old build (npm run bundle)');
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function findRg() {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    log('ripgrep (rg) not found: the rg and git-pipeline baselines are skipped.');
    log('  install it: apt-get install ripgrep · brew install ripgrep · dnf install ripgrep · cargo install ripgrep');
    return undefined;
  }
  return { version: r.stdout.split('\n')[0] };
}

function machine(rg) {
  const cpu = cpus();
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { cpus: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`, node: process.version, git, rg: rg?.version ?? 'ripgrep not installed' };
}

// ---------------------------------------------------------------------------------------------
// Correctness: every planted key at its place, nothing else.

const samePath = (reported, planted) => reported === planted || reported.endsWith(`/${planted}`);

function checkReport(result, plants) {
  const problems = [];
  const notes = [];
  if (result.code !== 0 && result.code !== 1) {
    return { ok: false, found: 0, must: 0, problems: [`exit ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`], notes };
  }
  let report;
  try {
    report = JSON.parse(result.stdout.toString('utf8'));
  } catch {
    return { ok: false, found: 0, must: 0, problems: ['the report is not JSON'], notes };
  }
  const used = new Set();
  let found = 0;
  let must = 0;
  for (const p of plants) {
    if (p.expect === 'must') must++;
    const same = report.findings.filter((f) => f.fingerprint === p.fingerprint);
    for (const f of same) used.add(f);
    const where = `${p.path}${p.line ? `:${p.line}` : ''}`;
    if (!same.length) {
      if (p.expect === 'must') problems.push(`missed ${p.id} (${p.kind}) ${p.redacted} at ${where}`);
      else notes.push(`${p.id} (${p.kind}) not reported, which the rules allow`);
      continue;
    }
    const f = same.find((x) => samePath(x.path, p.path));
    if (!f) {
      problems.push(`${p.id}: reported at ${same[0].path}, planted at ${p.path}`);
      continue;
    }
    const wrong = [];
    if (p.line && f.line !== p.line) wrong.push(`line ${f.line}, planted at ${p.line}`);
    if (p.offset !== undefined && f.offset !== p.offset) wrong.push(`offset ${f.offset}, planted at ${p.offset}`);
    if (p.commit && f.commit !== p.commit) wrong.push(`commit ${String(f.commit).slice(0, 10)}, planted in ${p.commit.slice(0, 10)}`);
    if (wrong.length) {
      problems.push(`${p.id}: ${wrong.join('; ')}`);
      continue;
    }
    if (p.expect === 'must') found++;
    else notes.push(`${p.id} (${p.kind}) reported, confidence ${f.confidence}`);
  }
  const extra = report.findings.filter((f) => !used.has(f));
  if (extra.length) {
    const sample = extra.slice(0, 3).map((f) => `${f.ruleId} ${f.redacted} at ${f.path}:${f.line}`);
    problems.push(`${extra.length} finding(s) of no planted key (false positives), e.g. ${sample.join('; ')}`);
  }
  return { ok: problems.length === 0, found, must, problems, notes, stats: report.stats, warnings: report.warnings };
}

/** Which plain-text plants rg's output shows: proves its flags really searched every file. */
function rgSeen(result, plants) {
  const seen = new Set();
  for (const m of result.stdout.toString('latin1').matchAll(/sk-[A-Za-z0-9_-]+/g)) {
    seen.add(createHash('sha256').update(m[0]).digest('hex'));
  }
  const plain = plants.filter((p) => p.plain !== false);
  return { found: plain.filter((p) => seen.has(p.fingerprint)).length, of: plain.length };
}

function mergeCheck(into, check, run) {
  if (check.ok) return;
  into.ok = false;
  for (const p of check.problems) if (!into.problems.includes(p)) into.problems.push(`run ${run}: ${p}`);
}

// ---------------------------------------------------------------------------------------------
// The three benchmarks. Each: one warm-up run (probed for memory, checked), then N timed runs,
// contenders alternating which goes first so drift on the machine hits both alike.

async function timedRuns(n, label, contenders) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    const names = Object.keys(contenders);
    const order = names.slice(i % names.length).concat(names.slice(0, i % names.length));
    const line = [];
    for (const name of order) {
      const ms = await contenders[name](i + 1);
      times[name].push(ms);
      line.push(`${name} ${fmtMs(ms)}`);
    }
    log(`${label} run ${i + 1}/${n}: ${line.join(', ')}`);
  }
  return times;
}

async function benchTree(ctx) {
  const { benchDir, env, rg, patterns, corpora } = ctx;
  const { dir, manifest } = corpora.tree;
  const config = join(benchDir, 'empty-config.json');
  writeFileSync(config, '{}\n');
  // --no-ignore on both sides: every file is searched, binaries included (rg --text), nothing
  // skipped for being hidden; an explicit empty config keeps any repository config out.
  const ksArgs = [BIN, 'scan', '.', '--no-ignore', '--format', 'json', '--config', config];
  const rgArgs = ['--no-config', '--no-ignore', '--hidden', '--text', '--only-matching', '--line-number', ...patterns.args, '.'];
  const opts = { cwd: dir, env };

  log(`tree: warm-up (${(manifest.bytes / 1e6).toFixed(0)} MB, ${manifest.files} files)`);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  let rgCheck;
  if (rg) rgCheck = rgSeen(await run('rg', rgArgs, opts), manifest.plants);

  const contenders = {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
  };
  if (rg) {
    contenders.rg = async () => {
      const r = await run('rg', rgArgs, opts);
      if (r.code !== 0 && r.code !== 1) throw new Error(`rg failed: ${r.stderr.trim()}`);
      return r.ms;
    };
  }
  const times = await timedRuns(ctx.runs, 'tree', contenders);
  return {
    profile: ctx.profile ? await profile(ctx, 'tree', ksArgs, dir) : undefined,
    bytes: manifest.bytes,
    files: manifest.files,
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry scan . --no-ignore --format json' },
    rg: rg && { ms: median(times.rg), runs: times.rg, seen: rgCheck, command: `rg ${rgArgs.filter((a) => !patterns.args.includes(a) && a !== '.').join(' ')} -e <rule> … .` },
  };
}

async function benchHistory(ctx) {
  const { benchDir, env, rg, patterns, corpora } = ctx;
  const { dir, manifest } = corpora.history;
  const opts = { cwd: dir, env };
  const ksArgs = [BIN, 'history', '--format', 'json'];
  const rgStdin = ['--no-config', '--text', '--only-matching', '--line-number', ...patterns.args, '-'];
  const sources = {
    'git log -p --all | rg': ['log', '-p', '--all'],
    // --unordered: objects in pack order, which spares re-resolving deltas; 2-3× faster.
    'git cat-file --batch-all-objects --batch --unordered | rg': ['cat-file', '--batch-all-objects', '--batch', '--unordered'],
  };

  log(`history: warm-up (${manifest.commits} commits); measuring each pipeline's input`);
  const input = {};
  for (const [name, args] of Object.entries(sources)) input[name] = await outputBytes('git', args, opts);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  const seen = {};
  if (rg) {
    for (const [name, args] of Object.entries(sources)) {
      seen[name] = rgSeen(await pipeline(['git', args], ['rg', rgStdin], opts), manifest.plants);
    }
  }

  const contenders = {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
  };
  if (rg) {
    for (const [name, args] of Object.entries(sources)) {
      contenders[name] = async () => {
        const r = await pipeline(['git', args], ['rg', rgStdin], opts);
        if (r.code !== 0 && r.code !== 1) throw new Error(`${name} failed: ${r.stderr.trim()}`);
        return r.ms;
      };
    }
  }
  const times = await timedRuns(ctx.runs, 'history', contenders);
  const pipelines = rg
    ? Object.keys(sources).map((name) => ({ name, bytes: input[name], ms: median(times[name]), runs: times[name], seen: seen[name] }))
    : [];
  return {
    profile: ctx.profile ? await profile(ctx, 'history', ksArgs, dir) : undefined,
    commits: manifest.commits,
    logBytes: input['git log -p --all | rg'],
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry history --format json' },
    pipelines,
    rgArgs: rgStdin.filter((a) => !patterns.args.includes(a) && a !== '-').join(' '),
  };
}

async function benchStaged(ctx, name) {
  const { benchDir, env, corpora } = ctx;
  const { dir, manifest } = corpora[name];
  const opts = { cwd: dir, env };
  const ksArgs = [BIN, 'staged', '--format', 'json'];
  log(`${name}: warm-up (${manifest.files} files, ${manifest.changed} changed, ${manifest.added} lines added)`);
  await run(process.execPath, ['-e', '0'], opts);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  const times = await timedRuns(ctx.runs * 4, name, {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
    'node -e 0': async () => (await run(process.execPath, ['-e', '0'], opts)).ms,
  });
  return {
    // A short run: sample every 100 µs rather than every 1 ms.
    profile: ctx.profile ? await profile(ctx, name, ksArgs, dir, 100) : undefined,
    ...manifest,
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry staged --format json' },
    node: { ms: median(times['node -e 0']), runs: times['node -e 0'] },
  };
}

/**
 * A work tree of tens of thousands of small files (a vendored node_modules, some files edited,
 * one untracked, ignored build output), scanned as users do, .gitignore honoured, against rg on
 * two threads honouring it too.
 */
async function benchSmallFiles(ctx) {
  const { benchDir, env, rg, patterns, corpora } = ctx;
  const { dir, manifest } = corpora['small-files'];
  const config = join(benchDir, 'empty-config.json');
  writeFileSync(config, '{}\n');
  const ksArgs = [BIN, 'scan', '.', '--format', 'json', '--config', config];
  const rgArgs = ['--no-config', '--hidden', '-g', '!.git', '--text', '--only-matching', '--line-number', '-j2', ...patterns.args, '.'];
  const opts = { cwd: dir, env };
  log(`small-files: warm-up (${(manifest.bytes / 1e6).toFixed(0)} MB, ${fmtInt(manifest.files)} files)`);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  let rgCheck;
  if (rg) rgCheck = rgSeen(await run('rg', rgArgs, opts), manifest.plants);
  const contenders = {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
  };
  if (rg) {
    contenders.rg = async () => {
      const r = await run('rg', rgArgs, opts);
      if (r.code !== 0 && r.code !== 1) throw new Error(`rg failed: ${r.stderr.trim()}`);
      return r.ms;
    };
  }
  const times = await timedRuns(ctx.runs, 'small-files', contenders);
  return {
    profile: ctx.profile ? await profile(ctx, 'small-files', ksArgs, dir) : undefined,
    bytes: manifest.bytes,
    files: manifest.files,
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry scan . --format json' },
    rg: rg && { ms: median(times.rg), runs: times.rg, seen: rgCheck, pairs: pairRatios(times.keysentry, times.rg), command: `rg ${rgArgs.filter((a) => !patterns.args.includes(a) && a !== '.').join(' ')} -e <rule> … .` },
  };
}

/** keysentry ÷ baseline, run by run: the runs of one round took turns, so each pair shared the machine's mood. */
function pairRatios(a, b) {
  return a.map((ms, i) => ms / b[i]);
}

/** The history corpus repacked without deltas: what each process's peak memory is on a big pack. */
async function benchHistoryFlat(ctx) {
  const { benchDir, env, rg, patterns, corpora } = ctx;
  const { dir, manifest } = corpora['history-flat'];
  const opts = { cwd: dir, env };
  const ksArgs = [BIN, 'history', '--format', 'json'];
  const pipeArgs = ['cat-file', '--batch-all-objects', '--batch', '--unordered'];
  const rgStdin = ['--no-config', '--text', '--only-matching', '--line-number', ...patterns.args, '-'];
  log(`history-flat: warm-up (${manifest.commits} commits, pack of ${fmtMb(manifest.packBytes)} without deltas)`);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  const contenders = {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
  };
  if (rg) contenders['git cat-file | rg'] = async () => (await pipeline(['git', pipeArgs], ['rg', rgStdin], opts)).ms;
  const times = await timedRuns(Math.max(1, Math.ceil(ctx.runs / 2)), 'history-flat', contenders);
  const base = times['git cat-file | rg'];
  return {
    commits: manifest.commits,
    packBytes: manifest.packBytes,
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry history --format json' },
    pipeline: base && { ms: median(base), runs: base, pairs: pairRatios(times.keysentry, base), command: `git ${pipeArgs.join(' ')} | rg …` },
  };
}

/** A history of tens of commits: what a new project has, where one pass of patches is all it takes. */
async function benchHistoryTiny(ctx) {
  const { benchDir, env, rg, patterns, corpora } = ctx;
  const { dir, manifest } = corpora['history-tiny'];
  const opts = { cwd: dir, env };
  const ksArgs = [BIN, 'history', '--format', 'json'];
  const rgStdin = ['--no-config', '--text', '--only-matching', '--line-number', ...patterns.args, '-'];
  log(`history-tiny: warm-up (${manifest.commits} commits)`);
  const probed = await runProbed(ksArgs, { ...opts, probeFile: join(benchDir, 'probe.json') });
  const check = checkReport(probed, manifest.plants);
  const contenders = {
    keysentry: async (i) => {
      const r = await run(process.execPath, ksArgs, opts);
      mergeCheck(check, checkReport(r, manifest.plants), i);
      return r.ms;
    },
    'node -e 0': async () => (await run(process.execPath, ['-e', '0'], opts)).ms,
  };
  if (rg) contenders['git log -p --all | rg'] = async () => (await pipeline(['git', ['log', '-p', '--all']], ['rg', rgStdin], opts)).ms;
  const times = await timedRuns(ctx.runs * 4, 'history-tiny', contenders);
  const base = times['git log -p --all | rg'];
  return {
    commits: manifest.commits,
    keysentry: { ms: median(times.keysentry), runs: times.keysentry, probe: probed.probe, check, command: 'keysentry history --format json' },
    node: { ms: median(times['node -e 0']), runs: times['node -e 0'] },
    // keysentry's time beyond node's own start-up, against the pipeline's, run by run.
    pipeline: base && { ms: median(base), runs: base, pairs: times.keysentry.map((ms, i) => (ms - times['node -e 0'][i]) / base[i]) },
  };
}

/**
 * The history corpus in SHARDS shards run one after another (as SHARDS runners would run them side
 * by side), then merged: the slowest shard against the unsharded run is how much sooner a matrix
 * finishes; the shards' CPU together against the unsharded CPU is what the split costs in runner
 * time. The attribution pass every shard repeats (`git log --raw` over every commit) is timed on
 * its own, and the merged report is checked against the plants like any other.
 */
async function benchHistoryShards(ctx) {
  const { benchDir, env, corpora } = ctx;
  const { dir, manifest } = corpora['history-shards'];
  const opts = { cwd: dir, env, scratch: join(benchDir, 'cpu.txt') };
  const whole = [BIN, 'history', '--format', 'json'];
  const shardFile = (i) => join(benchDir, `shard-${i}-of-${SHARDS}.json`);
  const shard = (i) => [BIN, 'history', '--shard', `${i}/${SHARDS}`, '--format', 'json', '-o', shardFile(i), '--quiet'];
  const merge = [BIN, 'merge', '--format', 'json', ...Array.from({ length: SHARDS }, (_, i) => shardFile(i + 1))];
  // keysentry's own attribution pass: the same git log it runs, into nothing.
  const attribution = ['log', '--reverse', '--topo-order', '--root', '--encoding=UTF-8', '--format=%x00%H%x00%aI%x00%an%x00%ae%n%B%x00', '--raw', '--no-renames', '--no-abbrev', '--cc', '--all', '--'];
  log(`history-shards: warm-up (${manifest.commits} commits, ${SHARDS} shards)`);
  await run(process.execPath, whole, opts);
  let check;
  const rows = { whole: [], slowest: [], shardsCpu: [], wholeCpu: [], merge: [], log: [] };
  const contenders = {
    unsharded: async () => {
      const r = await runCpu(process.execPath, whole, opts);
      rows.whole.push(r.ms);
      rows.wholeCpu.push(r.cpuMs);
      return r.ms;
    },
    [`${SHARDS} shards + merge`]: async (i) => {
      let slowest = 0;
      let cpu = 0;
      for (let s = 1; s <= SHARDS; s++) {
        const r = await runCpu(process.execPath, shard(s), opts);
        if (r.code !== 0) throw new Error(`shard ${s}/${SHARDS} failed: ${r.stderr.trim()}`);
        slowest = Math.max(slowest, r.ms);
        cpu += r.cpuMs ?? Number.NaN;
      }
      rows.slowest.push(slowest);
      rows.shardsCpu.push(cpu);
      const merged = await run(process.execPath, merge, opts);
      rows.merge.push(merged.ms);
      const checked = checkReport(merged, manifest.plants);
      if (check) mergeCheck(check, checked, i);
      else check = checked;
      return slowest;
    },
    'git log --raw (attribution)': async () => {
      const started = performance.now();
      await outputBytes('git', attribution, opts);
      const ms = performance.now() - started;
      rows.log.push(ms);
      return ms;
    },
  };
  await timedRuns(Math.max(2, Math.ceil(ctx.runs / 2)), 'history-shards', contenders);
  const wallPairs = pairRatios(rows.slowest, rows.whole);
  const cpuPairs = pairRatios(rows.shardsCpu, rows.wholeCpu);
  return {
    commits: manifest.commits,
    shards: SHARDS,
    keysentry: { ms: median(rows.slowest), runs: rows.slowest, check, command: `keysentry history --shard I/${SHARDS} --format json -o FILE` },
    whole: { ms: median(rows.whole), runs: rows.whole, cpuMs: median(rows.wholeCpu) },
    shardsCpuMs: median(rows.shardsCpu),
    wall: { ratio: median(wallPairs), pairs: wallPairs },
    cpu: { ratio: median(cpuPairs), pairs: cpuPairs },
    merge: { ms: median(rows.merge), runs: rows.merge },
    attribution: { ms: median(rows.log), runs: rows.log },
  };
}

/**
 * One more run under node --cpu-prof, straight after the timed runs while the page cache is still
 * warm (this machine evicts it within a minute; a cold run profiles the disk, not keysentry).
 */
async function profile({ benchDir, env }, name, args, cwd, intervalUs = 1000) {
  const dir = join(benchDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.cpuprofile`);
  rmSync(file, { force: true });
  log(`${name}: profiling one run`);
  const prof = ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`, `--cpu-prof-interval=${intervalUs}`];
  const r = await run(process.execPath, [...prof, ...args], { cwd, env });
  if (r.code !== 0 && r.code !== 1) throw new Error(`profiling ${name} failed: ${r.stderr.trim()}`);
  return { ms: r.ms, file, summary: summarise(file, ROOT) };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtRate = (bytes, ms) => {
  const rate = bytes / 1e6 / (ms / 1000);
  return `${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} MB/s`;
};
const fmtMb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const fmtInt = (n) => n.toLocaleString('en-US');
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const keys = (c) => `${c.found}/${c.must}${c.ok ? '' : ' ✗'}`;
const verdict = (check, met) => (!check.ok ? '**FAIL** (wrong answer)' : met === undefined ? 'n/a' : met ? 'PASS' : 'MISS');

function table(r) {
  const rows = [];
  if (r.tree) {
    const { keysentry: ks, rg } = r.tree;
    const ratio = rg && rg.ms / ks.ms;
    rows.push([
      `Tree scan: ${fmtMb(r.tree.bytes)}, ${fmtInt(r.tree.files)} files`,
      `${fmtRate(r.tree.bytes, ks.ms)} (${fmtMs(ks.ms)})`,
      rg ? `\`rg\`: ${fmtRate(r.tree.bytes, rg.ms)} (${fmtMs(rg.ms)})` : 'rg not installed',
      rg ? `${ratio.toFixed(2)}×` : '–',
      `≥ ${TARGET.tree}× rg`,
      keys(ks.check),
      verdict(ks.check, rg ? ratio >= TARGET.tree : undefined),
    ]);
  }
  if (r.history) {
    const ks = r.history.keysentry;
    const best = [...r.history.pipelines].sort((a, b) => a.ms - b.ms)[0];
    const ratio = best && best.ms / ks.ms;
    rows.push([
      `History: ${fmtInt(r.history.commits)} commits, ${fmtMb(r.history.logBytes)} of \`git log -p\``,
      `${fmtRate(r.history.logBytes, ks.ms)} (${fmtMs(ks.ms)})`,
      best ? `\`${best.name.replace(/\|/g, '\\|')}\`: ${fmtRate(best.bytes, best.ms)} of ${fmtMb(best.bytes)} (${fmtMs(best.ms)})` : 'rg not installed',
      best ? `${ratio.toFixed(2)}×` : '–',
      `≥ ${TARGET.history}× faster pipeline`,
      keys(ks.check),
      verdict(ks.check, best ? ratio >= TARGET.history : undefined),
    ]);
  }
  for (const name of ['staged', 'staged-big']) {
    if (!r[name]) continue;
    const { keysentry: ks, node } = r[name];
    const delta = ks.ms - node.ms;
    // Run by run as well: each keysentry run beside the `node -e 0` run taken next to it.
    const pairs = ks.runs.map((ms, i) => ms - node.runs[i]);
    rows.push([
      `Staged: ${r[name].changed} files, ${r[name].added} lines added, repo of ${fmtInt(r[name].files)} files`,
      fmtMs(ks.ms),
      `\`node -e 0\`: ${fmtMs(node.ms)}`,
      `+${delta.toFixed(0)} ms (pairs median +${median(pairs).toFixed(0)}, ${Math.min(...pairs).toFixed(0)} to ${Math.max(...pairs).toFixed(0)})`,
      `≤ +${TARGET.stagedMs} ms`,
      keys(ks.check),
      verdict(ks.check, delta <= TARGET.stagedMs),
    ]);
  }
  if (r['small-files']) {
    const { keysentry: ks, rg } = r['small-files'];
    const ratio = rg && ks.ms / rg.ms;
    rows.push([
      `Tree of small files: ${fmtMb(r['small-files'].bytes)}, ${fmtInt(r['small-files'].files)} files in a work tree`,
      `${fmtRate(r['small-files'].bytes, ks.ms)} (${fmtMs(ks.ms)})`,
      rg ? `\`rg -j2\`: ${fmtRate(r['small-files'].bytes, rg.ms)} (${fmtMs(rg.ms)})` : 'rg not installed',
      rg ? `${ratio.toFixed(2)}× rg's time (pairs ${spread(rg.pairs)})` : '–',
      `≤ ${TARGET.smallFiles.toFixed(1)}× rg's time`,
      keys(ks.check),
      verdict(ks.check, rg ? ratio <= TARGET.smallFiles : undefined),
    ]);
  }
  if (r['history-flat']) {
    const { keysentry: ks, pipeline: p } = r['history-flat'];
    const largest = ks.probe?.largestRssKb;
    const mb = largest && (largest * 1024) / 1e6;
    rows.push([
      `History, pack without deltas (${fmtMb(r['history-flat'].packBytes)}): largest process`,
      largest ? `${mb.toFixed(0)} MB (node ${((ks.probe.maxRssKb * 1024) / 1e6).toFixed(0)} MB); ${fmtMs(ks.ms)}` : 'not recorded (no GNU time)',
      p ? `\`git cat-file --batch-all-objects \\| rg\`: ${fmtMs(p.ms)}` : '',
      p ? `${(ks.ms / p.ms).toFixed(2)}× its time` : '–',
      `every process ≤ ${TARGET.rssMb} MB`,
      keys(ks.check),
      verdict(ks.check, largest ? mb <= TARGET.rssMb : undefined),
    ]);
  }
  if (r['history-tiny']) {
    const { keysentry: ks, node, pipeline: p } = r['history-tiny'];
    const extra = ks.ms - node.ms;
    rows.push([
      `History, tiny: ${r['history-tiny'].commits} commits`,
      `${fmtMs(ks.ms)} (+${extra.toFixed(0)} ms over \`node -e 0\`)`,
      p ? `\`git log -p --all \\| rg\`: ${fmtMs(p.ms)}` : 'rg not installed',
      p ? `${(extra / p.ms).toFixed(2)}× (pairs ${spread(p.pairs)})` : '–',
      'beyond node start-up ≤ 1.0× the pipeline',
      keys(ks.check),
      verdict(ks.check, p ? extra <= p.ms : undefined),
    ]);
  }
  if (r['history-shards']) {
    const { keysentry: ks, whole, wall, cpu, merge, attribution, shards } = r['history-shards'];
    rows.push([
      `History in ${shards} shards: ${fmtInt(r['history-shards'].commits)} commits, run one after another`,
      `slowest shard ${fmtMs(ks.ms)}; merge ${fmtMs(merge.ms)}`,
      `unsharded: ${fmtMs(whole.ms)}; its \`git log --raw\` alone ${fmtMs(attribution.ms)}`,
      `${wall.ratio.toFixed(2)}× its time (pairs ${spread(wall.pairs)}); CPU ${Number.isFinite(cpu.ratio) ? `${cpu.ratio.toFixed(2)}× (pairs ${spread(cpu.pairs)})` : 'n/a'}`,
      `≤ ${TARGET.shardWall}× time, ≤ ${TARGET.shardCpu}× CPU`,
      keys(ks.check),
      verdict(ks.check, wall.ratio <= TARGET.shardWall && (!Number.isFinite(cpu.ratio) || cpu.ratio <= TARGET.shardCpu)),
    ]);
  }
  const rssRows = [['tree', 'tree scan'], ['history', 'history'], ['staged', 'staged'], ['staged-big', 'staged, big repo'], ['small-files', 'small files']];
  for (const [name, label] of rssRows) {
    if (!r[name]) continue;
    const probe = r[name].keysentry.probe;
    const mb = probe && (probe.maxRssKb * 1024) / 1e6;
    const largest = probe?.largestRssKb && (probe.largestRssKb * 1024) / 1e6;
    const shown = probe ? `${mb.toFixed(0)} MB${largest ? ` (largest process ${largest.toFixed(0)} MB)` : ''}` : 'not recorded';
    const worst = Math.max(mb ?? 0, largest ?? 0);
    rows.push([`Peak RSS: ${label}`, shown, '', '', `≤ ${TARGET.rssMb} MB`, '', probe ? (worst <= TARGET.rssMb ? 'PASS' : 'MISS') : 'n/a']);
  }
  const head = ['Benchmark', 'keysentry', 'Baseline', 'Ratio', 'Target', 'Keys', 'Result'];
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Median of ${r.runs} timed run(s)${r.staged ? ` (staged: ${r.runs * 4})` : ''} after a warm-up run (warm page cache), on ${r.machine.cpus}; ` +
      `${r.machine.node}, ${r.machine.rg}, ${r.machine.git}. Ratio = baseline time ÷ keysentry time ` +
      '(history: against the faster git pipeline). MB = 10⁶ bytes. Keys = planted keys reported at ' +
      'the right path, line/offset and commit; any miss or false positive fails the row. Peak RSS is ' +
      "the keysentry node process's own maximum resident set (getrusage); the largest process is " +
      'the peak of the largest single process among keysentry and the git children it waited for ' +
      "(GNU time's wait4 figure). New rows give keysentry's time ÷ the baseline's, with the range " +
      'of that ratio over the paired runs (each keysentry run next to one baseline run).',
  ].join('\n');
}

function details(r, ctx) {
  const out = ['', '<details><summary>Details</summary>', ''];
  const runsOf = (xs) => xs.map(fmtMs).join(', ');
  const checkLines = (c) => [...c.problems.map((p) => `  - ✗ ${p}`), ...c.notes.map((n) => `  - ${n}`)];
  const cpu = (p) => (p ? `; node CPU ${fmtMs(p.userMs + p.systemMs)} (user ${fmtMs(p.userMs)}, system ${fmtMs(p.systemMs)}) in the warm-up run` : '');
  const statsLine = (c) => {
    if (!c.stats) return [];
    const skipped = Object.entries(c.stats.skipped ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    return [`  - keysentry stats: ${fmtInt(c.stats.files)} files, ${fmtMb(c.stats.bytes)}${c.stats.commits ? `, ${fmtInt(c.stats.commits)} commits` : ''}; skipped: ${skipped || 'none'}`, ...(c.warnings ?? []).map((w) => `  - warning: ${w}`)];
  };
  out.push(`- rg patterns: ${ctx.patterns.ids.length} rules (${ctx.patterns.ids.join(', ')}), ${ctx.patterns.engine}`);
  if (r.tree) {
    const { keysentry: ks, rg } = r.tree;
    out.push(`- **tree**: \`${ks.command}\` runs: ${runsOf(ks.runs)}${cpu(ks.probe)}`, ...statsLine(ks.check), ...checkLines(ks.check));
    if (rg) out.push(`  - \`${rg.command}\` runs: ${runsOf(rg.runs)}; its output shows ${rg.seen.found}/${rg.seen.of} plain-text plants`);
  }
  if (r.history) {
    const ks = r.history.keysentry;
    out.push(`- **history**: \`${ks.command}\` runs: ${runsOf(ks.runs)}${cpu(ks.probe)}`, ...statsLine(ks.check), ...checkLines(ks.check));
    for (const p of r.history.pipelines) {
      out.push(`  - \`${p.name.replace(/rg$/, `rg ${r.history.rgArgs} -e <rule> … -`)}\`: ${fmtMb(p.bytes)} in, ${fmtRate(p.bytes, p.ms)}; runs: ${runsOf(p.runs)}; output shows ${p.seen.found}/${p.seen.of} plain-text plants`);
    }
  }
  if (r.staged) {
    const { keysentry: ks, node } = r.staged;
    out.push(`- **staged**: \`${ks.command}\` runs: ${runsOf(ks.runs)}`, `  - \`node -e 0\` runs: ${runsOf(node.runs)}`, ...checkLines(ks.check));
  }
  for (const name of ['staged-big']) {
    if (!r[name]) continue;
    const { keysentry: ks, node } = r[name];
    out.push(`- **${name}**: \`${ks.command}\` runs: ${runsOf(ks.runs)}`, `  - \`node -e 0\` runs: ${runsOf(node.runs)}`, ...checkLines(ks.check));
  }
  if (r['small-files']) {
    const { keysentry: ks, rg } = r['small-files'];
    out.push(`- **small-files**: \`${ks.command}\` runs: ${runsOf(ks.runs)}${cpu(ks.probe)}`, ...statsLine(ks.check), ...checkLines(ks.check));
    if (rg) out.push(`  - \`${rg.command}\` runs: ${runsOf(rg.runs)}; its output shows ${rg.seen.found}/${rg.seen.of} plain-text plants; keysentry ÷ rg pair by pair: ${rg.pairs.map((x) => x.toFixed(2)).join(', ')}`);
  }
  if (r['history-flat']) {
    const { keysentry: ks, pipeline: p } = r['history-flat'];
    out.push(`- **history-flat**: \`${ks.command}\` runs: ${runsOf(ks.runs)}${cpu(ks.probe)}`, ...statsLine(ks.check), ...checkLines(ks.check));
    if (p) out.push(`  - \`${p.command}\` runs: ${runsOf(p.runs)}`);
  }
  if (r['history-tiny']) {
    const { keysentry: ks, node, pipeline: p } = r['history-tiny'];
    out.push(`- **history-tiny**: \`${ks.command}\` runs: ${runsOf(ks.runs)}`, `  - \`node -e 0\` runs: ${runsOf(node.runs)}`, ...checkLines(ks.check));
    if (p) out.push(`  - \`git log -p --all | rg\` runs: ${runsOf(p.runs)}`);
  }
  if (r['history-shards']) {
    const { keysentry: ks, whole, merge, attribution, shardsCpuMs } = r['history-shards'];
    out.push(
      `- **history-shards**: slowest shard of \`${ks.command}\` per run: ${runsOf(ks.runs)}; unsharded runs: ${runsOf(whole.runs)}`,
      `  - CPU (node and its git children, GNU time): unsharded ${fmtMs(whole.cpuMs)}, the ${r['history-shards'].shards} shards together ${fmtMs(shardsCpuMs)}`,
      `  - \`keysentry merge\` of the shard reports: ${runsOf(merge.runs)}; the attribution pass's \`git log --raw --all\` alone: ${runsOf(attribution.runs)}`,
      ...checkLines(ks.check),
    );
  }
  const sizes = SCALES[r.scale];
  out.push(`- corpora (${r.scale}): tree ≥ ${fmtMb(sizes.tree.bytes)}, history ${fmtInt(sizes.history.commits)} commits from ${fmtInt(sizes.history.files)} files, staged repos of ${sizes.staged.files} and ${fmtInt(sizes['staged-big'].files)} files, ${fmtInt(sizes['small-files'].files)} small files, a ${sizes['history-tiny'].commits}-commit history; in ${ctx.benchDir}`);
  out.push('', '</details>');
  return out.join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : e}\n`);
    process.exitCode = 2;
  },
);
