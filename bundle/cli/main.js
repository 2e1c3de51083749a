// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  loadConfig,
  repoRoot,
  runScan
} from "./chunk-TO6QE2WC.js";
import "./chunk-BRNEEP24.js";
import "./chunk-T2JJJ2UV.js";
import {
  UserError,
  errorLine,
  redactKeys
} from "./chunk-L6UI6A4T.js";
import "./chunk-BTI5UEIW.js";

// src/cli/main.ts
import { readFileSync, realpathSync as realpathSync2 } from "node:fs";
import { parseArgs } from "node:util";

// src/cli/output.ts
import { accessSync, chmodSync, constants, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
function checkWritable(file) {
  target(file);
}
function writeAtomic(file, content, options = {}) {
  const where = target(file);
  if (where.kind === "stream") {
    try {
      writeFileSync(where.path, content);
    } catch (e) {
      throw new UserError(`cannot write ${file}: ${why(e)}`);
    }
    return;
  }
  const tmp = join(dirname(where.path), `.${basename(where.path)}.keysentry-${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true });
    writeFileSync(tmp, content, { mode: options.secret ? 384 : 438, flag: "wx" });
    if (where.existing) chmodSync(tmp, where.existing.mode & 4095);
    renameSync(tmp, where.path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
}
function target(file) {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = e.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  if (!st) return { kind: "file", path: newFileIn(file) };
  if (st.isDirectory()) throw new UserError(`cannot write ${file}: it is a directory`);
  if (!st.isFile()) return { kind: "stream", path: file };
  if ((st.mode & 146) === 0) throw new UserError(`cannot write ${file}: it is read-only`);
  try {
    accessSync(file, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  const path = realpathSync(file);
  writableDir(dirname(path), file);
  return { kind: "file", path, existing: st };
}
function newFileIn(file) {
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    const code = e.code;
    throw new UserError(`cannot write ${file}: ${code === "ENOENT" ? "its directory does not exist" : why(e)}`);
  }
  if (!st.isDirectory()) throw new UserError(`cannot write ${file}: ${dir} is not a directory`);
  writableDir(dir, file);
  return file;
}
function writableDir(dir, file) {
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: cannot create files in ${dir} (${why(e)})`);
  }
}
function why(e) {
  const err = e;
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "EISDIR":
      return "it is a directory";
    case "ENOENT":
      return "cannot create files there";
    default:
      return err.code ?? err.message;
  }
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

