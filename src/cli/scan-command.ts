// `keysentry scan | staged | history`: one pipeline run, one report, one exit code.
import { realpathSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { UserError } from '../errors.js';
import { runScan, type Command } from '../scan.js';
import type { Report } from '../types.js';
import type { Format } from './args.js';
import { deliverReport } from './deliver.js';
import { EXIT_CLEAN } from './exit.js';
import { checkWritable, writeAtomic } from './output.js';
import { parseShard } from './shard.js';
import { progressReporter } from './progress.js';
import { repoRoot } from './root.js';
import { onInterrupt } from './signals.js';

export interface ScanFlags {
  format: Format;
  output?: string;
  sarif?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  showSecrets: boolean;
  quiet: boolean;
  ignore?: boolean;
  verify: boolean;
  failOn: 'any' | 'live';
  openaiBaseUrl?: string;
  deepseekBaseUrl?: string;
  range?: string;
  since?: string;
  shard?: string;
}

export async function scanCommand(command: Command, flags: ScanFlags, paths: string[]): Promise<number> {
  // Ctrl-C or a CI timeout: stop without writing anything that could pass for a complete report.
  const interrupted = onInterrupt();
  try {
    return await run(command, flags, paths);
  } finally {
    interrupted.off();
  }
}

async function run(command: Command, flags: ScanFlags, paths: string[]): Promise<number> {
  const cwd = process.cwd();
  if (command === 'history' && paths.length) throw new UserError(`history takes no paths (got ${JSON.stringify(paths[0])}); use --range or --since`);
  if (flags.range !== undefined && flags.since !== undefined) throw new UserError('--range and --since cannot be used together');
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard, flags);
  const root = await repoRoot(command === 'scan' && paths[0] && paths[0] !== '-' ? paths[0] : cwd);
  const config = await loadConfig(flags.config, root ?? cwd);
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
      noIgnore: flags.ignore === false,
      range: flags.range,
      since: flags.since,
      ...(shard && { shard }),
      baseline: flags.baseline,
      onProgress: progress.update,
      ...((command === 'staged' || command === 'history') && root && { root }),
      identify: flags.format === 'json',
    });
  } finally {
    progress.done();
  }
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import('../verify/index.js');
    await verifyFindings(report.findings, verifyOptions);
  }
  // A tree scan reports paths from where it ran; SARIF needs them from the repository root.
  const repo = command === 'scan' && root ? { root, cwd: realpathSync(cwd) } : undefined;
  // Where the keys are and which hook ran decide the advice (see src/report/remedy.ts).
  const advice = report.findings.length
    ? await (await import('./advice.js')).scanAdvice(command, report.findings, { root, named: paths.length > 0, env: process.env, config })
    : undefined;
  // A shard's findings are a share of the answer: the merge of every shard decides the exit code.
  const code = await deliverReport(report, flags, {
    command,
    repo,
    advice,
    ...((flags.writeBaseline !== undefined || shard) && { code: EXIT_CLEAN }),
    ...(shard && { note: ` (shard ${shard.index}/${shard.count}: keysentry merge reports the whole history)` }),
  });

  if (flags.writeBaseline) {
    const { makeBaseline } = await import('../baseline.js');
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}\n`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}\n`);
  }
  return code;
}
