// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  repoRoot
} from "./chunk-OSHJTHYF.js";
import {
  loadConfig,
  runScan
} from "./chunk-6LVU77DF.js";
import {
  useColor
} from "./chunk-VXHW6RXS.js";
import "./chunk-XX2GV7Y4.js";
import {
  EXIT_CLEAN,
  EXIT_FINDINGS,
  checkWritable,
  summaryLine,
  writeAtomic,
  writeStdout
} from "./chunk-HX6RWHSJ.js";
import {
  version
} from "./chunk-IPGXTP6X.js";
import "./chunk-CPLMIBB2.js";
import "./chunk-UUULU2HD.js";
import {
  UserError
} from "./chunk-HEYDA2WV.js";
import "./chunk-T2JJJ2UV.js";
import "./chunk-BTI5UEIW.js";

// src/cli/scan-command.ts
import { realpathSync } from "node:fs";

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
  const root = await repoRoot(command === "scan" && paths[0] && paths[0] !== "-" ? paths[0] : cwd);
  const config = await loadConfig(flags.config, root ?? cwd);
  const verifyOptions = flags.verify ? (await import("./chunk-IJQTUP6V.js")).resolveVerifyOptions(flags, process.env) : void 0;
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
      baseline: flags.baseline,
      onProgress: progress.update,
      ...command === "staged" && root && { root }
    });
  } finally {
    progress.done();
  }
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import("./chunk-IJQTUP6V.js");
    await verifyFindings(report.findings, verifyOptions);
  }
  const code = flags.writeBaseline ? EXIT_CLEAN : exitCode(report.findings, flags.failOn);
  const { loadReporter } = await import("./chunk-3NV4DALI.js");
  const repo = command === "scan" && root ? { root, cwd: realpathSync(cwd) } : void 0;
  const advice = report.findings.length ? await (await import("./chunk-UEEV2Y23.js")).scanAdvice(command, report.findings, { root, named: paths.length > 0, env: process.env, config }) : void 0;
  const options = { showSecrets: flags.showSecrets, command, toolVersion: version(), repo, advice };
  const quietConsole = flags.quiet && flags.format === "console" && !flags.output;
  if (flags.output || !quietConsole) {
    const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
    if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets });
    else await writeStdout(text, code);
  } else if (report.findings.length) {
    await writeStdout(`${summaryLine(report)}
`, code);
  }
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter("sarif"))(report, { ...options, color: false }));
  const { scrub } = await import("./chunk-7HRSSRNC.js");
  if ((flags.format !== "console" || flags.output) && !flags.quiet) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${scrub(w, report.findings)}
`);
  }
  if (flags.output && !flags.quiet) process.stderr.write(`keysentry: ${summaryLine(report)}; report written to ${flags.output}
`);
  if (flags.writeBaseline) {
    const { makeBaseline } = await import("./chunk-GTJ5AAGJ.js");
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}
`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}
`);
  }
  return code;
}
function exitCode(findings, failOn) {
  if (!findings.length) return EXIT_CLEAN;
  if (failOn === "any") return EXIT_FINDINGS;
  const credentials = findings.filter((f) => f.verification?.status !== "invalid");
  const unchecked = credentials.filter((f) => !f.verification || f.verification.status === "unknown");
  if (unchecked.length) {
    process.stderr.write(
      `keysentry: ${unchecked.length} finding(s) could not be verified and are treated as live (--fail-on live fails closed)
`
    );
  }
  return credentials.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
export {
  exitCode,
  scanCommand
};
