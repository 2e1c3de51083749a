// Built from src/cli by `npm run build` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  byLocation,
  remedy
} from "./chunk-G4EHT3JO.js";
import {
  scrub
} from "./chunk-ESQ3NPGL.js";
import "./chunk-DE3K425Y.js";
import "./chunk-OH6VYN76.js";
import "./chunk-XKCVIUYZ.js";

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
