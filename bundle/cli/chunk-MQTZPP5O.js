// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  repoRoot
} from "./chunk-OSHJTHYF.js";
import {
  loadConfig,
  runScan
} from "./chunk-ZB62NKC5.js";
import {
  deliverReport
} from "./chunk-HMPLEZUT.js";
import "./chunk-HWK7J2JP.js";
import "./chunk-WOBRJ3QP.js";
import "./chunk-2W2FAOGB.js";
import "./chunk-VXHW6RXS.js";
import {
  checkWritable,
  writeAtomic
} from "./chunk-BQ3XYH55.js";
import {
  EXIT_CLEAN
} from "./chunk-FT72KRSL.js";
import "./chunk-IPGXTP6X.js";
import "./chunk-TH7VMSKZ.js";
import "./chunk-UUULU2HD.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/cli/scan-command.ts
import { realpathSync } from "node:fs";

// src/cli/shard.ts
var MAX_SHARDS = 4096;
function parseShard(text, flags) {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count || count > MAX_SHARDS) {
    throw new UserError(`--shard takes I/N, shard I of N with 1 <= I <= N <= ${MAX_SHARDS} (got ${JSON.stringify(text)})`);
  }
  if (flags.verify) throw new UserError("--shard and --verify: verify when merging the shards (keysentry merge --verify checks each key once)");
  if (flags.writeBaseline !== void 0) throw new UserError("--shard and --write-baseline: a shard sees part of the findings; write the baseline from the merged report");
  return { index, count };
}

// src/cli/progress.ts
function progressReporter(stream) {
  if (!stream.isTTY) return { update: void 0, done() {
  } };
  let shown = false;
  return {
    update(ctx) {
      const { files, bytes, commits } = ctx.stats;
      const what = commits ? `${commits} commits, ` : "";
      stream.write(`\r\x1B[2Kscanning: ${what}${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1B[2K");
    }
  };
}

// src/cli/signals.ts
var CODES = { SIGINT: 130, SIGTERM: 143 };
function onInterrupt(stream = process.stderr) {
  const handler = (sig) => {
    stream.write(`
keysentry: interrupted by ${sig}; no report written
`);
    process.exit(CODES[sig]);
  };
  for (const sig of Object.keys(CODES)) process.on(sig, handler);
  return {
    off() {
      for (const sig of Object.keys(CODES)) process.off(sig, handler);
    }
  };
}

// src/cli/scan-command.ts
async function scanCommand(command, flags, paths) {
  const interrupted = onInterrupt();
  try {
    return await run(command, flags, paths);
  } finally {
    interrupted.off();
  }
}
async function run(command, flags, paths) {
  const cwd = process.cwd();
  if (command === "history" && paths.length) throw new UserError(`history takes no paths (got ${JSON.stringify(paths[0])}); use --range or --since`);
  if (flags.range !== void 0 && flags.since !== void 0) throw new UserError("--range and --since cannot be used together");
  const shard = flags.shard === void 0 ? void 0 : parseShard(flags.shard, flags);
  const root = await repoRoot(command === "scan" && paths[0] && paths[0] !== "-" ? paths[0] : cwd);
  const config = await loadConfig(flags.config, root ?? cwd);
  const verifyOptions = flags.verify ? (await import("./chunk-YV4H4J2I.js")).resolveVerifyOptions(flags, process.env) : void 0;
  for (const file of [flags.output, flags.sarif, flags.writeBaseline]) if (file !== void 0) checkWritable(file);
  const progress = progressReporter(process.stderr);
  let report;
  try {
    report = await runScan({
      command,
      cwd,
      config,
      paths,
      noIgnore: flags.ignore === false,
      range: flags.range,
      since: flags.since,
      ...shard && { shard },
      baseline: flags.baseline,
      onProgress: progress.update,
      ...(command === "staged" || command === "history") && root && { root },
      identify: flags.format === "json"
    });
  } finally {
    progress.done();
  }
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import("./chunk-YV4H4J2I.js");
    await verifyFindings(report.findings, verifyOptions);
  }
  const repo = command === "scan" && root ? { root, cwd: realpathSync(cwd) } : void 0;
  const advice = report.findings.length ? await (await import("./chunk-P2WSMCZD.js")).scanAdvice(command, report.findings, { root, named: paths.length > 0, env: process.env, config }) : void 0;
  const code = await deliverReport(report, flags, {
    command,
    repo,
    advice,
    ...(flags.writeBaseline !== void 0 || shard) && { code: EXIT_CLEAN },
    ...shard && { note: ` (shard ${shard.index}/${shard.count}: keysentry merge reports the whole history)` }
  });
  if (flags.writeBaseline) {
    const { makeBaseline } = await import("./chunk-NF7GL2HN.js");
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}
`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}
`);
  }
  return code;
}
export {
  scanCommand
};
