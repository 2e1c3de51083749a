// Where a finished report goes: the chosen format to stdout or a file, SARIF beside it, the
// warnings and one summary line on stderr, and the exit code. Shared by every command that
// reports findings (scan, staged, history, merge), so each writes and exits the same way.
import type { Finding, Report } from '../types.js';
import type { Format } from './args.js';
import { useColor } from './color.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from './exit.js';
import { summaryLine, writeAtomic, writeStdout } from './output.js';
import { version } from './version.js';
import type { Advice } from '../report/remedy.js';
import type { ReportOptions } from '../report/reporter.js';

export interface DeliverFlags {
  format: Format;
  output?: string;
  sarif?: string;
  showSecrets?: boolean;
  quiet: boolean;
  failOn: 'any' | 'live';
}

export interface DeliverContext {
  command: ReportOptions['command'];
  repo?: ReportOptions['repo'];
  advice?: Advice;
  /** The exit code whatever was found (a baseline written, a shard's share of a merge). */
  code?: number;
  /** After the summary line: what a partial report is for. */
  note?: string;
}

/** Writes the report as the flags ask and resolves to the run's exit code. */
export async function deliverReport(report: Report, flags: DeliverFlags, context: DeliverContext): Promise<number> {
  const code = context.code ?? exitCode(report.findings, flags.failOn);
  const { loadReporter } = await import('../report/load.js');
  // Only JSON carries keys sealed (for a merge that verifies them).
  const sealKey = flags.format === 'json' ? (await import('../report/seal.js')).sealKeyFrom(process.env) : undefined;
  const options = {
    showSecrets: flags.showSecrets === true,
    command: context.command,
    toolVersion: version(),
    repo: context.repo,
    advice: context.advice,
    sealKey,
  };
  // --quiet on the console: the summary alone, and nothing at all when there is nothing to say.
  const quietConsole = flags.quiet && flags.format === 'console' && !flags.output;
  if (flags.output || !quietConsole) {
    const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
    if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets === true });
    else await writeStdout(text, code);
  } else if (report.findings.length) {
    await writeStdout(`${summaryLine(report)}\n`, code);
  }
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter('sarif'))(report, { ...options, sealKey: undefined, color: false }));
  const { scrub } = await import('../report/status.js');
  // The console report on stdout shows its warnings itself; every other output gets them here.
  if ((flags.format !== 'console' || flags.output) && !flags.quiet) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${scrub(w, report.findings)}\n`);
  }
  if (flags.output && !flags.quiet) {
    process.stderr.write(`keysentry: ${summaryLine(report)}; report written to ${flags.output}${context.note ?? ''}\n`);
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
