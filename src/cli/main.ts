// The keysentry command: parses flags, runs one pipeline, prints one report, returns an exit code.
// 0 nothing found · 1 findings · 2 usage or runtime error (one line on stderr, never a stack trace).
import { readFileSync, realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Argv, Options } from 'yargs';
import { loadConfig } from '../config.js';
import { errorLine, redactKeys, UserError } from '../errors.js';
import { runScan, type Command } from '../scan.js';
import type { Finding, Report } from '../types.js';
import { checkWritable, writeAtomic, writeOut } from './output.js';
import { progressReporter } from './progress.js';
import { repoRoot } from './root.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const FORMATS = ['console', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface ScanFlags {
  /** The command name, then whatever came after `--`: names, even if they look like options. */
  _: (string | number)[];
  paths?: string[];
  files?: string[];
  format: Format;
  output?: string;
  sarif?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  showSecrets: boolean;
  ignore: boolean;
  verify: boolean;
  failOn: 'any' | 'live';
  openaiBaseUrl?: string;
  deepseekBaseUrl?: string;
  range?: string;
  since?: string;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

/**
 * The options every scanning command takes, once, for both parsers: yargs, and the lean one that
 * plain invocations take (see leanParse).
 */
const REPORT_OPTIONS = {
  format: { alias: 'f', type: 'string', choices: FORMATS, default: 'console', describe: 'report format' },
  output: { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' },
  sarif: { type: 'string', describe: 'also write a SARIF 2.1.0 report to FILE' },
  config: { type: 'string', describe: 'config file (default: .keysentry.json at the repo root)' },
  baseline: { type: 'string', describe: 'do not report findings recorded in this baseline FILE' },
  'write-baseline': { type: 'string', describe: 'record the findings in a baseline FILE (fingerprints, never secrets)' },
  'show-secrets': { type: 'boolean', default: false, describe: 'print full keys in reports (never in SARIF)' },
  verify: { type: 'boolean', default: false, describe: 'ask each provider whether found keys are live (sends keys to the provider only)' },
  'fail-on': { type: 'string', choices: ['any', 'live'], default: 'any', describe: 'exit 1 on any finding, or only on keys that are not verified invalid' },
  'openai-base-url': { type: 'string', describe: 'OpenAI API host root for --verify (proxy or tests)' },
  'deepseek-base-url': { type: 'string', describe: 'DeepSeek API host root for --verify (proxy or tests)' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; alias?: string; choices?: readonly string[]; default?: unknown; describe: string }>;

/** What each scanning command takes beyond REPORT_OPTIONS, in the same form. */
const COMMAND_OPTIONS = {
  scan: {
    ignore: { type: 'boolean', default: true, describe: 'honour .gitignore (--no-ignore scans everything but .git/)' },
  },
  staged: {},
  history: {
    range: { type: 'string', describe: 'only commits in A..B' },
    since: { type: 'string', describe: 'only commits after REV (REV..HEAD)' },
  },
} as const satisfies Record<Command, Record<string, { type: 'string' | 'boolean'; default?: unknown; describe: string }>>;

function optionsOf(command: Command) {
  return { ...REPORT_OPTIONS, ...COMMAND_OPTIONS[command] };
}

function commandOptions(command: Command) {
  return (y: Argv) => {
    // A string option given no value is an error, not an empty string that slips past `choices`.
    const options = Object.entries(optionsOf(command)).map(([name, o]) => [name, { ...o, requiresArg: o.type === 'string' }]);
    return y.options(Object.fromEntries(options) as Record<string, Options>);
  };
}

/**
 * A scanning command with plain options, parsed by node:util instead of yargs, whose start-up
 * alone (over 50 ms) costs most of a pre-commit hook's budget. Anything else (help, a typo, a bad
 * value, a negation this Node cannot parse) returns undefined, and yargs then parses it and words
 * the error: both read the same tables.
 */
function leanParse(argv: string[]): { command: Command; flags: ScanFlags } | undefined {
  const command = argv[0];
  if (command !== 'scan' && command !== 'staged' && command !== 'history') return undefined;
  const table: Record<string, { type: 'string' | 'boolean'; alias?: string; choices?: readonly string[]; default?: unknown }> =
    optionsOf(command);
  const options = Object.fromEntries(
    Object.entries(table).map(([name, o]) => [name, o.alias ? { type: o.type, short: o.alias } : { type: o.type }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), options, allowPositionals: true, allowNegative: true, strict: true } as never) as {
      values: Record<string, unknown>;
      positionals: string[];
    };
  } catch {
    return undefined;
  }
  const flags: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(table)) {
    const value = parsed.values[name] ?? o.default;
    if (o.choices && !o.choices.includes(value as string)) return undefined;
    if (o.type === 'string' && value === '') return undefined;
    flags[name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
  }
  if (command === 'history' && (parsed.positionals.length || (flags.range !== undefined && flags.since !== undefined))) {
    return undefined;
  }
  const named = command === 'scan' ? { paths: parsed.positionals } : command === 'staged' ? { files: parsed.positionals } : {};
  return { command, flags: { ...(flags as unknown as ScanFlags), ignore: flags.ignore !== false, ...named, _: [command] } };
}

// yargs re-parses variadic positionals as `--paths VALUE`, which turns a lone '-' (stdin) into
// nothing; a placeholder carries it through the parser.
const STDIN_ARG = '\u0000stdin';

export async function main(argv: string[]): Promise<number> {
  const lean = leanParse(argv);
  if (lean) {
    try {
      return await scanCommand(lean.command, lean.flags);
    } catch (e) {
      process.stderr.write(`keysentry: ${errorLine(e)}\n`);
      return EXIT_ERROR;
    }
  }
  const { default: yargs } = await import('yargs');
  argv = argv.map((a) => (a === '-' ? STDIN_ARG : a));
  let code = EXIT_CLEAN;
  const run = (command: Command) => async (flags: ScanFlags) => {
    code = await scanCommand(command, flags);
  };
  try {
    await yargs(argv)
      .scriptName('keysentry')
      .usage('$0 <command> [options]\n\nFinds OpenAI and DeepSeek API keys before they leak through git.')
      .command(
        'scan [paths..]',
        'scan files and directories (- for stdin)',
        commandOptions('scan'),
        run('scan') as never,
      )
      .command('staged [files..]', 'scan what is staged for the next commit (pre-commit hook)', commandOptions('staged'), run('staged') as never)
      .command(
        'history',
        'scan every commit of the repository',
        (y) => commandOptions('history')(y).conflicts('range', 'since'),
        run('history') as never,
      )
      .command(
        // [args..] only so that a key given as an argument is refused below, not echoed by yargs.
        'verify [args..]',
        'check keys read from stdin, one per line: live, out of balance, or dead?',
        (y) =>
          y
            .positional('args', { hidden: true, type: 'string', array: true })
            .option('format', { alias: 'f', choices: ['console', 'json'] as const, default: 'console' as const })
            .option('openai-base-url', { type: 'string' })
            .option('deepseek-base-url', { type: 'string' }),
        async (flags) => {
          if ((flags.args?.length ?? 0) > 0 || flags._.length > 1) {
            // A key on the command line lands in shell history and `ps`: do not take it, do not print it.
            throw new UserError('keysentry verify reads keys from stdin only, one per line (e.g. `pbpaste | keysentry verify`), never from arguments');
          }
          const { runVerifyCommand } = await import('./verify-command.js');
          const { resolveVerifyOptions } = await import('../verify/index.js');
          code = await runVerifyCommand(process.stdin, process.stdout, {
            format: flags.format,
            color: useColor(),
            verify: resolveVerifyOptions(flags, process.env),
          });
        },
      )
      .command(
        'init',
        'install the pre-commit hook (husky if present, else .git/hooks)',
        (y) => y.option('force', { type: 'boolean', default: false, describe: 'replace a pre-commit hook keysentry did not write' }),
        async (flags) => {
          const { runInit } = await import('./init.js');
          code = await runInit(process.cwd(), { force: flags.force }, process.stdout);
        },
      )
      .demandCommand(1, 'name a command: scan, staged, history, verify or init')
      .strict()
      .version(version())
      .help()
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        // yargs' own complaints (a missing value, an unknown flag) are the user's to fix.
        const usage = !err || err instanceof UserError || err.name === 'YError';
        throw usage ? new UserError(msg ?? err.message) : err;
      })
      .parseAsync();
  } catch (e) {
    process.stderr.write(`keysentry: ${errorLine(e)}\n`);
    return EXIT_ERROR;
  }
  return code;
}

