import { COMMIT_MESSAGE_PATH, type Finding } from '../types.js';
import { findingContext } from './context.js';
import { bySeverity } from './order.js';
import { remedy } from './remedy.js';
import type { Reporter } from './reporter.js';
import { safe, scrub, statusLabel, statusOf, statusText } from './status.js';

// Annotations never carry finding.secret, not even with --show-secrets: they are stored on the
// check run, where everyone who can read the repository sees them after the log is gone.

/** Escaping for the message of a workflow command, as the runner decodes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at ',' and the properties at '::'. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const properties: string[] = [];
  // A commit message or stdin has no file in the checkout to attach to, nor has another repository.
  if (f.path !== COMMIT_MESSAGE_PATH && f.path !== '-' && f.repository === undefined) {
    properties.push(`file=${escapeProperty(safe(f.path))}`);
    // Line and column mean little in a binary file; its byte offset goes in the message.
    if (!f.binary) properties.push(`line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`);
  }
  properties.push(`title=${escapeProperty(safe(`${f.description} (${statusLabel(f)})`))}`);

  // The context names the commit's author: text from the repository, like the path.
  const place = f.repository === undefined ? '' : ` at ${f.path}${f.binary ? '' : `:${f.line}:${f.column}`}`;
  const message = safe(`${f.redacted} (${f.provider}, rule ${f.ruleId})${place}: ${statusText(f)}${findingContext(f)}.\n${remedy(f)}`);
  return `::${statusOf(f) === 'invalid' ? 'warning' : 'error'} ${properties.join(',')}::${escapeData(message)}`;
}

/**
 * A warning is what the scan could not look at (a shallow clone's missing history, an unreadable
 * file): in a plain `run:` step stderr is only in the log, so it becomes an annotation as well,
 * or a partial scan would look like a clean one on the run's page.
 */
function warning(text: string): string {
  return `::warning title=${escapeProperty('keysentry warning')}::${escapeData(text)}`;
}

/**
 * GitHub Actions workflow commands and nothing else: one per finding, most serious first (a
 * step shows only its first 10 error annotations), then one per warning of the scan.
 */
export const githubReporter: Reporter = function* (report) {
  for (const f of [...report.findings].sort(bySeverity)) yield `${annotation(f)}\n`;
  for (const w of report.warnings) yield `${warning(scrub(w, report.findings))}\n`;
};