// src/cli/main.ts
var EXIT_CLEAN = 0;
var EXIT_FINDINGS = 1;
var EXIT_ERROR = 2;
var FORMATS = ["console", "json", "sarif", "github"];
function version() {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}
var REPORT_OPTIONS = {
  format: { alias: "f", type: "string", choices: FORMATS, default: "console", describe: "report format" },
  output: { alias: "o", type: "string", describe: "write the report to FILE instead of stdout" },
  sarif: { type: "string", describe: "also write a SARIF 2.1.0 report to FILE" },
  config: { type: "string", describe: "config file (default: .keysentry.json at the repo root)" },
  baseline: { type: "string", describe: "do not report findings recorded in this baseline FILE" },
  "write-baseline": { type: "string", describe: "record the findings in a baseline FILE (fingerprints, never secrets)" },
  "show-secrets": { type: "boolean", default: false, describe: "print full keys in reports (never in SARIF)" },
  verify: { type: "boolean", default: false, describe: "ask each provider whether found keys are live (sends keys to the provider only)" },
  "fail-on": { type: "string", choices: ["any", "live"], default: "any", describe: "exit 1 on any finding, or only on keys that are not verified invalid" },
  "openai-base-url": { type: "string", describe: "OpenAI API host root for --verify (proxy or tests)" },
  "deepseek-base-url": { type: "string", describe: "DeepSeek API host root for --verify (proxy or tests)" }
};
var COMMAND_OPTIONS = {
  scan: {
    ignore: { type: "boolean", default: true, describe: "honour .gitignore (--no-ignore scans everything but .git/)" }
  },
  staged: {},
  history: {
    range: { type: "string", describe: "only commits in A..B" },
    since: { type: "string", describe: "only commits after REV (REV..HEAD)" }
  }
};
function optionsOf(command) {
  return { ...REPORT_OPTIONS, ...COMMAND_OPTIONS[command] };
}
function commandOptions(command) {
  return (y) => {
    const options = Object.entries(optionsOf(command)).map(([name, o]) => [name, { ...o, requiresArg: o.type === "string" }]);
    return y.options(Object.fromEntries(options));
  };
}
function leanParse(argv) {
  const command = argv[0];
  if (command !== "scan" && command !== "staged" && command !== "history") return void 0;
  const table = optionsOf(command);
  const options = Object.fromEntries(
    Object.entries(table).map(([name, o]) => [name, o.alias ? { type: o.type, short: o.alias } : { type: o.type }])
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), options, allowPositionals: true, allowNegative: true, strict: true });
  } catch {
    return void 0;
  }
  const flags = {};
  for (const [name, o] of Object.entries(table)) {
    const value = parsed.values[name] ?? o.default;
    if (o.choices && !o.choices.includes(value)) return void 0;
    if (o.type === "string" && value === "") return void 0;
    flags[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  if (command === "history" && (parsed.positionals.length || flags.range !== void 0 && flags.since !== void 0)) {
    return void 0;
  }
  const named = command === "scan" ? { paths: parsed.positionals } : command === "staged" ? { files: parsed.positionals } : {};
  return { command, flags: { ...flags, ignore: flags.ignore !== false, ...named, _: [command] } };
}
var STDIN_ARG = "\0stdin";
async function main(argv) {
  if (argv[0] === "pre-push") return (await import("./chunk-S3LA4HMF.js")).prePushCommand(argv.slice(1), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  const lean = leanParse(argv);
  if (lean) {
    try {
      return await scanCommand(lean.command, lean.flags);
    } catch (e) {
      process.stderr.write(`keysentry: ${errorLine(e)}
`);
      return EXIT_ERROR;
    }
  }
  const { default: yargs } = await import("./chunk-2QP4GUTX.js");
  argv = argv.map((a) => a === "-" ? STDIN_ARG : a);
  let code = EXIT_CLEAN;
  const run = (command) => async (flags) => {
    code = await scanCommand(command, flags);
  };
  try {
    await yargs(argv).scriptName("keysentry").usage("$0 <command> [options]\n\nFinds OpenAI and DeepSeek API keys before they leak through git.").command(
      "scan [paths..]",
      "scan files and directories (- for stdin)",
      commandOptions("scan"),
      run("scan")
    ).command("staged [files..]", "scan what is staged for the next commit (pre-commit hook)", commandOptions("staged"), run("staged")).command(
      "history",
      "scan every commit of the repository",
      (y) => commandOptions("history")(y).conflicts("range", "since"),
      run("history")
    ).command(
      // [args..] only so that a key given as an argument is refused below, not echoed by yargs.
      "verify [args..]",
      "check keys read from stdin, one per line: live, out of balance, or dead?",
      (y) => y.positional("args", { hidden: true, type: "string", array: true }).option("format", { alias: "f", choices: ["console", "json"], default: "console" }).option("openai-base-url", { type: "string" }).option("deepseek-base-url", { type: "string" }),
      async (flags) => {
        if ((flags.args?.length ?? 0) > 0 || flags._.length > 1) {
          throw new UserError("keysentry verify reads keys from stdin only, one per line (e.g. `pbpaste | keysentry verify`), never from arguments");
        }
        const { runVerifyCommand } = await import("./chunk-BVYCGPQX.js");
        const { resolveVerifyOptions } = await import("./chunk-N2PYYS6X.js");
        code = await runVerifyCommand(process.stdin, process.stdout, {
          format: flags.format,
          color: useColor(),
          verify: resolveVerifyOptions(flags, process.env)
        });
      }
    ).command(
      "init",
      "install the pre-commit hook (husky if present, else .git/hooks)",
      (y) => y.option("force", { type: "boolean", default: false, describe: "move aside a hook keysentry did not write (it still runs, after the check)" }).option("pre-push", { type: "boolean", default: false, describe: "install the pre-push hook: scans the commits being pushed" }),
      async (flags) => {
        const { runInit } = await import("./chunk-JBCPKKI2.js");
        code = await runInit(process.cwd(), { force: flags.force, prePush: flags.prePush }, process.stdout);
      }
    ).demandCommand(1, "name a command: scan, staged, history, verify or init").strict().version(version()).help().wrap(Math.min(100, process.stdout.columns ?? 100)).exitProcess(false).fail((msg, err) => {
      const usage = !err || err instanceof UserError || err.name === "YError";
      throw usage ? new UserError(msg ?? err.message) : err;
    }).parseAsync();
  } catch (e) {
    process.stderr.write(`keysentry: ${errorLine(e)}
`);
    return EXIT_ERROR;
  }
  return code;
}
function useColor(stream = process.stdout) {
  if (process.env.NO_COLOR !== void 0) return false;
  if (process.env.FORCE_COLOR !== void 0) return process.env.FORCE_COLOR !== "0";
  return stream.isTTY === true;
}
async function scanCommand(command, flags) {
  const signals = { SIGINT: 130, SIGTERM: 143 };
  const onSignal = (sig) => {
    process.stderr.write(`
keysentry: interrupted by ${sig}; no report written
`);
    process.exit(signals[sig]);
  };
  for (const sig of Object.keys(signals)) process.on(sig, onSignal);
  const cwd = process.cwd();
  const named = (command === "staged" ? flags.files : flags.paths) ?? [];
  const paths = [...named, ...flags._.slice(1).map(String)].map((p) => p === STDIN_ARG ? "-" : p);
  if (command === "history" && paths.length) throw new UserError(`history takes no paths (got ${JSON.stringify(paths[0])}); use --range or --since`);
  const root = await repoRoot(command === "scan" && paths[0] && paths[0] !== "-" ? paths[0] : cwd);
  const config = loadConfig(flags.config, root ?? cwd);
  const verifyOptions = flags.verify ? (await import("./chunk-N2PYYS6X.js")).resolveVerifyOptions(flags, process.env) : void 0;
  for (const file of [flags.output, flags.sarif, flags.writeBaseline]) if (file !== void 0) checkWritable(file);
  const progress = progressReporter(process.stderr);
  let report;
  try {
    report = await runScan({
      command,
      cwd,
      config,
      paths,
      noIgnore: !flags.ignore,
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
    const { verifyFindings } = await import("./chunk-N2PYYS6X.js");
    await verifyFindings(report.findings, verifyOptions);
  }
  for (const sig of Object.keys(signals)) process.off(sig, onSignal);
  const { loadReporter } = await import("./chunk-ZSUNUSAT.js");
  const repo = command === "scan" && root ? { root, cwd: realpathSync2(cwd) } : void 0;
  const advice = report.findings.length ? (await import("./chunk-GO2QHCUG.js")).scanAdvice(command, report.findings, { root, named: paths.length > 0, env: process.env }) : void 0;
  const options = { showSecrets: flags.showSecrets, command, toolVersion: version(), repo, advice };
  const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
  if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets });
  else process.stdout.write(text);
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter("sarif"))(report, { ...options, color: false }));
  const { scrub } = await import("./chunk-P4SDT6PY.js");
  if (flags.format !== "console" || flags.output) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${redactKeys(scrub(w, report.findings))}
`);
  }
  if (flags.writeBaseline) {
    const { makeBaseline } = await import("./chunk-OQ7TCFFV.js");
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}
`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}
`);
    return EXIT_CLEAN;
  }
  return exitCode(report.findings, flags.failOn);
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
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FINDINGS,
  exitCode,
  main,
  version
};
