// The command line, read once from one table: what each command takes, how it is parsed, how its
// help reads and how a mistake is worded. node:util's parseArgs does the tokenising, so a
// pre-commit hook pays no parser start-up, and every command and every error goes the same way.
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  choices?: readonly string[];
  default?: string | boolean;
  /** What the value is, for the help text: FILE, URL, REV. */
  value?: string;
  describe: string;
}

export interface CommandSpec {
  summary: string;
  /** The positional part of the usage line, e.g. "[PATH...]"; none when the command takes none. */
  positionals?: string;
  options: Record<string, OptionSpec>;
}

export const FORMATS = ['console', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The options every scanning command takes. */
const REPORT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', short: 'f', choices: FORMATS, default: 'console', describe: 'report format' },
  output: { type: 'string', short: 'o', value: 'FILE', describe: 'write the report to FILE instead of stdout (one summary line goes to stderr)' },
  sarif: { type: 'string', value: 'FILE', describe: 'also write a SARIF 2.1.0 report to FILE' },
  config: { type: 'string', value: 'FILE', describe: 'config file (default: .keysentry.json at the repository root)' },
  baseline: { type: 'string', value: 'FILE', describe: 'do not report findings recorded in this baseline FILE' },
  'write-baseline': { type: 'string', value: 'FILE', describe: 'record the findings in a baseline FILE (fingerprints, never secrets) and exit 0' },
  'show-secrets': { type: 'boolean', default: false, describe: 'print full keys in reports (never in SARIF)' },
  quiet: { type: 'boolean', short: 'q', default: false, describe: 'console: print nothing when clean, only the one-line summary otherwise' },
  verify: { type: 'boolean', default: false, describe: 'ask each provider whether found keys are live (sends keys to the provider only)' },
  'fail-on': { type: 'string', choices: ['any', 'live'], default: 'any', describe: 'exit 1 on any finding, or only on keys not verified invalid' },
  'openai-base-url': { type: 'string', value: 'URL', describe: 'OpenAI API host root for --verify (a proxy, or a test server)' },
  'deepseek-base-url': { type: 'string', value: 'URL', describe: 'DeepSeek API host root for --verify (a proxy, or a test server)' },
};

export const COMMANDS = {
  scan: {
    summary: 'scan files and directories (default .; - reads stdin)',
    positionals: '[PATH...]',
    options: {
      ...REPORT_OPTIONS,
      ignore: { type: 'boolean', default: true, describe: 'honour .gitignore (--no-ignore scans everything but .git/)' },
    },
  },
  staged: {
    summary: 'scan what is staged for the next commit (the pre-commit hook)',
    positionals: '[FILE...]',
    options: REPORT_OPTIONS,
  },
  history: {
    summary: 'scan every commit of the repository',
    options: {
      ...REPORT_OPTIONS,
      range: { type: 'string', value: 'A..B', describe: 'only the commits in A..B' },
      since: { type: 'string', value: 'REV', describe: 'only the commits after REV (REV..HEAD)' },
      shard: {
        type: 'string',
        value: 'I/N',
        describe: 'scan share I of N of the whole history (one runner each; exits 0: keysentry merge reports them together)',
      },
    },
  },
  merge: {
    summary: 'merge history reports (--format json) of shards and of many repositories into one report',
    positionals: 'REPORT.json|DIR...',
    options: {
      format: REPORT_OPTIONS.format!,
      output: REPORT_OPTIONS.output!,
      sarif: REPORT_OPTIONS.sarif!,
      quiet: REPORT_OPTIONS.quiet!,
      verify: {
        type: 'boolean',
        default: false,
        describe: `check each distinct key once, for every report (needs the reports' keys, sealed with the KEYSENTRY_SEAL_KEY secret)`,
      },
      'fail-on': REPORT_OPTIONS['fail-on']!,
      'openai-base-url': REPORT_OPTIONS['openai-base-url']!,
      'deepseek-base-url': REPORT_OPTIONS['deepseek-base-url']!,
    },
  },
  verify: {
    summary: 'find keys in text on stdin (keys, .env lines, JSON, a curl command) and check each: live, out of balance, or dead?',
    options: {
      format: { type: 'string', short: 'f', choices: ['console', 'json'], default: 'console', describe: 'result format' },
      'openai-base-url': REPORT_OPTIONS['openai-base-url']!,
      'deepseek-base-url': REPORT_OPTIONS['deepseek-base-url']!,
    },
  },
  init: {
    summary: 'install the pre-commit hook (husky if present, else .git/hooks)',
    options: {
      force: { type: 'boolean', default: false, describe: 'move aside a hook keysentry did not write (it still runs, after the check)' },
      'pre-push': { type: 'boolean', default: false, describe: 'install the pre-push hook instead: it scans the commits being pushed' },
    },
  },
  'pre-push': {
    summary: "what git's pre-push hook runs (keysentry init --pre-push): scans the commits being pushed, read from git's ref lines on stdin",
    positionals: '[REMOTE] [URL]',
    options: {},
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

const HELP: OptionSpec = { type: 'boolean', short: 'h', describe: 'show this help' };

export type Parsed =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandName; flags: Record<string, string | boolean | undefined>; positionals: string[] };

/**
 * Reads argv into a command, its flags (camelCased, defaults filled in) and its positionals.
 * Every mistake is a UserError whose one line names the flag as typed and, for a choice, the
 * values it takes.
 */
export function parseCommandLine(argv: readonly string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UserError(`name a command: ${names()}; see keysentry --help`);
  if (first === '-h' || first === '--help') return { kind: 'help', text: mainHelp() };
  if (first === '--version' || first === '-V') return { kind: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help', text: mainHelp() };
    return { kind: 'help', text: commandHelp(commandNamed(topic)) };
  }
  if (first.startsWith('-')) throw new UserError(`name a command before options (got ${JSON.stringify(first)}): ${names()}; see keysentry --help`);
  const command = commandNamed(first);
  const spec: CommandSpec = COMMANDS[command];
  const { args, negated } = booleanValues(rest, spec.options);

  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    throw new UserError(wordParseError(e as Error & { code?: string }, command, rest));
  }
  if (parsed.values.help) return { kind: 'help', text: commandHelp(command) };

  const flags: Record<string, string | boolean | undefined> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    let value = negated.has(name) ? false : parsed.values[name];
    if (negated.has(name) && parsed.values[name] !== undefined) {
      throw new UserError(`--${name} and --no-${name} contradict each other`);
    }
    if (o.type === 'string' && value !== undefined) {
      if (value === '') throw new UserError(`--${name} needs a value, not an empty string`);
      if (o.choices && !o.choices.includes(value as string)) {
        throw new UserError(`--${name} must be one of ${o.choices.join(', ')} (got ${JSON.stringify(value)})`);
      }
    }
    value ??= o.default;
    flags[camel(name)] = value;
  }
  return { kind: 'run', command, flags, positionals: parsed.positionals };
}

