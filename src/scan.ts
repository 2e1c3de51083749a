// Runs the pipeline: one source → the detector → de-duplication and suppression → a Report.
// The CLI and the GitHub Action both come through here; neither prints from inside it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBaseline } from './baseline.js';
import { CONFIG_FILE, type Config } from './config.js';
import { UserError } from './errors.js';
import { createDetector, loadRules, validateRules, type Detector, type Rule } from './detect/index.js';
import { Findings } from './findings.js';
import { createContext } from './sources/context.js';
import { COMMIT_MESSAGE_PATH, type Chunk, type Finding, type Report, type ScanContext, type Shard } from './types.js';

export type Command = 'scan' | 'staged' | 'history';

export interface ScanRequest {
  command: Command;
  cwd: string;
  config: Config;
  /** scan: files and directories ('-' is stdin); staged: the files to check whole. */
  paths: string[];
  noIgnore?: boolean;
  /** The repository's top directory, when the caller has asked git already (it costs a process). */
  root?: string;
  range?: string;
  since?: string;
  /** history: scan this shard's share of the whole history only (see sources/shard.ts). */
  shard?: Shard;
  /**
   * history: name the repository and its state in the report (what a merge checks reports by).
   * Two git processes: asked only when the report is one a merge reads (JSON).
   */
  identify?: boolean;
  baseline?: string;
  /**
   * The built-in rules' directory, when the default (found from this module's own location) is
   * wrong: the GitHub Action runs as one bundled file, from which ../../rules is elsewhere.
   */
  rulesDir?: string;
  /**
   * buildDetector(config, rulesDir), when the caller runs several scans with one config (pre-push,
   * one per pushed range): the rules are read and compiled once.
   */
  detector?: Detector;
  /** Lets a caller abort a long scan (SIGINT): the partial report is then never returned. */
  signal?: AbortSignal;
  /** Called now and then with the context, for a progress line. */
  onProgress?: (ctx: ScanContext) => void;
}

/**
 * The built-in rules plus the config's own, less those it turns off. Every mistake in the config's
 * rules is the user's, named by file, rule id and field: a rule that is silently dropped, or that
 * silently replaces a built-in one (a DeepSeek key then verified at OpenAI), would hide findings.
 */
