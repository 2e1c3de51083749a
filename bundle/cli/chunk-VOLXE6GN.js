// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  findingContext
} from "./chunk-5RQWUH4R.js";
import {
  jsonWithArray,
  mapped
} from "./chunk-LW2CVSLW.js";
import {
  byLocation,
  bySeverity
} from "./chunk-NMP3B3QA.js";
import {
  keyPage,
  remedy,
  revokeRemedy
} from "./chunk-ZMLIUL2B.js";
import {
  safe,
  scrub,
  statusOf,
  statusText
} from "./chunk-KOFYQMRE.js";
import "./chunk-QUMGJOT4.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/report/sarif.ts
import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
var GITHUB_MAX_RESULTS = 25e3;
var INFORMATION_URI = "https://www.npmjs.com/package/keysentry";
var FILTER_REPO = "https://github.com/newren/git-filter-repo";
var BFG = "https://rtyley.github.io/bfg-repo-cleaner/";
var CWE_798 = "external/cwe/cwe-798";
var PROVIDER_NAMES = { openai: "OpenAI", deepseek: "DeepSeek", unknown: "API provider" };
var SECURITY_SEVERITY = { high: "9.0", medium: "7.0", low: "4.0" };
var CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 };
function pathToUri(path) {
  const wellFormed = path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  return wellFormed.split("/").map(encodeURIComponent).join("/");
}
function isFile(f) {
  return f.path !== COMMIT_MESSAGE_PATH && f.path !== "-";
}
function fromRepoRoot(path, repo) {
  if (!repo) return isAbsolute(path) ? void 0 : path;
  const rel = relative(repo.root, resolve(repo.cwd, path));
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return void 0;
  return rel.split(sep).join("/");
}
function lineHashes(findings, kept, repo) {
  const hashes = /* @__PURE__ */ new Map();
  let path;
  let seen = /* @__PURE__ */ new Map();
  for (const f of [...findings].sort(byLocation)) {
    if (`${f.repository}\0${f.path}` !== path) {
      path = `${f.repository}\0${f.path}`;
      seen = /* @__PURE__ */ new Map();
    }
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    if (!kept.has(f)) continue;
    const root = isFile(f) ? fromRepoRoot(f.path, repo) ?? f.path : f.path;
    const where = f.repository === void 0 ? root : `${f.repository}\0${root}`;
    const id = createHash("sha256").update(`${f.fingerprint}\0${where}`).digest("hex").slice(0, 16);
    hashes.set(f, `${id}:${n}`);
  }
  return hashes;
}
var INVALID_HELP = "If verification reports the key invalid, it no longer works: remove it from the code and from git history.";
function helpFor(f) {
  const page = keyPage(f);
  return {
    text: `${revokeRemedy(page)}
${INVALID_HELP}`,
    markdown: `**Revoke the key** at ${page.startsWith("https://") ? `[${page}](${page})` : page} and rotate it, then purge it from git history with [git filter-repo](${FILTER_REPO}) or [BFG](${BFG}). A key with no balance is still a live credential: topping up revives it.

` + INVALID_HELP.replace("invalid", "**invalid**")
  };
}
function rulesFor(findings) {
  const rules = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const known = rules.get(f.ruleId);
    if (known && CONFIDENCE_RANK[known.properties.precision] <= CONFIDENCE_RANK[f.confidence]) continue;
    const name = PROVIDER_NAMES[f.provider];
    rules.set(f.ruleId, {
      id: f.ruleId,
      shortDescription: { text: f.description },
      fullDescription: {
        text: `${f.description}. Anyone who can read the repository or its history can use a key committed to it, and spend on its owner's ${name} account.`
      },
      help: helpFor(f),
      defaultConfiguration: { level: "error" },
      properties: {
        tags: ["security", "secret", f.provider, CWE_798],
        precision: f.confidence,
        "security-severity": SECURITY_SEVERITY[f.confidence]
      }
    });
  }
  return [...rules.values()];
}
function location(f, repo) {
  const region = {
    startLine: f.line,
    startColumn: f.column,
    endColumn: f.endColumn,
    ...f.binary ? { byteOffset: f.offset, byteLength: f.endColumn - f.column } : {}
  };
  if (f.path === COMMIT_MESSAGE_PATH) {
    const commit = f.commit ? `commit ${f.commit.sha}` : "a commit";
    return {
      physicalLocation: {
        artifactLocation: {
          uri: pathToUri(COMMIT_MESSAGE_PATH),
          description: { text: `The message of ${commit}; not a file in the repository.` }
        },
        region
      },
      logicalLocations: [{ name: "message", fullyQualifiedName: `${commit} message`, kind: "commit message" }]
    };
  }
  if (f.path === "-") {
    return {
      physicalLocation: { artifactLocation: { uri: "-", description: { text: "Standard input." } }, region }
    };
  }
  const path = fromRepoRoot(f.path, repo);
  if (path === void 0) {
    return { physicalLocation: { artifactLocation: { uri: pathToUri(safe(f.path)), description: { text: "Outside the repository." } }, region } };
  }
  return { physicalLocation: { artifactLocation: { uri: pathToUri(safe(path)), uriBaseId: "%SRCROOT%" }, region } };
}
function messageFor(f) {
  return { text: safe(`${f.description} ${f.redacted} (${f.provider}): ${statusText(f)}${findingContext(f)}. ${remedy(f)}`) };
}
function propertiesFor(f) {
  return {
    confidence: f.confidence,
    ...f.repository !== void 0 ? { repository: safe(f.repository) } : {},
    ...f.encoding ? { encoding: f.encoding } : {},
    ...f.commit ? { commit: f.commit.sha, author: safe(f.commit.author), date: f.commit.date } : {},
    ...f.atHead !== void 0 ? { atHead: f.atHead } : {},
    ...f.verification ? {
      verificationStatus: f.verification.status,
      verificationDetail: scrub(f.verification.detail, [f]),
      verifiedAt: f.verification.checkedAt
    } : {}
  };
}
function notifications(stats, warnings, dropped, total, limit) {
  const out = warnings.map((text) => ({ level: "warning", message: { text } }));
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) {
    out.push({ level: "note", message: { text: `Not scanned: ${skipped.map(([why, n]) => `${n} ${why}`).join(", ")}.` } });
  }
  if (dropped > 0) {
    out.push({
      level: "warning",
      descriptor: { id: "results-capped" },
      message: {
        text: `${dropped} of ${total} results were left out to stay within ${limit} results a run; the most serious were kept. Run keysentry with --format json to see them all.`
      }
    });
  }
  return out;
}
var sarifReporter = function* (report, options) {
  const limit = options.maxResults ?? GITHUB_MAX_RESULTS;
  const sorted = [...report.findings].sort(bySeverity);
  const kept = sorted.slice(0, limit);
  const hashes = lineHashes(report.findings, new Set(kept), options.repo);
  const rules = rulesFor(kept);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = mapped(kept, (f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    // rulesFor saw every kept finding
    level: statusOf(f) === "invalid" ? "warning" : "error",
    message: messageFor(f),
    locations: [location(f, options.repo)],
    partialFingerprints: { primaryLocationLineHash: hashes.get(f), "keysentry/v1": f.fingerprint },
    properties: propertiesFor(f)
  }));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "keysentry", version: options.toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            // The scan ran to the end; findings are its answer, not a failure.
            executionSuccessful: true,
            toolExecutionNotifications: notifications(
              report.stats,
              report.warnings.map((w) => scrub(w, report.findings)),
              sorted.length - kept.length,
              sorted.length,
              limit
            )
          }
        ],
        columnKind: "utf16CodeUnits",
        results: RESULTS,
        properties: { command: options.command, stats: report.stats }
      }
    ]
  };
  yield* jsonWithArray(log, RESULTS, results, 3);
};
var RESULTS = "\0results";
export {
  GITHUB_MAX_RESULTS,
  fromRepoRoot,
  pathToUri,
  sarifReporter
};
