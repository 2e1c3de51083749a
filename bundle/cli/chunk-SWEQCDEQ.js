// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  groupByKey,
  keyAdvice
} from "./chunk-CEDOK2BL.js";
import "./chunk-NMP3B3QA.js";
import {
  adviceFor,
  waysOut
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

// src/report/console.ts
var BOLD = "1";
var DIM = "2";
var GREEN = "32";
var CYAN = "36";
var STATUS_STYLE = {
  live: "1;31",
  quota_exhausted: "31",
  rate_limited: "31",
  unverified: "33",
  unknown: "33",
  invalid: "32"
};
function painter(color) {
  return color ? (style, text) => `\x1B[${style}m${text}\x1B[0m` : (_style, text) => text;
}
function printable(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    const code = c.charCodeAt(0);
    return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function bytes(n) {
  if (n < 1024) return plural(n, "byte");
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
function duration(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
function where(f) {
  const file = f.path === "-" ? "(stdin)" : printable(safe(f.path));
  const path = f.repository === void 0 ? file : `${printable(safe(f.repository))}:${file}`;
  return f.binary ? `${path}  byte ${f.offset}` : `${path}:${f.line}:${f.column}`;
}
function placeLines(f, paint) {
  const parts = [paint(BOLD, where(f))];
  if (f.encoding) parts.push(`[${printable(f.encoding)}]`);
  if (f.binary) parts.push("[binary]");
  if (f.commit) {
    const { sha, author, date } = f.commit;
    const how = f.path === COMMIT_MESSAGE_PATH ? "message of commit" : "commit";
    parts.push(paint(DIM, `${how} ${sha.slice(0, 7)} by ${printable(safe(author))} on ${printable(date.slice(0, 10))}`));
  }
  if (f.atHead !== void 0) parts.push(f.atHead ? "still at HEAD" : "only in history");
  const lines = [`  ${parts.join("  ")}`];
  if (f.snippet) lines.push(paint(DIM, `      ${printable(safe(f.snippet))}`));
  return lines;
}
function keyBlock(key, showSecrets, paint, advice) {
  const { lead } = key;
  const parts = [
    paint(CYAN, showSecrets ? printable(lead.secret) : key.redacted),
    key.ruleId,
    key.provider,
    `${key.confidence} confidence`,
    paint(STATUS_STYLE[statusOf(lead)], printable(statusText(lead)))
  ];
  if (key.places.length > 1) parts.push(`${key.places.length} places`);
  const lines = [parts.join("  ")];
  for (const f of key.places) lines.push(...placeLines(f, paint));
  for (const text of keyAdvice(key, advice)) lines.push(`  \u2192 ${text}`);
  lines.push("");
  return `${lines.join("\n")}
`;
}
function scanned(stats) {
  const what = [`${plural(stats.files, "file")} (${bytes(stats.bytes)})`];
  if (stats.commits !== void 0) what.push(plural(stats.commits, "commit"));
  return `Scanned ${what.join(" and ")} in ${duration(stats.durationMs)}.`;
}
function skipped(stats) {
  const reasons = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (reasons.length === 0) return [];
  reasons.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return [`Skipped: ${reasons.map(([reason, n]) => `${printable(reason)} (${n})`).join(", ")}.`];
}
function headline(findings, keys) {
  const files = /* @__PURE__ */ new Set();
  const messages = /* @__PURE__ */ new Set();
  for (const f of findings) {
    if (f.path === COMMIT_MESSAGE_PATH) messages.add(f.commit?.sha);
    else files.add(f.repository === void 0 ? f.path : `${f.repository}\0${f.path}`);
  }
  const places = [files.size > 0 || messages.size === 0 ? plural(files.size, "file") : "", messages.size > 0 ? plural(messages.size, "commit message") : ""].filter(Boolean).join(" and ");
  return `${plural(findings.length, "finding")} (${plural(keys, "distinct key")}) in ${places}.`;
}
var consoleReporter = function* (report, options) {
  const paint = painter(options.color);
  const advice = options.advice ?? adviceFor(options.command);
  const tail = [scanned(report.stats), ...skipped(report.stats)];
  const warnings = report.warnings.map((w) => paint(CYAN, `warning: ${printable(scrub(w, report.findings))}`));
  if (report.findings.length === 0) {
    yield `${[paint(GREEN, "No OpenAI or DeepSeek keys found."), ...tail, ...warnings].join("\n")}
`;
    return;
  }
  const keys = groupByKey(report.findings);
  for (const key of keys) yield keyBlock(key, options.showSecrets, paint, advice);
  const lines = [paint(STATUS_STYLE.live, headline(report.findings, keys.length)), ...tail, ...warnings];
  const ways = waysOut(advice, report.findings);
  if (ways.length) lines.push("", ...ways);
  yield `${lines.join("\n")}
`;
};
export {
  consoleReporter,
  printable
};
