import { COMMIT_MESSAGE_PATH, type Finding } from '../types.js';
import { findingContext } from './context.js';
import { bySeverity } from './order.js';
import { remedy } from './remedy.js';
import type { Reporter } from './reporter.js';
import { statusLabel, statusOf, statusText } from './status.js';

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
  // A commit message or stdin has no file in the checkout to attach to.
  if (f.path !== COMMIT_MESSAGE_PATH && f.path !== '-') {
    properties.push(`file=${escapeProperty(f.path)}`);
    // Line and column mean little in a binary file; its byte offset goes in the message.
    if (!f.binary) properties.push(`line=${f.line}`, `col=${f.column}`, `endColumn=${f.endColumn}`);
  }
  properties.push(`title=${escapeProperty(`${f.description} (${statusLabel(f)})`)}`);

  const message = `${f.redacted} (${f.provider}, rule ${f.ruleId}): ${statusText(f)}${findingContext(f)}.\n${remedy(f)}`;
  return `::${statusOf(f) === 'invalid' ? 'warning' : 'error'} ${properties.join(',')}::${escapeData(message)}`;
}

/**
 * GitHub Actions workflow commands, one per finding and nothing else, most serious first:
 * a step shows only its first 10 error annotations.
 */
export const githubReporter: Reporter = (report) =>
  [...report.findings]
    .sort(bySeverity)
    .map((f) => `${annotation(f)}\n`)
    .join('');
