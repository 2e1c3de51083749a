// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  byLocation
} from "./chunk-U5HHCBD2.js";
import {
  adviceFor,
  remedyFor,
  waysOut
} from "./chunk-P72RIZ3G.js";
import {
  scrub,
  statusOf,
  statusText
} from "./chunk-NC7HHNUB.js";
import "./chunk-HEYDA2WV.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-T2JJJ2UV.js";
import "./chunk-BTI5UEIW.js";

// src/report/console.ts
var BOLD = "1";
var DIM = "2";
var UNDERLINE = "4";
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
function header(path) {
  return path === "-" ? "(stdin)" : printable(path);
}
function findingLines(f, showSecrets, paint) {
  const where = f.binary ? `byte ${f.offset}` : `${f.line}:${f.column}`;
  const parts = [
    paint(BOLD, where),
    paint(CYAN, showSecrets ? printable(f.secret) : f.redacted),
    f.ruleId,
    f.provider,
    `${f.confidence} confidence`
  ];
  if (f.encoding) parts.push(`[${printable(f.encoding)}]`);
  if (f.binary) parts.push("[binary]");
  if (f.verification) parts.push(paint(STATUS_STYLE[statusOf(f)], printable(statusText(f))));
  const lines = [`  ${parts.join("  ")}`];
  if (f.commit) {
    const { sha, author, date } = f.commit;
    lines.push(paint(DIM, `    commit ${sha.slice(0, 7)} by ${printable(author)} on ${printable(date.slice(0, 10))}`));
  }
  return lines;
}
function groupByPath(findings) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...findings].sort(byLocation)) {
    const group = groups.get(f.path);
    if (group) group.push(f);
    else groups.set(f.path, [f]);
  }
  return groups;
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
function headline(findings) {
  const files = new Set(findings.filter((f) => f.path !== COMMIT_MESSAGE_PATH).map((f) => f.path)).size;
  const messages = new Set(findings.filter((f) => f.path === COMMIT_MESSAGE_PATH).map((f) => f.commit?.sha)).size;
  const keys = new Set(findings.map((f) => f.fingerprint)).size;
  const places = [files > 0 || messages === 0 ? plural(files, "file") : "", messages > 0 ? plural(messages, "commit message") : ""].filter(Boolean).join(" and ");
  return `${plural(findings.length, "finding")} (${plural(keys, "distinct key")}) in ${places}.`;
}
var consoleReporter = (report, options) => {
  const paint = painter(options.color);
  const advice = options.advice ?? adviceFor(options.command);
  const lines = [];
  const tail = [scanned(report.stats), ...skipped(report.stats)];
  const warnings = report.warnings.map((w) => paint(CYAN, `warning: ${printable(scrub(w, report.findings))}`));
  if (report.findings.length === 0) {
    lines.push(paint(GREEN, "No OpenAI or DeepSeek keys found."), ...tail, ...warnings);
    return `${lines.join("\n")}
`;
  }
  for (const [path, group] of groupByPath(report.findings)) {
    lines.push(paint(`${BOLD};${UNDERLINE}`, header(path)));
    for (const f of group) lines.push(...findingLines(f, options.showSecrets, paint));
    for (const text of new Set(group.map(remedyFor(advice)))) lines.push(`  \u2192 ${text}`);
    lines.push("");
  }
  lines.push(paint(STATUS_STYLE.live, headline(report.findings)), ...tail, ...warnings);
  const ways = waysOut(advice, report.findings);
  if (ways.length) lines.push("", ...ways);
  return `${lines.join("\n")}
`;
};
export {
  consoleReporter,
  printable
};
