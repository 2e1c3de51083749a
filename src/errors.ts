import { redactKeys } from './redact.js';

/**
 * A mistake the user can fix (bad flag, not a repository, malformed config): the CLI prints its
 * message as one line and exits 2, never a stack trace. Anything else reaching the top is a bug,
 * and is still reported as one line.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/**
 * The one line the CLI prints for an error: its lines joined (a message cut at its first newline
 * can stop before the part that says what is wrong), with keys redacted.
 */
export function errorLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const line = message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') || 'unknown error';
  return redactKeys(e instanceof UserError ? line : `internal error: ${line}`);
}
