// `keysentry merge`: the reports of a history's shards, and of many repositories, as one report —
// the one an unsharded run on one machine would have given. Reports are checked before anything
// is merged: a shard missing, given twice, or taken of another state of the repository would
// make a report that looks complete and is not.
import { UserError } from './errors.js';
import { Findings } from './findings.js';
import type { JsonFinding, JsonReport } from './report/json.js';
import { unseal } from './report/seal.js';
import { UNREACHED_WARNING } from './sources/shard.js';
import type { Finding, Repository, Report, Stats } from './types.js';

export interface ReportText {
  /** Where the report came from, for messages. */
  file: string;
  text: string;
}

export interface MergeOptions {
  /** The KEYSENTRY_SEAL_KEY the shards sealed their keys with (see report/seal.ts). */
  sealKey?: Buffer;
  /** Every finding must come with its key (merge --verify). */
  needKeys?: boolean;
}

interface Read {
  file: string;
  report: JsonReport & { repository: Repository; shard: { index: number; count: number } };
}

export function mergeReports(texts: readonly ReportText[], options: MergeOptions = {}): Report {
  if (!texts.length) throw new UserError('name the reports to merge (files, or directories of *.json reports)');
  const reads = texts.map(parse);
  checkVersions(reads);
  const byRepository = new Map<string, Read[]>();
  for (const read of reads) {
    const name = read.report.repository.name;
    byRepository.set(name, [...(byRepository.get(name) ?? []), read]);
  }
  for (const [name, shards] of byRepository) checkShards(name, shards);

  const several = byRepository.size > 1;
  const all: Finding[] = [];
  for (const { file, report } of reads) {
    const repository = several ? report.repository.name : undefined;
    report.findings.forEach((f, i) => all.push(toFinding(f, file, i, repository, options)));
  }
  // Earliest introduction first, so the one rule that de-duplicates a scan keeps it here too.
  all.sort((a, b) => position(a) - position(b));
  const findings = new Findings(true);
  for (const f of all) findings.add(f);

  const only = several ? undefined : reads[0]!.report.repository;
  return {
    findings: findings.list(),
    stats: mergeStats([...byRepository.values()]),
    warnings: [...byRepository.values()].flatMap((shards) => mergeWarnings(shards, several)),
    ...(only && { repository: only }),
  };
}

const position = (f: Finding) => f.commit?.position ?? Number.POSITIVE_INFINITY;

function parse({ file, text }: ReportText): Read {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not JSON (${(e as Error).message})`);
  }
  const r = data as Partial<JsonReport> | null;
  const what = 'keysentry history --format json writes one';
  if (!r || typeof r !== 'object' || !Array.isArray(r.findings)) throw new UserError(`${file}: not a keysentry report (${what})`);
  if (r.version !== 1) throw new UserError(`${file}: report format version ${JSON.stringify(r.version)}; this keysentry reads version 1`);
  if (r.tool?.name !== 'keysentry' || typeof r.tool.version !== 'string') {
    throw new UserError(`${file}: the report does not say which keysentry wrote it (written before reports could be merged?): rerun it`);
  }
  const repo = r.repository;
  const shard = r.shard;
  if (!repo || typeof repo.name !== 'string' || typeof repo.state !== 'string' || !shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) {
    throw new UserError(`${file}: not a history report of one repository (${what}); scan and staged reports are not merged`);
  }
  if (!r.stats || typeof r.stats !== 'object' || !Array.isArray(r.warnings)) throw new UserError(`${file}: the report has no stats or warnings`);
  return { file, report: r as Read['report'] };
}

function checkVersions(reads: readonly Read[]): void {
  const first = reads[0]!;
  const other = reads.find((r) => r.report.tool.version !== first.report.tool.version);
  if (other) {
    throw new UserError(
      `reports of different keysentry versions: ${first.report.tool.version} (${first.file}) and ${other.report.tool.version} (${other.file}); ` +
        'run every shard and repository with one version',
    );
  }
}

/** One repository's reports: one state, one count, and every shard 1..N exactly once. */
function checkShards(name: string, reads: readonly Read[]): void {
  const first = reads[0]!;
  for (const r of reads) {
    if (r.report.repository.state !== first.report.repository.state) {
      throw new UserError(
        `${name}: ${first.file} and ${r.file} are of different states of the repository (its refs moved between the runs); ` +
          'run every shard on one state (the same commits, branches and tags)',
      );
    }
    if (r.report.shard.count !== first.report.shard.count) {
      throw new UserError(`${name}: ${first.file} is a shard of ${first.report.shard.count} and ${r.file} of ${r.report.shard.count}; the shards of one merge split the history one way`);
    }
  }
  const count = first.report.shard.count;
  const seen = new Map<number, string>();
  for (const r of reads) {
    const { index } = r.report.shard;
    const twice = seen.get(index);
    if (twice !== undefined) {
      throw new UserError(`${name}: shard ${index}/${count} is given twice (${twice} and ${r.file})${count === 1 ? ': the same repository twice?' : ''}`);
    }
    seen.set(index, r.file);
  }
  const missing = [...Array(count).keys()].map((i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) {
    const listed = missing.length > 5 ? `${missing.slice(0, 5).join(', ')}, …` : missing.join(', ');
    throw new UserError(`${name}: the shards do not add up to ${count}: shard ${listed} of ${count} missing (${missing.length} of ${count}); merge every shard's report`);
  }
}

