// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  findingContext
} from "./chunk-UCLKOSQ4.js";
import {
  bySeverity
} from "./chunk-U5HHCBD2.js";
import {
  remedy
} from "./chunk-P72RIZ3G.js";
import {
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-NC7HHNUB.js";
import "./chunk-HEYDA2WV.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-T2JJJ2UV.js";
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
  if (f.path !== COMMIT_MESSAGE_PATH && f.path !== "-") {
    properties.push(`file=${escapeProperty(f.path)}`);
    if (!f.binary) properties.push(`line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`);
  }
  properties.push(`title=${escapeProperty(`${f.description} (${statusLabel(f)})`)}`);
  const message = `${f.redacted} (${f.provider}, rule ${f.ruleId}): ${statusText(f)}${findingContext(f)}.
${remedy(f)}`;
  return `::${statusOf(f) === "invalid" ? "warning" : "error"} ${properties.join(",")}::${escapeData(message)}`;
}
function warning(text) {
  return `::warning title=${escapeProperty("keysentry warning")}::${escapeData(text)}`;
}
var githubReporter = (report) => [
  ...[...report.findings].sort(bySeverity).map(annotation),
  ...report.warnings.map((w) => warning(scrub(w, report.findings)))
].map((line) => `${line}
`).join("");
export {
  escapeData,
  escapeProperty,
  githubReporter
};
