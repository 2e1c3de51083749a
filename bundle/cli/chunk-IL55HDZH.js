// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  adviceFor,
  committedKey
} from "./chunk-DHZO3BCM.js";
import "./chunk-NADQ3GBM.js";
import "./chunk-HEYDA2WV.js";
import "./chunk-T2JJJ2UV.js";
import "./chunk-BTI5UEIW.js";

// src/cli/advice.ts
import { spawnSync } from "node:child_process";
function scanAdvice(command, findings, options) {
  const advice = adviceFor(command, options.env);
  if (command !== "staged" || !options.named || !options.root || findings.length === 0) return advice;
  const committed = /* @__PURE__ */ new Set();
  const paths = [...new Set(findings.map((f) => f.path))];
  const changed = changedSinceHead(options.root, paths);
  const atHead = new Map(paths.map((p) => [p, headVersion(options.root, p)]));
  for (const f of findings) {
    const head = atHead.get(f.path);
    if (head !== void 0 && (!changed.has(f.path) || head.includes(f.secret))) committed.add(committedKey(f.path, f.fingerprint));
  }
  return committed.size ? { ...advice, committed } : advice;
}
function changedSinceHead(root, paths) {
  const r = spawnSync("git", ["diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD", "--", ...paths], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, GIT_LITERAL_PATHSPECS: "1" }
  });
  return r.status === 0 ? new Set(r.stdout.split("\0").filter(Boolean)) : new Set(paths);
}
function headVersion(root, path) {
  const r = spawnSync("git", ["cat-file", "blob", `HEAD:${path}`], { cwd: root, encoding: "latin1", maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : void 0;
}
export {
  scanAdvice
};
