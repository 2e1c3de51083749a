// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  writeStdout
} from "./chunk-BQ3XYH55.js";
import {
  EXIT_CLEAN,
  EXIT_ERROR
} from "./chunk-FT72KRSL.js";
import {
  version
} from "./chunk-IPGXTP6X.js";
import {
  UserError,
  errorLine
} from "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
var FORMATS = ["console", "json", "sarif", "github"];
var REPORT_OPTIONS = {
  format: { type: "string", short: "f", choices: FORMATS, default: "console", describe: "report format" },
  output: { type: "string", short: "o", value: "FILE", describe: "write the report to FILE instead of stdout (one summary line goes to stderr)" },
  sarif: { type: "string", value: "FILE", describe: "also write a SARIF 2.1.0 report to FILE" },
  config: { type: "string", value: "FILE", describe: "config file (default: .keysentry.json at the repository root)" },
  baseline: { type: "string", value: "FILE", describe: "do not report findings recorded in this baseline FILE" },
  "write-baseline": { type: "string", value: "FILE", describe: "record the findings in a baseline FILE (fingerprints, never secrets) and exit 0" },
  "show-secrets": { type: "boolean", default: false, describe: "print full keys in reports (never in SARIF)" },
  quiet: { type: "boolean", short: "q", default: false, describe: "console: print nothing when clean, only the one-line summary otherwise" },
  verify: { type: "boolean", default: false, describe: "ask each provider whether found keys are live (sends keys to the provider only)" },
  "fail-on": { type: "string", choices: ["any", "live"], default: "any", describe: "exit 1 on any finding, or only on keys not verified invalid" },
  "openai-base-url": { type: "string", value: "URL", describe: "OpenAI API host root for --verify (a proxy, or a test server)" },
  "deepseek-base-url": { type: "string", value: "URL", describe: "DeepSeek API host root for --verify (a proxy, or a test server)" }
};
var COMMANDS = {
  scan: {
    summary: "scan files and directories (default .; - reads stdin)",
    positionals: "[PATH...]",
    options: {
      ...REPORT_OPTIONS,
      ignore: { type: "boolean", default: true, describe: "honour .gitignore (--no-ignore scans everything but .git/)" }
    }
  },
  staged: {
    summary: "scan what is staged for the next commit (the pre-commit hook)",
    positionals: "[FILE...]",
    options: REPORT_OPTIONS
  },
  history: {
    summary: "scan every commit of the repository",
    options: {
      ...REPORT_OPTIONS,
      range: { type: "string", value: "A..B", describe: "only the commits in A..B" },
      since: { type: "string", value: "REV", describe: "only the commits after REV (REV..HEAD)" },
      shard: {
        type: "string",
        value: "I/N",
        describe: "scan share I of N of the whole history (one runner each; exits 0: keysentry merge reports them together)"
      }
    }
  },
  merge: {
    summary: "merge history reports (--format json) of shards and of many repositories into one report",
    positionals: "REPORT.json|DIR...",
    options: {
      format: REPORT_OPTIONS.format,
      output: REPORT_OPTIONS.output,
      sarif: REPORT_OPTIONS.sarif,
      quiet: REPORT_OPTIONS.quiet,
      verify: {
        type: "boolean",
        default: false,
        describe: `check each distinct key once, for every report (needs the reports' keys, sealed with the KEYSENTRY_SEAL_KEY secret)`
      },
      "fail-on": REPORT_OPTIONS["fail-on"],
      "openai-base-url": REPORT_OPTIONS["openai-base-url"],
      "deepseek-base-url": REPORT_OPTIONS["deepseek-base-url"]
    }
  },
  verify: {
    summary: "find keys in text on stdin (keys, .env lines, JSON, a curl command) and check each: live, out of balance, or dead?",
    options: {
      format: { type: "string", short: "f", choices: ["console", "json"], default: "console", describe: "result format" },
      "openai-base-url": REPORT_OPTIONS["openai-base-url"],
      "deepseek-base-url": REPORT_OPTIONS["deepseek-base-url"]
    }
  },
  init: {
    summary: "install the pre-commit hook (husky if present, else .git/hooks)",
    options: {
      force: { type: "boolean", default: false, describe: "move aside a hook keysentry did not write (it still runs, after the check)" },
      "pre-push": { type: "boolean", default: false, describe: "install the pre-push hook instead: it scans the commits being pushed" }
    }
  },
  "pre-push": {
    summary: "what git's pre-push hook runs (keysentry init --pre-push): scans the commits being pushed, read from git's ref lines on stdin",
    positionals: "[REMOTE] [URL]",
    options: {}
  }
};
var HELP = { type: "boolean", short: "h", describe: "show this help" };
function parseCommandLine(argv) {
  const [first, ...rest] = argv;
  if (first === void 0) throw new UserError(`name a command: ${names()}; see keysentry --help`);
  if (first === "-h" || first === "--help") return { kind: "help", text: mainHelp() };
  if (first === "--version" || first === "-V") return { kind: "version" };
  if (first === "help") {
    const topic = rest[0];
    if (topic === void 0) return { kind: "help", text: mainHelp() };
    return { kind: "help", text: commandHelp(commandNamed(topic)) };
  }
  if (first.startsWith("-")) throw new UserError(`name a command before options (got ${JSON.stringify(first)}): ${names()}; see keysentry --help`);
  const command = commandNamed(first);
  const spec = COMMANDS[command];
  const { args, negated } = booleanValues(rest, spec.options);
  const options = { help: { type: "boolean", short: "h" } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(wordParseError(e, command, rest));
  }
  if (parsed.values.help) return { kind: "help", text: commandHelp(command) };
  const flags = {};
  for (const [name, o] of Object.entries(spec.options)) {
    let value = negated.has(name) ? false : parsed.values[name];
    if (negated.has(name) && parsed.values[name] !== void 0) {
      throw new UserError(`--${name} and --no-${name} contradict each other`);
    }
    if (o.type === "string" && value !== void 0) {
      if (value === "") throw new UserError(`--${name} needs a value, not an empty string`);
      if (o.choices && !o.choices.includes(value)) {
        throw new UserError(`--${name} must be one of ${o.choices.join(", ")} (got ${JSON.stringify(value)})`);
      }
    }
    value ??= o.default;
    flags[camel(name)] = value;
  }
  return { kind: "run", command, flags, positionals: parsed.positionals };
}
function booleanValues(argv, table) {
  const args = [];
  const negated = /* @__PURE__ */ new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      args.push(...argv.slice(i));
      break;
    }
    const m = /^--(no-)?([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[2];
    const option = name === void 0 ? void 0 : table[name];
    if (!m || !option || option.type !== "boolean") {
      args.push(arg);
      continue;
    }
    const value = m[3];
    if (value !== void 0 && value !== "true" && value !== "false") {
      throw new UserError(`--${m[1] ?? ""}${name} takes no value, or true or false (got ${JSON.stringify(value)})`);
    }
    const on = m[1] === void 0 === (value !== "false");
    if (on) args.push(`--${name}`);
    else negated.add(name);
  }
  return { args, negated };
}
function wordParseError(e, command, argv) {
  const hint = `see keysentry ${command} --help`;
  const quoted = /'(-[^']*)'/.exec(e.message)?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const typed = argv.find((a) => quoted !== void 0 && (a === quoted || a.startsWith(`${quoted}=`))) ?? quoted ?? "?";
      const flag = typed.split("=")[0];
      const negated = flag.startsWith("--no-") && Object.hasOwn(COMMANDS[command].options, flag.slice(5));
      if (negated) return `${flag}: only on/off options can be negated, and --${flag.slice(5)} takes a value; ${hint}`;
      return `unknown option ${flag} for keysentry ${command}; ${hint}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = /(--[\w-]+)/.exec(e.message)?.[1] ?? "an option";
      if (/does not take an argument/.test(e.message)) return `${name} takes no value; ${hint}`;
      return `${name} needs a value; ${hint}`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `keysentry ${command} takes no arguments; ${hint}`;
    default:
      return `${e.message.split("\n")[0]}; ${hint}`;
  }
}
function commandNamed(name) {
  if (Object.hasOwn(COMMANDS, name)) return name;
  throw new UserError(`unknown command ${JSON.stringify(name)}: the commands are ${names()}`);
}
var names = () => Object.keys(COMMANDS).join(", ");
var camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = [
    "Usage: keysentry <command> [options]",
    "",
    "Finds OpenAI and DeepSeek API keys before they leak through git.",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    "",
    "Options:",
    "  -h, --help     show help (keysentry <command> --help for a command's options)",
    "  -V, --version  show the version",
    "",
    "Exit codes: 0 clean, 1 findings, 2 usage or runtime error, 130/143 interrupted."
  ];
  return `${lines.join("\n")}