function toFinding(f: JsonFinding, file: string, i: number, repository: string | undefined, options: MergeOptions): Finding {
  const malformed = (what: string) => new UserError(`${file}: finding ${i + 1}: ${what}`);
  if (typeof f.fingerprint !== 'string' || typeof f.path !== 'string' || typeof f.ruleId !== 'string' || typeof f.line !== 'number') {
    throw malformed('not a keysentry finding');
  }
  let secret = f.secret ?? '';
  if (!secret && f.sealed !== undefined && options.sealKey) {
    secret = unseal(f.sealed, f.fingerprint, options.sealKey) ?? '';
    if (!secret) throw malformed('KEYSENTRY_SEAL_KEY does not open its key: set it to the secret the report was written with');
  }
  if (!secret && options.needKeys) {
    throw malformed(
      f.sealed !== undefined
        ? 'its key is sealed: set KEYSENTRY_SEAL_KEY to the secret the report was written with'
        : 'the report carries no keys to verify: write it with KEYSENTRY_SEAL_KEY set (one secret for every report), or merge without --verify',
    );
  }
  return {
    ruleId: f.ruleId,
    provider: f.provider,
    description: f.description,
    secret,
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    path: f.path,
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    offset: f.offset,
    confidence: f.confidence,
    ...(f.encoding !== undefined && { encoding: f.encoding }),
    ...(f.binary && { binary: true }),
    ...(f.commit !== undefined && {
      commit: { sha: f.commit, author: f.author ?? '', email: f.email ?? '', date: f.date ?? '', ...(f.position !== undefined && { position: f.position }) },
    }),
    ...(f.atHead !== undefined && { atHead: f.atHead }),
    ...(f.snippet !== undefined && { snippet: f.snippet }),
    ...(f.verification !== undefined && { verification: f.verification }),
    ...(repository !== undefined && { repository }),
  };
}

/**
 * Blobs and bytes add up over shards (each read its own share); commits and skips do not (every
 * shard walks every commit and path, and skips what it meets there); the time is what one runner
 * per shard takes: the slowest shard's.
 */
function mergeStats(repositories: readonly Read[][]): Stats {
  // In the order a scan's own stats have, so a merged report reads (and diffs) like one.
  const stats: Stats = { files: 0, bytes: 0, skipped: {}, commits: 0, durationMs: 0 };
  for (const reads of repositories) {
    let commits = 0;
    let slowest = 0;
    const skipped: Record<string, number> = {};
    for (const { report } of reads) {
      stats.files += report.stats.files;
      stats.bytes += report.stats.bytes;
      commits = Math.max(commits, report.stats.commits ?? 0);
      slowest = Math.max(slowest, report.stats.durationMs);
      for (const [reason, n] of Object.entries(report.stats.skipped)) skipped[reason] = Math.max(skipped[reason] ?? 0, n);
    }
    for (const [reason, n] of Object.entries(skipped)) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
    stats.commits! += commits;
    stats.durationMs += slowest;
  }
  return stats;
}

/**
 * One repository's warnings, each once (every shard of a shallow clone says so), named by the
 * repository when there are several; the one warning whose count is each shard's own is added up.
 */
function mergeWarnings(reads: readonly Read[], several: boolean): string[] {
  const out = new Set<string>();
  let unreached = 0;
  for (const { report } of reads) {
    for (const w of report.warnings) {
      const count = w.endsWith(UNREACHED_WARNING) ? /^\d+$/.exec(w.slice(0, -UNREACHED_WARNING.length)) : null;
      if (count) {
        // Where the first such warning stood, so one unsharded report merges into itself.
        if (!unreached) out.add(UNREACHED_WARNING);
        unreached += Number(count[0]);
      } else {
        out.add(w);
      }
    }
  }
  const name = several ? `${reads[0]!.report.repository.name}: ` : '';
  return [...out].map((w) => `${name}${w === UNREACHED_WARNING ? `${unreached}${w}` : w}`);
}
