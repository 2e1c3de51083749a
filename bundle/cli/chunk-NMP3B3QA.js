// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  statusOf
} from "./chunk-KOFYQMRE.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";

// src/report/order.ts
var STATUS_RANK = {
  live: 0,
  quota_exhausted: 1,
  rate_limited: 2,
  unverified: 3,
  unknown: 3,
  invalid: 4
};
var CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 };
function severityOrder(finding) {
  return STATUS_RANK[statusOf(finding)] * 3 + CONFIDENCE_RANK[finding.confidence];
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function byLocation(a, b) {
  return compare(a.repository ?? "", b.repository ?? "") || compare(Number(a.path === COMMIT_MESSAGE_PATH), Number(b.path === COMMIT_MESSAGE_PATH)) || compare(a.path, b.path) || compare(a.line, b.line) || compare(a.column, b.column) || compare(a.offset, b.offset) || compare(a.commit?.date ?? "", b.commit?.date ?? "") || compare(a.commit?.sha ?? "", b.commit?.sha ?? "");
}
function bySeverity(a, b) {
  return severityOrder(a) - severityOrder(b) || byLocation(a, b);
}

export {
  severityOrder,
  byLocation,
  bySeverity
};