/**
 * `--flag=true`, `--flag=false` and `--no-flag` for boolean options, which parseArgs (Node 20)
 * knows nothing of; any other value (`--verify=maybe`) is refused rather than read as false.
 */
function booleanValues(argv: readonly string[], table: Record<string, OptionSpec>): { args: string[]; negated: Set<string> } {
  const args: string[] = [];
  const negated = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const m = /^--(no-)?([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[2];
    const option = name === undefined ? undefined : table[name];
    if (!m || !option || option.type !== 'boolean') {
      // `--no-X` for a non-boolean X, or an unknown flag: parseArgs words it.
      args.push(arg);
      continue;
    }
    const value = m[3];
    if (value !== undefined && value !== 'true' && value !== 'false') {
      throw new UserError(`--${m[1] ?? ''}${name} takes no value, or true or false (got ${JSON.stringify(value)})`);
    }
    const on = (m[1] === undefined) === (value !== 'false');
    if (on) args.push(`--${name}`);
    else negated.add(name!);
  }
  return { args, negated };
}

function wordParseError(e: Error & { code?: string }, command: CommandName, argv: readonly string[]): string {
  const hint = `see keysentry ${command} --help`;
  const quoted = /'(-[^']*)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      // The flag as the user typed it, once (with its =value cut off: it may be a key).
      const typed = argv.find((a) => quoted !== undefined && (a === quoted || a.startsWith(`${quoted}=`))) ?? quoted ?? '?';
      const flag = typed.split('=')[0]!;
      const negated = flag.startsWith('--no-') && Object.hasOwn(COMMANDS[command].options, flag.slice(5));
      if (negated) return `${flag}: only on/off options can be negated, and --${flag.slice(5)} takes a value; ${hint}`;
      return `unknown option ${flag} for keysentry ${command}; ${hint}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /(--[\w-]+)/.exec(e.message)?.[1] ?? 'an option';
      if (/does not take an argument/.test(e.message)) return `${name} takes no value; ${hint}`;
      return `${name} needs a value; ${hint}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `keysentry ${command} takes no arguments; ${hint}`;
    default:
      return `${e.message.split('\n')[0]}; ${hint}`;
  }
}

function commandNamed(name: string): CommandName {
  if (Object.hasOwn(COMMANDS, name)) return name as CommandName;
  throw new UserError(`unknown command ${JSON.stringify(name)}: the commands are ${names()}`);
}

const names = () => Object.keys(COMMANDS).join(', ');
const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = [
    'Usage: keysentry <command> [options]',
    '',
    'Finds OpenAI and DeepSeek API keys before they leak through git.',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (keysentry <command> --help for a command\'s options)',
    '  -V, --version  show the version',
    '',
    'Exit codes: 0 clean, 1 findings, 2 usage or runtime error, 130/143 interrupted.',
  ];
  return `${lines.join('\n')}\n`;
}

export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = COMMANDS[command];
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '    ';
    const value = o.choices ? ` ${o.choices.join('|')}` : o.value ? ` ${o.value}` : '';
    const negation = o.type === 'boolean' && o.default === true ? `, --no-${name}` : '';
    const fallback = o.default !== undefined && o.type === 'string' ? ` (default: ${o.default})` : '';
    return [`  ${short}--${name}${value}${negation}`, `${o.describe}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [
    `Usage: keysentry ${command}${spec.positionals ? ` ${spec.positionals}` : ''} [options]`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([left, right]) => `${left.padEnd(width)}  ${right}`),
  ];
  return `${lines.join('\n')}\n`;
}
