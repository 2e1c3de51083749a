import { redact } from './detect/secret.js';

/**
 * A mistake the user can fix (bad flag, not a repository, malformed config): the CLI prints its
 * message as one line and exits 2, never a stack trace. Anything else reaching the top is a bug,
 * and is still reported as one line.
 */
export class UserError extends Error {
  override name = 'UserError';
}

// Assembled so this file holds no key-shaped literal for the repository's own secret hooks.
const MARKER = ['T3Bl', 'bkFJ'].join('');
// A key pasted where a path, revision, URL or flag was expected comes back in the error about it,
// possibly camel-cased (dashes dropped, characters kept) by whatever echoes it.
const KEYISH = new RegExp(`sk-[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]*${MARKER}[A-Za-z0-9_-]*|sk[A-Z][A-Za-z0-9]{24,}`, 'g');

/** Replaces anything shaped like a key by its prefix and last four characters. */
export function redactKeys(text: string): string {
  return text.replace(KEYISH, (key) => redact(key));
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
