// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  byLocation
} from "./chunk-U5HHCBD2.js";
import {
  remedy
} from "./chunk-P72RIZ3G.js";
import {
  scrub
} from "./chunk-NC7HHNUB.js";
import "./chunk-HEYDA2WV.js";
import "./chunk-T2JJJ2UV.js";
import "./chunk-BTI5UEIW.js";

// src/report/json.ts
function toJson(f, showSecrets) {
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
    ...f.encoding ? { encoding: f.encoding } : {},
    ...f.binary ? { binary: true } : {},
    ...f.commit ? { commit: f.commit.sha, author: f.commit.author, email: f.commit.email, date: f.commit.date } : {},
    ...f.atHead !== void 0 ? { atHead: f.atHead } : {},
    ...f.verification ? {
      verification: {
        status: f.verification.status,
        detail: scrub(f.verification.detail, [f]),
        checkedAt: f.verification.checkedAt
      }
    } : {},
    remedy: remedy(f),
    ...showSecrets ? { secret: f.secret } : {}
  };
}
var jsonReporter = (report, options) => {
  const out = {
    version: 1,
    findings: [...report.findings].sort(byLocation).map((f) => toJson(f, options.showSecrets)),
    stats: report.stats,
    warnings: report.warnings.map((w) => scrub(w, report.findings))
  };
  return `${JSON.stringify(out, null, 2)}
`;
};
export {
  jsonReporter
};
