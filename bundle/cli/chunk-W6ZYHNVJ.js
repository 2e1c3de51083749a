// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  deliverReport
} from "./chunk-HMPLEZUT.js";
import {
  Findings
} from "./chunk-HWK7J2JP.js";
import "./chunk-VXHW6RXS.js";
import {
  UNREACHED_WARNING
} from "./chunk-HFW4SSM6.js";
import {
  sealKeyFrom,
  unseal
} from "./chunk-T5M5HLYG.js";
import {
  checkWritable
} from "./chunk-BQ3XYH55.js";
import "./chunk-FT72KRSL.js";
import "./chunk-IPGXTP6X.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";

// src/cli/merge-command.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// src/merge.ts
function mergeReports(texts, options = {}) {
  if (!texts.length) throw new UserError("name the reports to merge (files, or directories of *.json reports)");
  const reads = texts.map(parse);
  checkVersions(reads);
  const byRepository = /* @__PURE__ */ new Map();
  for (const read of reads) {
    const name = read.report.repository.name;
    byRepository.set(name, [...byRepository.get(name) ?? [], read]);
  }
  for (const [name, shards] of byRepository) checkShards(name, shards);
  const several = byRepository.size > 1;
  const all = [];
  for (const { file, report } of reads) {
    const repository = several ? report.repository.name : void 0;
    report.findings.forEach((f, i) => all.push(toFinding(f, file, i, repository, options)));
  }
  all.sort((a, b) => position(a) - position(b));
  const findings = new Findings(true);
  for (const f of all) findings.add(f);
  const only = several ? void 0 : reads[0].report.repository;
  return {
    findings: findings.list(),
    stats: mergeStats([...byRepository.values()]),
    warnings: [...byRepository.values()].flatMap((shards) => mergeWarnings(shards, several)),
    ...only && { repository: only }
  };
}
var position = (f) => f.commit?.position ?? Number.POSITIVE_INFINITY;
function parse({ file, text }) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not JSON (${e.message})`);
  }
  const r = data;
  const what = "keysentry history --format json writes one";
  if (!r || typeof r !== "object" || !Array.isArray(r.findings)) throw new UserError(`${file}: not a keysentry report (${what})`);
  if (r.version !== 1) throw new UserError(`${file}: report format version ${JSON.stringify(r.version)}; this keysentry reads version 1`);
  if (r.tool?.name !== "keysentry" || typeof r.tool.version !== "string") {
    throw new UserError(`${file}: the report does not say which keysentry wrote it (written before reports could be merged?): rerun it`);
  }
  const repo = r.repository;
  const shard = r.shard;
  if (!repo || typeof repo.name !== "string" || typeof repo.state !== "string" || !shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) {
    throw new UserError(`${file}: not a history report of one repository (${what}); scan and staged reports are not merged`);
  }
  if (!r.stats || typeof r.stats !== "object" || !Array.isArray(r.warnings)) throw new UserError(`${file}: the report has no stats or warnings`);
  return { file, report: r };
}
function checkVersions(reads) {
  const first = reads[0];
  const other = reads.find((r) => r.report.tool.version !== first.report.tool.version);
  if (other) {
    throw new UserError(
      `reports of different keysentry versions: ${first.report.tool.version} (${first.file}) and ${other.report.tool.version} (${other.file}); run every shard and repository with one version`
    );
  }
}
function checkShards(name, reads) {
  const first = reads[0];
  for (const r of reads) {
    if (r.report.repository.state !== first.report.repository.state) {
      throw new UserError(
        `${name}: ${first.file} and ${r.file} are of different states of the repository (its refs moved between the runs); run every shard on one state (the same commits, branches and tags)`
      );
    }
    if (r.report.shard.count !== first.report.shard.count) {
      throw new UserError(`${name}: ${first.file} is a shard of ${first.report.shard.count} and ${r.file} of ${r.report.shard.count}; the shards of one merge split the history one way`);
    }
  }
  const count = first.report.shard.count;
  const seen = /* @__PURE__ */ new Map();
  for (const r of reads) {
    const { index } = r.report.shard;
    const twice = seen.get(index);
    if (twice !== void 0) {
      throw new UserError(`${name}: shard ${index}/${count} is given twice (${twice} and ${r.file})${count === 1 ? ": the same repository twice?" : ""}`);
    }
    seen.set(index, r.file);
  }
  const missing = [...Array(count).keys()].map((i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) {
    const listed = missing.length > 5 ? `${missing.slice(0, 5).join(", ")}, \u2026` : missing.join(", ");
    throw new UserError(`${name}: the shards do not add up to ${count}: shard ${listed} of ${count} missing (${missing.length} of ${count}); merge every shard's report`);
  }
}
function toFinding(f, file, i, repository, options) {
  const malformed = (what) => new UserError(`${file}: finding ${i + 1}: ${what}`);
  if (typeof f.fingerprint !== "string" || typeof f.path !== "string" || typeof f.ruleId !== "string" || typeof f.line !== "number") {
    throw malformed("not a keysentry finding");
  }
  let secret = f.secret ?? "";
  if (!secret && f.sealed !== void 0 && options.sealKey) {
    secret = unseal(f.sealed, f.fingerprint, options.sealKey) ?? "";
    if (!secret) throw malformed("KEYSENTRY_SEAL_KEY does not open its key: set it to the secret the report was written with");
  }
  if (!secret && options.needKeys) {
    throw malformed(
      f.sealed !== void 0 ? "its key is sealed: set KEYSENTRY_SEAL_KEY to the secret the report was written with" : "the report carries no keys to verify: write it with KEYSENTRY_SEAL_KEY set (one secret for every report), or merge without --verify"
    );
  }
  return {
    ruleId: f.ruleId,
    provider: f.provider,
    description: f.description,
    secret,
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    path: f.path,
    line: f.line,
    column: f.column,
    endColumn: f.endColumn,
    offset: f.offset,
    confidence: f.confidence,
    ...f.encoding !== void 0 && { encoding: f.encoding },
    ...f.binary && { binary: true },
    ...f.commit !== void 0 && {
      commit: { sha: f.commit, author: f.author ?? "", email: f.email ?? "", date: f.date ?? "", ...f.position !== void 0 && { position: f.position } }
    },
    ...f.atHead !== void 0 && { atHead: f.atHead },
    ...f.snippet !== void 0 && { snippet: f.snippet },
    ...f.verification !== void 0 && { verification: f.verification },
    ...repository !== void 0 && { repository }
  };
}
function mergeStats(repositories) {
  const stats = { files: 0, bytes: 0, skipped: {}, commits: 0, durationMs: 0 };
  for (const reads of repositories) {
    let commits = 0;
    let slowest = 0;
    const skipped = {};
    for (const { report } of reads) {
      stats.files += report.stats.files;
      stats.bytes += report.stats.bytes;
      commits = Math.max(commits, report.stats.commits ?? 0);
      slowest = Math.max(slowest, report.stats.durationMs);
      for (const [reason, n] of Object.entries(report.stats.skipped)) skipped[reason] = Math.max(skipped[reason] ?? 0, n);
    }
    for (const [reason, n] of Object.entries(skipped)) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
    stats.commits += commits;
    stats.durationMs += slowest;
  }
  return stats;
}
function mergeWarnings(reads, several) {
  const out = /* @__PURE__ */ new Set();
  let unreached = 0;
  for (const { report } of reads) {
    for (const w of report.warnings) {
      const count = w.endsWith(UNREACHED_WARNING) ? /^\d+$/.exec(w.slice(0, -UNREACHED_WARNING.length)) : null;
      if (count) {
        if (!unreached) out.add(UNREACHED_WARNING);
        unreached += Number(count[0]);
      } else {
        out.add(w);
      }
    }
  }
  const name = several ? `${reads[0].report.repository.name}: ` : "";
  return [...out].map((w) => `${name}${w === UNREACHED_WARNING ? `${unreached}${w}` : w}`);
}

