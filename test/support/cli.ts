// Runs the built CLI the way a user does: a real process, real stdin/stdout, real exit code.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gitEnv } from './repo.js';

export const BIN = fileURLToPath(new URL('../../bin/keysentry.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = { cwd: process.cwd() },
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...gitEnv, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface CliOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (the suite may run as root, for whom file modes deny nothing). */
  uid?: number;
  gid?: number;
  /** Extra node flags, e.g. --import of a probe. */
  nodeArgs?: string[];
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts the CLI without blocking this process, so a stand-in provider served by the test can
 * answer it, or a test can signal it while it runs.
 */
export function startCli(args: string[], options: CliOptions): RunningCli {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: { ...gitEnv, NO_COLOR: '1', ...options.env },
    uid: options.uid,
    gid: options.gid,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.on('error', () => {}); // a CLI that exits before reading its input
  child.stdin!.end(options.input ?? '');
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export async function runCliAsync(args: string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).done;
}
