import type { Confidence, Finding, Provider, Stats, Verification } from '../types.js';
import { byLocation } from './order.js';
import { remedy } from './remedy.js';
import type { Reporter } from './reporter.js';
import { scrub } from './status.js';

/** One finding as scripts read it: flat, commit fields lifted up, the key only on request. */
export interface JsonFinding {
  ruleId: string;
  provider: Provider;
  description: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  offset: number;
  redacted: string;
  fingerprint: string;
  confidence: Confidence;
  encoding?: string;
  binary?: boolean;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  atHead?: boolean;
  verification?: Verification;
  remedy: string;
  secret?: string;
}

/** Bump when a field changes meaning or goes away; adding a field does not bump it. */
export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  stats: Stats;
  warnings: string[];
}

function toJson(f: Finding, showSecrets: boolean): JsonFinding {
  return {
    ruleId: f.ruleId,
    provider: f.provider,
    description: f.description,
    path: f.path,
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    offset: f.offset,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    confidence: f.confidence,
    ...(f.encoding ? { encoding: f.encoding } : {}),
    ...(f.binary ? { binary: true } : {}),
    ...(f.commit
      ? { commit: f.commit.sha, author: f.commit.author, email: f.commit.email, date: f.commit.date }
      : {}),
    ...(f.atHead !== undefined ? { atHead: f.atHead } : {}),
    ...(f.verification
      ? {
          verification: {
            status: f.verification.status,
            detail: scrub(f.verification.detail, [f]),
            checkedAt: f.verification.checkedAt,
          },
        }
      : {}),
    remedy: remedy(f),
    ...(showSecrets ? { secret: f.secret } : {}),
  };
}

export const jsonReporter: Reporter = (report, options) => {
  const out: JsonReport = {
    version: 1,
    findings: [...report.findings].sort(byLocation).map((f) => toJson(f, options.showSecrets)),
    stats: report.stats,
    warnings: report.warnings.map((w) => scrub(w, report.findings)),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
};
