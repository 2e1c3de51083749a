// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  useColor
} from "./chunk-VXHW6RXS.js";
import {
  summaryLine,
  writeAtomic,
  writeStdout
} from "./chunk-BQ3XYH55.js";
import {
  EXIT_CLEAN,
  EXIT_FINDINGS
} from "./chunk-FT72KRSL.js";
import {
  version
} from "./chunk-IPGXTP6X.js";

// src/cli/deliver.ts
async function deliverReport(report, flags, context) {
  const code = context.code ?? exitCode(report.findings, flags.failOn);
  const { loadReporter } = await import("./chunk-OVSIRWTZ.js");
  const sealKey = flags.format === "json" ? (await import("./chunk-UPDRIUC5.js")).sealKeyFrom(process.env) : void 0;
  const options = {
    showSecrets: flags.showSecrets === true,
    command: context.command,
    toolVersion: version(),
    repo: context.repo,
    advice: context.advice,
    sealKey
  };
  const quietConsole = flags.quiet && flags.format === "console" && !flags.output;
  if (flags.output || !quietConsole) {
    const text = (await loadReporter(flags.format))(report, { ...options, color: !flags.output && useColor() });
    if (flags.output) writeAtomic(flags.output, text, { secret: flags.showSecrets === true });
    else await writeStdout(text, code);
  } else if (report.findings.length) {
    await writeStdout(`${summaryLine(report)}
`, code);
  }
  if (flags.sarif) writeAtomic(flags.sarif, (await loadReporter("sarif"))(report, { ...options, sealKey: void 0, color: false }));
  const { scrub } = await import("./chunk-LLSE3OUS.js");
  if ((flags.format !== "console" || flags.output) && !flags.quiet) {
    for (const w of report.warnings) process.stderr.write(`keysentry: warning: ${scrub(w, report.findings)}
`);
  }
  if (flags.output && !flags.quiet) {
    process.stderr.write(`keysentry: ${summaryLine(report)}; report written to ${flags.output}${context.note ?? ""}
`);
  }
  return code;
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
  deliverReport
};
