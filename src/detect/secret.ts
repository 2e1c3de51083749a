import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256: identifies a key across files, commits and runs without storing it. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

// Part of detect's API (verify and the tests redact through it); its home is ../redact.js, on the
// ground floor, which errors.ts shares without importing detect.
export { redact } from '../redact.js';