`;
}
function commandHelp(command) {
  const spec = COMMANDS[command];
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    const value = o.choices ? ` ${o.choices.join("|")}` : o.value ? ` ${o.value}` : "";
    const negation = o.type === "boolean" && o.default === true ? `, --no-${name}` : "";
    const fallback = o.default !== void 0 && o.type === "string" ? ` (default: ${o.default})` : "";
    return [`  ${short}--${name}${value}${negation}`, `${o.describe}${fallback}`];
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [
    `Usage: keysentry ${command}${spec.positionals ? ` ${spec.positionals}` : ""} [options]`,
    "",
    `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`,
    "",
    "Options:",
    ...rows.map(([left, right]) => `${left.padEnd(width)}  ${right}`)
  ];
  return `${lines.join("\n")}
`;
}

// src/cli/main.ts
async function main(argv) {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === "help") return await writeStdout(parsed.text, EXIT_CLEAN);
    if (parsed.kind === "version") return await writeStdout(`${version()}
`, EXIT_CLEAN);
    const { command, flags, positionals } = parsed;
    switch (command) {
      case "scan":
      case "staged":
      case "history": {
        const { scanCommand } = await import("./chunk-MQTZPP5O.js");
        return await scanCommand(command, flags, positionals);
      }
      case "merge": {
        const { mergeCommand } = await import("./chunk-W6ZYHNVJ.js");
        return await mergeCommand(flags, positionals);
      }
      case "verify": {
        if (positionals.length) {
          throw new UserError("keysentry verify reads keys from stdin only, one per line (e.g. `pbpaste | keysentry verify`), never from arguments");
        }
        const { verifyCommand } = await import("./chunk-PUEIZCYD.js");
        return await verifyCommand(flags);
      }
      case "init": {
        if (positionals.length) throw new UserError(`keysentry init takes no arguments (got ${JSON.stringify(positionals[0])})`);
        const { runInit } = await import("./chunk-7WQI6U6Z.js");
        return await runInit(process.cwd(), { force: flags.force === true, prePush: flags.prePush === true }, process.stdout);
      }
      case "pre-push": {
        const { prePushCommand } = await import("./chunk-ZLHVYB7N.js");
        return await prePushCommand(positionals, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
      }
    }
  } catch (e) {
    process.stderr.write(`keysentry: ${errorLine(e)}
`);
    return EXIT_ERROR;
  }
}
export {
  main
};