export async function buildDetector(config: Config, rulesDir?: string): Promise<Detector> {
  const builtIn = loadRules(rulesDir);
  const source = `config ${config.file ?? CONFIG_FILE}`;
  let custom: Rule[] = [];
  if (config.rules.length) {
    const { loadLinearEngine } = await import('./detect/linear-regex.js');
    await loadLinearEngine();
    try {
      custom = validateRules(config.rules, source, { linear: true });
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  }
  const ids = new Set(builtIn.map((r) => r.id));
  const reused = custom.find((r) => ids.has(r.id));
  if (reused) {
    throw new UserError(`${source}: rule "${reused.id}" has the id of a built-in rule; give it an id of its own (to turn the built-in rule off, list it in "disableRules")`);
  }
  for (const r of custom) ids.add(r.id);
  const unknown = config.disableRules.find((id) => !ids.has(id));
  if (unknown !== undefined) {
    throw new UserError(`${source}: "disableRules" names no rule "${unknown}" (rules: ${[...ids].join(', ')})`);
  }
  const off = new Set(config.disableRules);
  return createDetector([...builtIn, ...custom].filter((r) => !off.has(r.id)));
}

async function openSource(
  req: ScanRequest,
  ctx: ScanContext,
  detector: Detector,
  ignored: (path: string) => boolean,
): Promise<AsyncIterable<Chunk>> {
  // Sources load lazily: a pre-commit hook should not pay for the history or tree walker.
  switch (req.command) {
    case 'scan': {
      if (req.paths.length === 1 && req.paths[0] === '-') {
        const { stdinSource } = await import('./sources/stdin.js');
        return stdinSource(ctx);
      }
      const paths = req.paths.length ? req.paths : ['.'];
      // A mistyped path is the user's error, not an empty scan that passes.
      const missing = paths.find((p) => !existsSync(resolve(req.cwd, p)));
      if (missing !== undefined) throw new UserError(`no such file or directory: ${missing}`);
      const { treeSource } = await import('./sources/tree.js');
      return treeSource(paths, ctx, {
        noIgnore: req.noIgnore,
        ignore: req.config.ignore,
        cwd: req.cwd,
      });
    }
    case 'staged': {
      const { stagedSource } = await import('./sources/staged.js');
      return stagedSource(ctx, { cwd: req.cwd, root: req.root, files: req.paths.length ? req.paths : undefined });
    }
    case 'history': {
      const { historySource } = await import('./sources/history.js');
      return historySource(ctx, {
        cwd: req.cwd,
        range: req.range,
        since: req.since,
        mayHoldKey: (chunk) => detector.detect(chunk).length > 0,
        ignored,
        shard: req.shard,
      });
    }
  }
}

export async function runScan(req: ScanRequest): Promise<Report> {
  const started = Date.now();
  const detector = req.detector ?? (await buildDetector(req.config, req.rulesDir));
  const accepted = req.baseline ? loadBaseline(req.baseline) : undefined;
  const ctx = createContext();
  const findings = new Findings(req.command === 'history');
  // Which repository and state the report is of, for a merge of reports: asked alongside the scan.
  const repository =
    req.command === 'history' && (req.identify || req.shard)
      ? import('./sources/repository.js').then((m) => m.repositoryOf(req.cwd, req.root))
      : undefined;
  repository?.catch(() => {}); // a failure is the scan's to report first
  const ignored = await ignoreMatcher(req.config.ignore);
  const source = await openSource(req, ctx, detector, ignored);
  const ignoredFiles = new Set<string>();
  // On a timer, not per chunk: a history's first pass reads every blob and yields nothing yet.
  const progress = req.onProgress && setInterval(() => req.onProgress!(ctx), 200).unref();
  try {
    for await (const chunk of source) {
      if (req.signal?.aborted) throw req.signal.reason ?? new Error('aborted');
      // The tree and history sources skip ignored paths before reading them; a staged diff names
      // its files only as it goes.
      if (req.command === 'staged' && ignored(chunk.path)) {
        ignoredFiles.add(chunk.path);
        continue;
      }
      for (const f of detector.detect(chunk)) findings.add(f);
    }
  } finally {
    clearInterval(progress);
  }
  // The staged source counted these as scanned before their names could be matched.
  ctx.stats.files -= ignoredFiles.size;
  for (let i = 0; i < ignoredFiles.size; i++) ctx.skip('ignored by config');
  const allowed = new Set(req.config.allowFingerprints);
  const kept: Finding[] = [];
  for (const f of findings.list()) {
    if (allowed.has(f.fingerprint)) ctx.skip('finding allowed by config fingerprint');
    else if (accepted?.(f)) ctx.skip('finding in baseline');
    else kept.push(f);
  }
  // After the allow-lists: HEAD's blobs are read only for the findings that are reported.
  if (req.command === 'history') await markAtHead(kept, req.cwd, detector);
  ctx.stats.durationMs = Date.now() - started;
  return {
    findings: kept,
    stats: ctx.stats,
    warnings: ctx.warnings,
    ...(repository && { repository: await repository }),
    ...(req.shard && { shard: req.shard }),
  };
}

/** The config's ignore globs as one test; micromatch is loaded only when there are globs. */
async function ignoreMatcher(globs: string[]): Promise<(path: string) => boolean> {
  if (!globs.length) return () => false;
  const { default: micromatch } = await import('micromatch');
  const matchers = globs.map((g) => micromatch.matcher(g, { dot: true }));
  return (path) => matchers.some((m) => m(path));
}

/**
 * Sets atHead on each history finding: whether HEAD's tree still holds that key at that path
 * (work on the tree) or only the history does (rotate, then rewrite history). A message, a tag
 * or a path HEAD lacks never is; nor is anything when HEAD names no commit yet.
 */
async function markAtHead(found: Finding[], cwd: string, detector: Detector): Promise<void> {
  const { headChunks } = await import('./sources/history.js');
  const paths = new Set(found.filter((f) => f.path !== COMMIT_MESSAGE_PATH).map((f) => f.path));
  const present = new Set<string>();
  for await (const chunk of headChunks(cwd, paths)) {
    for (const f of detector.detect(chunk)) present.add(`${f.fingerprint}\0${f.path}`);
  }
  for (const f of found) f.atHead = f.path !== COMMIT_MESSAGE_PATH && present.has(`${f.fingerprint}\0${f.path}`);
}
