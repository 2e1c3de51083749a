import type { Confidence, Finding, Provider, Repository, Shard, Stats, Verification } from '../types.js';
import { groupByKey } from './group.js';
import { byLocation } from './order.js';
import { jsonArray, mapped } from './pieces.js';
import { remedy } from './remedy.js';
import type { Reporter } from './reporter.js';
import { seal } from './seal.js';
import { safe, scrub } from './status.js';

/** One finding as scripts read it: flat, commit fields lifted up, the key only on request. */
export interface JsonFinding {
  ruleId: string;
  provider: Provider;
  description: string;
  /** Set in a merge of several repositories' reports. */
  repository?: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  offset: number;
  redacted: string;
  /** The line around the key, every key in it redacted. */
  snippet?: string;
  fingerprint: string;
  confidence: Confidence;
  encoding?: string;
  binary?: boolean;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  /** The commit's index in the history's oldest-first order: which of two commits came first. */
  position?: number;
  /** History only: HEAD's tree still holds the key at this path (false: only in history). */
  atHead?: boolean;
  verification?: Verification;
  remedy: string;
  secret?: string;
  /** The key sealed with the KEYSENTRY_SEAL_KEY secret (see seal.ts), for `keysentry merge --verify`. */
  sealed?: string;
}

/** One distinct key, however many places it is in: findings join on fingerprint. */
export interface JsonKey {
  fingerprint: string;
  redacted: string;
  provider: Provider;
  ruleId: string;
  confidence: Confidence;
  verification?: Verification;
  /** How many findings (places) the key has. */
  places: number;
}

/** Bump when a field changes meaning or goes away; adding a field does not bump it. */
export interface JsonReport {
  version: 1;
  /** The keysentry that wrote the report: a merge takes reports of one version only. */
  tool: { name: 'keysentry'; version: string };
  /** History: the repository and its state, and the shard, that the report covers. */
  repository?: Repository;
  shard?: Shard;
  /** Most serious key first, as the console lists them. */
  keys: JsonKey[];
  findings: JsonFinding[];
  stats: Stats;
  warnings: string[];
}

function toJson(f: Finding, showSecrets: boolean, sealKey: Buffer | undefined): JsonFinding {
  return {
    ruleId: f.ruleId,
    provider: f.provider,
    description: f.description,
    ...(f.repository !== undefined ? { repository: safe(f.repository) } : {}),
    path: safe(f.path),
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    offset: f.offset,
    redacted: f.redacted,
    ...(f.snippet ? { snippet: safe(f.snippet) } : {}),
    fingerprint: f.fingerprint,
    confidence: f.confidence,
    ...(f.encoding ? { encoding: f.encoding } : {}),
    ...(f.binary ? { binary: true } : {}),
    ...(f.commit
      ? {
          commit: f.commit.sha,
          author: safe(f.commit.author),
          email: safe(f.commit.email),
          date: f.commit.date,
          ...(f.commit.position !== undefined ? { position: f.commit.position } : {}),
        }
      : {}),
    ...(f.atHead !== undefined ? { atHead: f.atHead } : {}),
    ...(f.verification ? { verification: verificationOf(f) } : {}),
    remedy: remedy(f),
    ...(showSecrets && f.secret ? { secret: f.secret } : {}),
    ...(sealKey && f.secret ? { sealed: seal(f.secret, f.fingerprint, sealKey) } : {}),
  };
}

function verificationOf(f: Finding): Verification | undefined {
  if (!f.verification) return undefined;
  return { status: f.verification.status, detail: scrub(f.verification.detail, [f]), checkedAt: f.verification.checkedAt };
}

/** The JsonReport, written a key and a finding at a time: 100,000 findings never become one string. */
export const jsonReporter: Reporter = function* (report, options) {
  const head = {
    version: 1,
    tool: { name: 'keysentry', version: options.toolVersion },
    ...(report.repository && { repository: report.repository }),
    ...(report.repository && { shard: report.shard ?? { index: 1, count: 1 } }),
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "keys": `;
  yield* jsonArray(
    mapped(groupByKey(report.findings), (key): JsonKey => ({
      fingerprint: key.fingerprint,
      redacted: key.redacted,
      provider: key.provider,
      ruleId: key.ruleId,
      confidence: key.confidence,
      ...(key.verification ? { verification: verificationOf(key.lead) } : {}),
      places: key.places.length,
    })),
    1,
  );
  yield ',\n  "findings": ';
  yield* jsonArray(mapped([...report.findings].sort(byLocation), (f) => toJson(f, options.showSecrets, options.sealKey)), 1);
  const stats = JSON.stringify(report.stats, null, 2).replace(/\n/g, '\n  ');
  const warnings = JSON.stringify(report.warnings.map((w) => scrub(w, report.findings)), null, 2).replace(/\n/g, '\n  ');
  yield `,\n  "stats": ${stats},\n  "warnings": ${warnings}\n}\n`;
};
