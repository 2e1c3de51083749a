// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import {
  redactKeys
} from "./chunk-QUMGJOT4.js";

// src/baseline.ts
import { readFileSync } from "node:fs";
var BASELINE_VERSION = 1;
var keyOf = (e) => `${e.fingerprint}\0${redactKeys(e.path)}`;
function makeBaseline(findings) {
  const seen = /* @__PURE__ */ new Map();
  for (const f of findings) seen.set(keyOf(f), { fingerprint: f.fingerprint, path: redactKeys(f.path), ruleId: f.ruleId });
  const entries = [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: BASELINE_VERSION, tool: "keysentry", findings: entries };
}
function loadBaseline(file) {
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const why = e.code ?? e.message;
    throw new UserError(`cannot read baseline ${file}: ${why}`);
  }
  const b = raw;
  if (typeof b !== "object" || b === null || !Array.isArray(b.findings) || typeof b.version !== "number") {
    throw new UserError(`baseline ${file} is not a keysentry baseline (expected { "version": 1, "findings": [...] })`);
  }
  if (b.version > BASELINE_VERSION) {
    throw new UserError(`baseline ${file} has version ${b.version}; this keysentry reads version ${BASELINE_VERSION}: upgrade keysentry`);
  }
  const known = /* @__PURE__ */ new Set();
  for (const e of b.findings) {
    if (typeof e?.fingerprint !== "string" || typeof e?.path !== "string") {
      throw new UserError(`baseline ${file}: every entry needs "fingerprint" and "path"`);
    }
    known.add(keyOf(e));
  }
  return (f) => known.has(keyOf(f));
}

export {
  BASELINE_VERSION,
  makeBaseline,
  loadBaseline
};