function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

async function scanCommand(command: Command, flags: ScanFlags): Promise<number> {
  // Ctrl-C or a CI timeout: stop without writing anything that could pass for a complete report.
  const signals = { SIGINT: 130, SIGTERM: 143 } as const;
  const onSignal = (sig: NodeJS.Signals) => {
    process.stderr.write(`\nkeysentry: interrupted by ${sig}; no report written\n`);
    process.exit(signals[sig as keyof typeof signals]);
  };
  for (const sig of Object.keys(signals)) process.on(sig, onSignal);

  const cwd = process.cwd();
  const named = (command === 'staged' ? flags.files : flags.paths) ?? [];
  // `keysentry scan -- -rf` names a file called -rf; yargs leaves what follows `--` in `_`.
  const paths = [...named, ...flags._.slice(1).map(String)].map((p) => (p === STDIN_ARG ? '-' : p));
  if (command === 'history' && paths.length) throw new UserError(`history takes no paths (got ${JSON.stringify(paths[0])}); use --range or --since`);
  const root = await repoRoot(command === 'scan' && paths[0] && paths[0] !== '-' ? paths[0] : cwd);
  const config = loadConfig(flags.config, root ?? cwd);
  const verifyOptions = flags.verify
    ? (await import('../verify/index.js')).resolveVerifyOptions(flags, process.env)
    : undefined;
  // A long history scan should not end in "cannot write": say so before it starts.
  for (const file of [flags.output, flags.sarif, flags.writeBaseline]) if (file !== undefined) checkWritable(file);

  const progress = progressReporter(process.stderr);
  let report: Report;
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
      ...(command === 'staged' && root && { root }),
    });
  } finally {
    progress.done();
  }
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import('../verify/index.js');
    await verifyFindings(report.findings, verifyOptions);
  }
  for (const sig of Object.keys(signals)) process.off(sig, onSignal);

  const { loadReporter } = await import('../report/load.js');
  // A tree scan reports paths from where it ran; SARIF needs them from the repository root.
  const repo = command === 'scan' && root ? { root, cwd: realpathSync(cwd) } : undefined;
  const options = { showSecrets: flags.showSecrets, command, toolVersion: version(), repo };
  const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
  if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets });
  else writeOut(process.stdout, text);
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter('sarif'))(report, { ...options, color: false }));
  const { scrub } = await import('../report/status.js');
  // The console report on stdout shows its warnings itself; every other output gets them here.
  if (flags.format !== 'console' || flags.output) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${redactKeys(scrub(w, report.findings))}\n`);
  }

  if (flags.writeBaseline) {
    const { makeBaseline } = await import('../baseline.js');
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}\n`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}\n`);
    return EXIT_CLEAN;
  }
  return exitCode(report.findings, flags.failOn);
}

/**
 * --fail-on live passes only when every key is verified invalid. A key that was not verified, or
 * whose check failed, fails closed: nobody should learn "all clear" from a network error.
 */
export function exitCode(findings: Finding[], failOn: 'any' | 'live'): number {
  if (!findings.length) return EXIT_CLEAN;
  if (failOn === 'any') return EXIT_FINDINGS;
  const credentials = findings.filter((f) => f.verification?.status !== 'invalid');
  const unchecked = credentials.filter((f) => !f.verification || f.verification.status === 'unknown');
  if (unchecked.length) {
    process.stderr.write(
      `keysentry: ${unchecked.length} finding(s) could not be verified and are treated as live (--fail-on live fails closed)\n`,
    );
  }
  return credentials.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
