// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  groupByKey
} from "./chunk-CEDOK2BL.js";
import {
  seal
} from "./chunk-T5M5HLYG.js";
import {
  jsonArray,
  mapped
} from "./chunk-LW2CVSLW.js";
import {
  byLocation
} from "./chunk-NMP3B3QA.js";
import {
  remedy
} from "./chunk-ZMLIUL2B.js";
import {
  safe,
  scrub
} from "./chunk-KOFYQMRE.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/report/json.ts
function toJson(f, showSecrets, sealKey) {
  return {
    ruleId: f.ruleId,
    provider: f.provider,
    description: f.description,
    ...f.repository !== void 0 ? { repository: safe(f.repository) } : {},
    path: safe(f.path),
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    offset: f.offset,
    redacted: f.redacted,
    ...f.snippet ? { snippet: safe(f.snippet) } : {},
    fingerprint: f.fingerprint,
    confidence: f.confidence,
    ...f.encoding ? { encoding: f.encoding } : {},
    ...f.binary ? { binary: true } : {},
    ...f.commit ? {
      commit: f.commit.sha,
      author: safe(f.commit.author),
      email: safe(f.commit.email),
      date: f.commit.date,
      ...f.commit.position !== void 0 ? { position: f.commit.position } : {}
    } : {},
    ...f.atHead !== void 0 ? { atHead: f.atHead } : {},
    ...f.verification ? { verification: verificationOf(f) } : {},
    remedy: remedy(f),
    ...showSecrets && f.secret ? { secret: f.secret } : {},
    ...sealKey && f.secret ? { sealed: seal(f.secret, f.fingerprint, sealKey) } : {}
  };
}
function verificationOf(f) {
  if (!f.verification) return void 0;
  return { status: f.verification.status, detail: scrub(f.verification.detail, [f]), checkedAt: f.verification.checkedAt };
}
var jsonReporter = function* (report, options) {
  const head = {
    version: 1,
    tool: { name: "keysentry", version: options.toolVersion },
    ...report.repository && { repository: report.repository },
    ...report.repository && { shard: report.shard ?? { index: 1, count: 1 } }
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},
  "keys": `;
  yield* jsonArray(
    mapped(groupByKey(report.findings), (key) => ({
      fingerprint: key.fingerprint,
      redacted: key.redacted,
      provider: key.provider,
      ruleId: key.ruleId,
      confidence: key.confidence,
      ...key.verification ? { verification: verificationOf(key.lead) } : {},
      places: key.places.length
    })),
    1
  );
  yield ',\n  "findings": ';
  yield* jsonArray(mapped([...report.findings].sort(byLocation), (f) => toJson(f, options.showSecrets, options.sealKey)), 1);
  const stats = JSON.stringify(report.stats, null, 2).replace(/\n/g, "\n  ");
  const warnings = JSON.stringify(report.warnings.map((w) => scrub(w, report.findings)), null, 2).replace(/\n/g, "\n  ");
  yield `,
  "stats": ${stats},
  "warnings": ${warnings}
}
`;
};
export {
  jsonReporter
};
