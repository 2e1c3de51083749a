// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  Findings
} from "./chunk-HWK7J2JP.js";
import {
  createContext,
  createDetector,
  loadRules,
  validateRules
} from "./chunk-WOBRJ3QP.js";
import {
  loadBaseline
} from "./chunk-TH7VMSKZ.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";

// src/config.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var CONFIG_FILE = ".keysentry.json";
var KEYS = ["ignore", "disableRules", "allowFingerprints", "rules"];
function emptyConfig() {
  return { ignore: [], disableRules: [], allowFingerprints: [], rules: [] };
}
async function loadConfig(explicit, root) {
  const file = explicit ?? join(root, CONFIG_FILE);
  if (!explicit && !existsSync(file)) return emptyConfig();
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`cannot read config ${file}: ${e.code ?? e}`);
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`config ${file} is not valid JSON: ${jsonError(e.message, text)}`);
  }
  const config = parseConfig(raw, file);
  await checkGlobs(config.ignore, file);
  return { ...config, file };
}
function jsonError(message, text) {
  const token = /^(Unexpected token '.*?'), ".*" is not valid JSON$/s.exec(message);
  if (token) return token[1];
  const at = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (!at) return message.split("\n")[0];
  const before = text.slice(0, Number(at[2]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${at[1]} (line ${line}, column ${column})`;
}
function parseConfig(raw, file) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UserError(`config ${file} must be a JSON object`);
  }
  const config = emptyConfig();
  for (const [key, value] of Object.entries(raw)) {
    if (key === "$schema") continue;
    if (!KEYS.includes(key)) {
      throw new UserError(`config ${file}: unknown key "${key}" (known: ${KEYS.join(", ")})`);
    }
    if (!Array.isArray(value)) throw new UserError(`config ${file}: "${key}" must be an array`);
    if (key !== "rules" && value.some((v) => typeof v !== "string")) {
      throw new UserError(`config ${file}: "${key}" must be an array of strings`);
    }
    config[key] = value;
  }
  for (const fp of config.allowFingerprints) {
    if (!/^[0-9a-f]{64}$/.test(fp)) {
      throw new UserError(`config ${file}: allowFingerprints entry "${fp}" is not a lowercase hex SHA-256`);
    }
  }
  return config;
}
async function checkGlobs(globs, file) {
  if (globs.length === 0) return;
  const { default: micromatch } = await import("./chunk-H7SDEHAW.js");
  for (const glob of globs) {
    const re = glob.trim() === "" ? void 0 : micromatch.makeRe(glob);
    if (!re || re.source === "$^" || unbalanced(glob)) {
      throw new UserError(`config ${file}: invalid ignore glob "${glob}"`);
    }
  }
}
function unbalanced(glob) {
  const pairs = { "[": "]", "{": "}", "(": ")" };
  const stack = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "\\") i++;
    else if (c in pairs) stack.push(pairs[c]);
    else if (c === "]" || c === "}" || c === ")") {
      if (stack.pop() !== c) return true;
    }
  }
  return stack.length > 0;
}

// src/scan.ts
import { existsSync as existsSync2 } from "node:fs";
import { resolve } from "node:path";
async function buildDetector(config, rulesDir) {
  const builtIn = loadRules(rulesDir);
  const source = `config ${config.file ?? CONFIG_FILE}`;
  let custom = [];
  if (config.rules.length) {
    const { loadLinearEngine } = await import("./chunk-IMLJTF7T.js");
    await loadLinearEngine();
    try {
      custom = validateRules(config.rules, source, { linear: true });
    } catch (e) {
      throw new UserError(e.message);
    }
  }
  const ids = new Set(builtIn.map((r) => r.id));
  const reused = custom.find((r) => ids.has(r.id));
  if (reused) {
    throw new UserError(`${source}: rule "${reused.id}" has the id of a built-in rule; give it an id of its own (to turn the built-in rule off, list it in "disableRules")`);
  }
  for (const r of custom) ids.add(r.id);
  const unknown = config.disableRules.find((id) => !ids.has(id));
  if (unknown !== void 0) {
    throw new UserError(`${source}: "disableRules" names no rule "${unknown}" (rules: ${[...ids].join(", ")})`);
  }
  const off = new Set(config.disableRules);
  return createDetector([...builtIn, ...custom].filter((r) => !off.has(r.id)));
}
async function openSource(req, ctx, detector, ignored) {
  switch (req.command) {
    case "scan": {
      if (req.paths.length === 1 && req.paths[0] === "-") {
        const { stdinSource } = await import("./chunk-47QKQ72Z.js");
        return stdinSource(ctx);
      }
      const paths = req.paths.length ? req.paths : ["."];
      const missing = paths.find((p) => !existsSync2(resolve(req.cwd, p)));
      if (missing !== void 0) throw new UserError(`no such file or directory: ${missing}`);
      const { treeSource } = await import("./chunk-CSSYCFTJ.js");
      return treeSource(paths, ctx, {
        noIgnore: req.noIgnore,
        ignore: req.config.ignore,
        cwd: req.cwd
      });
    }
    case "staged": {
      const { stagedSource } = await import("./chunk-2J77DNXK.js");
      return stagedSource(ctx, { cwd: req.cwd, root: req.root, files: req.paths.length ? req.paths : void 0 });
    }
    case "history": {
      const { historySource } = await import("./chunk-BQ7D3RXD.js");
      return historySource(ctx, {
        cwd: req.cwd,
        range: req.range,
        since: req.since,
        mayHoldKey: (chunk) => detector.detect(chunk).length > 0,
        ignored,
        shard: req.shard
      });
    }
  }
}
async function runScan(req) {
  const started = Date.now();
  const detector = req.detector ?? await buildDetector(req.config, req.rulesDir);
  const accepted = req.baseline ? loadBaseline(req.baseline) : void 0;
  const ctx = createContext();
  const findings = new Findings(req.command === "history");
  const repository = req.command === "history" && (req.identify || req.shard) ? import("./chunk-LET7BGUY.js").then((m) => m.repositoryOf(req.cwd, req.root)) : void 0;
  repository?.catch(() => {
  });
  const ignored = await ignoreMatcher(req.config.ignore);
  const source = await openSource(req, ctx, detector, ignored);
  const ignoredFiles = /* @__PURE__ */ new Set();
  const progress = req.onProgress && setInterval(() => req.onProgress(ctx), 200).unref();
  try {
    for await (const chunk of source) {
      if (req.signal?.aborted) throw req.signal.reason ?? new Error("aborted");
      if (req.command === "staged" && ignored(chunk.path)) {
        ignoredFiles.add(chunk.path);
        continue;
      }
      for (const f of detector.detect(chunk)) findings.add(f);
    }
  } finally {
    clearInterval(progress);
  }
  ctx.stats.files -= ignoredFiles.size;
  for (let i = 0; i < ignoredFiles.size; i++) ctx.skip("ignored by config");
  const allowed = new Set(req.config.allowFingerprints);
  const kept = [];
  for (const f of findings.list()) {
    if (allowed.has(f.fingerprint)) ctx.skip("finding allowed by config fingerprint");
    else if (accepted?.(f)) ctx.skip("finding in baseline");
    else kept.push(f);
  }
  if (req.command === "history") await markAtHead(kept, req.cwd, detector);
  ctx.stats.durationMs = Date.now() - started;
  return {
    findings: kept,
    stats: ctx.stats,
    warnings: ctx.warnings,
    ...repository && { repository: await repository },
    ...req.shard && { shard: req.shard }
  };
}
async function ignoreMatcher(globs) {
  if (!globs.length) return () => false;
  const { default: micromatch } = await import("./chunk-H7SDEHAW.js");
  const matchers = globs.map((g) => micromatch.matcher(g, { dot: true }));
  return (path) => matchers.some((m) => m(path));
}
async function markAtHead(found, cwd, detector) {
  const { headChunks } = await import("./chunk-BQ7D3RXD.js");
  const paths = new Set(found.filter((f) => f.path !== COMMIT_MESSAGE_PATH).map((f) => f.path));
  const present = /* @__PURE__ */ new Set();
  for await (const chunk of headChunks(cwd, paths)) {
    for (const f of detector.detect(chunk)) present.add(`${f.fingerprint}\0${f.path}`);
  }
  for (const f of found) f.atHead = f.path !== COMMIT_MESSAGE_PATH && present.has(`${f.fingerprint}\0${f.path}`);
}

export {
  loadConfig,
  buildDetector,
  runScan
};
