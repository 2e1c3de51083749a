import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256: identifies a key across files, commits and runs without storing it. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

// The type prefix tells a reader which kind of key leaked; the last 4 let them match it
// against the provider's key list. Everything between stays hidden.
const PREFIX = /^sk-(?:proj-|svcacct-|admin-|None-)?/;

export function redact(secret: string): string {
  const prefix = PREFIX.exec(secret)?.[0] ?? secret.slice(0, 3);
  return `${prefix}…${secret.slice(-4)}`;
}
