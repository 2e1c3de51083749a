// Runs the committed action bundle the way the GitHub runner does: `node bundle/action.js` in the
// workspace, inputs as INPUT_<NAME> variables (defaults from action.yml), the event payload in a
// file, outputs and the job summary written to files the test then reads.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitEnv, tempDir } from '../support/repo.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUNDLE = join(PROJECT_ROOT, 'bundle', 'action.js');

/** action.yml's input defaults, as the runner passes them when a workflow leaves an input out. */
export function actionDefaults(): Record<string, string> {
  const yml = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');
  const inputs = /^inputs:\n((?: {2}.*\n|\n)*)/m.exec(yml)?.[1] ?? '';
  const defaults: Record<string, string> = {};
  let name = '';
  for (const line of inputs.split('\n')) {
    const input = /^ {2}([\w-]+):\s*$/.exec(line);
    if (input) name = input[1]!;
    const value = /^ {4}default:\s*(.*)$/.exec(line);
    if (value && name) defaults[name] = value[1]!.replace(/^'(.*)'$/, '$1');
  }
  return defaults;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error …::…` workflow commands, in order. */
  errors: string[];
  /** The `::warning …::…` workflow commands, in order. */
  warnings: string[];
}

export interface RunOptions {
  workspace: string;
  event: string;
  payload?: unknown;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

/** Asynchronous, so a stand-in provider served by the test process can answer the action. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const runner = tempDir('keysentry-runner-');
  const files = {
    event: join(runner, 'event.json'),
    output: join(runner, 'output'),
    summary: join(runner, 'summary.md'),
  };
  writeFileSync(files.event, JSON.stringify(options.payload ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');

  // Nothing of the machine running the tests (which may itself be a runner) leaks into the action.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(gitEnv).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|KEYSENTRY_)/.test(k)),
  );
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...options.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runner,
    ...options.env,
  });
  const child = spawn(process.execPath, [BUNDLE], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const result: ActionRun = {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    errors: commands(stdout).filter((l) => l.startsWith('::error')),
    warnings: commands(stdout).filter((l) => l.startsWith('::warning')),
  };
  rmSync(runner, { recursive: true, force: true });
  return result;
}

/** The lines the runner reads as workflow commands: none between ::stop-commands::T and ::T::. */
export function commands(stdout: string): string[] {
  const out: string[] = [];
  let stopped: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stopped) {
      if (line === `::${stopped}::`) stopped = undefined;
    } else if (line.startsWith('::stop-commands::')) stopped = line.slice('::stop-commands::'.length);
    else if (line.startsWith('::')) out.push(line);
  }
  return out;
}

/** GITHUB_OUTPUT's heredoc form: `name<<DELIMITER`, the value, `DELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/** A workflow command's message, decoded as the runner decodes it. */
export function commandMessage(line: string): string {
  return line.replace(/^::[^:]*::/, '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** A workflow command's properties (file, line, col, endColumn, title), decoded. */
export function commandProperties(line: string): Record<string, string> {
  // Property values have ':' escaped, so the first '::' ends them.
  const props = /^::\w+ ([^:]*)::/.exec(line)?.[1] ?? '';
  const decode = (v: string) =>
    v.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  return Object.fromEntries(
    props
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), decode(kv.slice(kv.indexOf('=') + 1))]),
  );
}
