// Running and timing processes: wall time from spawn to the last byte of output and the exit.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

function collect(stream) {
  const parts = [];
  let bytes = 0;
  stream.on('data', (d) => {
    parts.push(d);
    bytes += d.length;
  });
  return () => Buffer.concat(parts, bytes);
}

/** Runs one command; resolves with its wall time, exit code and output. */
export async function run(cmd, args, { cwd, env }) {
  const started = performance.now();
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const [code, signal] = await once(child, 'close');
  return { ms: performance.now() - started, code: code ?? signal, stdout: stdout(), stderr: stderr().toString('utf8') };
}

/** `first | second`, connected by a pipe between the two processes: nothing passes through node. */
export async function pipeline([cmd1, args1], [cmd2, args2], { cwd, env }) {
  const started = performance.now();
  const first = spawn(cmd1, args1, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const second = spawn(cmd2, args2, { cwd, env, stdio: [first.stdout, 'pipe', 'pipe'] });
  first.stdout.destroy();
  const stdout = collect(second.stdout);
  const stderr1 = collect(first.stderr);
  const stderr2 = collect(second.stderr);
  const [[code1], [code2]] = await Promise.all([once(first, 'close'), once(second, 'close')]);
  return {
    ms: performance.now() - started,
    code: code1 === 0 ? code2 : code1,
    stdout: stdout(),
    stderr: `${stderr1().toString('utf8')}${stderr2().toString('utf8')}`,
  };
}

/** How many bytes a command writes: the input size a pipeline's throughput is measured against. */
export async function outputBytes(cmd, args, { cwd, env }) {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  child.stdout.on('data', (d) => (bytes += d.length));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
  return bytes;
}

// GNU time reports the peak resident set of the largest single process among the command and the
// children it waited for (the kernel's wait4 accounting): keysentry or any git it started.
const TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

/**
 * Runs node with the peak-memory probe preloaded; returns the run and the probe's record: node's
 * own peak (maxRssKb) and, where GNU time is installed, the largest process's (largestRssKb).
 */
export async function runProbed(nodeArgs, { cwd, env, probeFile }) {
  rmSync(probeFile, { force: true });
  const timeFile = `${probeFile}.time`;
  rmSync(timeFile, { force: true });
  const node = [process.execPath, '--require', PROBE, ...nodeArgs];
  const [cmd, ...args] = TIME ? [TIME, '-f', '%M', '-o', timeFile, ...node] : node;
  const result = await run(cmd, args, { cwd, env: { ...env, KEYSENTRY_BENCH_PROBE: probeFile } });
  const probe = existsSync(probeFile) ? JSON.parse(readFileSync(probeFile, 'utf8')) : undefined;
  if (probe && TIME && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) probe.largestRssKb = kb;
  }
  return { ...result, probe };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs one command under GNU time: its wall time and the CPU time (user + system) of the command
 * and every child it waited for (git's processes under keysentry's node), where GNU time is
 * installed; cpuMs is undefined elsewhere.
 */
export async function runCpu(cmd, args, { cwd, env, scratch }) {
  if (!TIME) return { ...(await run(cmd, args, { cwd, env })), cpuMs: undefined };
  rmSync(scratch, { force: true });
  const result = await run(TIME, ['-f', '%U %S', '-o', scratch, cmd, ...args], { cwd, env });
  const [user, system] = readFileSync(scratch, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ...result, cpuMs: (user + system) * 1000 };
}
