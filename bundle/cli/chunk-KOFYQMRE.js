// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  redactKeys
} from "./chunk-QUMGJOT4.js";

// src/report/status.ts
function statusOf(finding) {
  return finding.verification?.status ?? "unverified";
}
var LABELS = {
  live: "live",
  quota_exhausted: "quota exhausted",
  rate_limited: "rate limited",
  unverified: "not verified",
  unknown: "unknown",
  invalid: "invalid"
};
function statusLabel(finding) {
  return LABELS[statusOf(finding)];
}
function statusText(finding) {
  const detail = finding.verification?.detail ? scrub(finding.verification.detail, [finding]) : "";
  return detail ? `${statusLabel(finding)} (${detail})` : statusLabel(finding);
}
function scrub(text, findings) {
  let out = text;
  for (const f of findings) if (f.secret && out.includes(f.secret)) out = out.replaceAll(f.secret, f.redacted);
  return redactKeys(out);
}
function safe(text) {
  return redactKeys(text);
}

export {
  statusOf,
  statusLabel,
  statusText,
  scrub,
  safe
};
