// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  findingContext
} from "./chunk-5RQWUH4R.js";
import {
  bySeverity
} from "./chunk-NMP3B3QA.js";
import {
  remedy
} from "./chunk-ZMLIUL2B.js";
import {
  safe,
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-KOFYQMRE.js";
import "./chunk-QUMGJOT4.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/report/github.ts
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotation(f) {
  const properties = [];
  if (f.path !== COMMIT_MESSAGE_PATH && f.path !== "-" && f.repository === void 0) {
    properties.push(`file=${escapeProperty(safe(f.path))}`);
    if (!f.binary) properties.push(`line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`);
  }
  properties.push(`title=${escapeProperty(safe(`${f.description} (${statusLabel(f)})`))}`);
  const place = f.repository === void 0 ? "" : ` at ${f.path}${f.binary ? "" : `:${f.line}:${f.column}`}`;
  const message = safe(`${f.redacted} (${f.provider}, rule ${f.ruleId})${place}: ${statusText(f)}${findingContext(f)}.
${remedy(f)}`);
  return `::${statusOf(f) === "invalid" ? "warning" : "error"} ${properties.join(",")}::${escapeData(message)}`;
}
function warning(text) {
  return `::warning title=${escapeProperty("keysentry warning")}::${escapeData(text)}`;
}
var githubReporter = function* (report) {
  for (const f of [...report.findings].sort(bySeverity)) yield `${annotation(f)}
`;
  for (const w of report.warnings) yield `${warning(scrub(w, report.findings))}
`;
};
export {
  escapeData,
  escapeProperty,
  githubReporter
};
