// `keysentry scan | staged | history`: one pipeline run, one report, one exit code.
import { realpathSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { UserError } from '../errors.js';
import { runScan, type Command } from '../scan.js';
import type { Finding, Report } from '../types.js';
import type { Format } from './args.js';
import { useColor } from './color.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit.js';
import { version } from './version.js';
import { checkWritable, summaryLine, writeAtomic, writeStdout } from './output.js';
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
  const code = flags.writeBaseline ? EXIT_CLEAN : exitCode(report.findings, flags.failOn);

  const { loadReporter } = await import('../report/load.js');
  // A tree scan reports paths from where it ran; SARIF needs them from the repository root.
  const repo = command === 'scan' && root ? { root, cwd: realpathSync(cwd) } : undefined;
  // Where the keys are and which hook ran decide the advice (see src/report/remedy.ts).
  const advice = report.findings.length
    ? await (await import('./advice.js')).scanAdvice(command, report.findings, { root, named: paths.length > 0, env: process.env, config })
    : undefined;
  const options = { showSecrets: flags.showSecrets, command, toolVersion: version(), repo, advice };
  // --quiet on the console: the summary alone, and nothing at all when there is nothing to say.
  const quietConsole = flags.quiet && flags.format === 'console' && !flags.output;
  if (flags.output || !quietConsole) {
    const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
    if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets });
    else await writeStdout(text, code);
  } else if (report.findings.length) {
    await writeStdout(`${summaryLine(report)}\n`, code);
  }
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter('sarif'))(report, { ...options, color: false }));
  const { scrub } = await import('../report/status.js');
  // The console report on stdout shows its warnings itself; every other output gets them here.
  if ((flags.format !== 'console' || flags.output) && !flags.quiet) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${scrub(w, report.findings)}\n`);
  }
  if (flags.output && !flags.quiet) process.stderr.write(`keysentry: ${summaryLine(report)}; report written to ${flags.output}\n`);

  if (flags.writeBaseline) {
    const { makeBaseline } = await import('../baseline.js');
    writeAtomic(flags.writeBaseline, `${JSON.stringify(makeBaseline(report.findings), null, 2)}\n`);
    process.stderr.write(`keysentry: wrote ${report.findings.length} finding(s) to baseline ${flags.writeBaseline}\n`);
  }
  return code;
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