// src/cli/merge-command.ts
async function mergeCommand(flags, paths) {
  const verifyOptions = flags.verify ? (await import("./chunk-YV4H4J2I.js")).resolveVerifyOptions(flags, process.env) : void 0;
  for (const file of [flags.output, flags.sarif]) if (file !== void 0) checkWritable(file);
  const sealKey = sealKeyFrom(process.env);
  const report = mergeReports(readReports(paths), { ...sealKey && { sealKey }, needKeys: flags.verify });
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import("./chunk-YV4H4J2I.js");
    await verifyFindings(report.findings, verifyOptions);
  }
  return deliverReport(report, flags, { command: "history" });
}
function readReports(paths) {
  const files = [];
  const add = (path, named) => {
    let isDir;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UserError(`no such file or directory: ${path}`);
    }
    if (!isDir) {
      if (named || path.endsWith(".json")) files.push(path);
      return;
    }
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (statSync(child).isDirectory() || name.endsWith(".json")) add(child, false);
    }
  };
  for (const p of paths) add(p, true);
  if (paths.length && !files.length) throw new UserError(`no *.json reports in ${paths.join(", ")}`);
  return files.map((file) => {
    try {
      return { file, text: readFileSync(file, "utf8") };
    } catch (e) {
      throw new UserError(`cannot read ${file}: ${e.code ?? e.message}`);
    }
  });
}
export {
  mergeCommand
};
