// Whether the step fails, and the one message that says why.
import type { Finding, VerifyStatus } from '../types.js';
import type { FailOn } from './inputs.js';

// The provider accepted the key: out of balance or rate limited, it still authenticates, and a
// top-up or a minute's wait makes it spendable again.
const ACCEPTED: ReadonlySet<VerifyStatus> = new Set(['live', 'quota_exhausted', 'rate_limited']);

/** Distinct keys the provider accepted: the credentials to revoke first. */
export function liveKeys(findings: readonly Finding[]): number {
  return keys(findings.filter((f) => f.verification && ACCEPTED.has(f.verification.status)));
}

function keys(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => f.fingerprint)).size;
}

/** "1 key", "2 keys". */
export function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * The failure message, or undefined when the step passes. fail-on live passes only when every key
 * is verified invalid: a key nobody checked, or whose check failed, may be live, so it fails closed.
 */
export function failure(findings: readonly Finding[], failOn: FailOn): string | undefined {
  if (!findings.length) return undefined;
  const live = liveKeys(findings);
  const accepted = live ? `, ${live} accepted by the provider` : '';
  if (failOn === 'any') {
    return `keysentry found ${count(keys(findings), 'key')} (${count(findings.length, 'finding')}${accepted}). Revoke and rotate each key, then remove it from git history.`;
  }
  const credentials = findings.filter((f) => f.verification?.status !== 'invalid');
  if (!credentials.length) return undefined;
  const unsure = keys(credentials.filter((f) => !f.verification || f.verification.status === 'unknown'));
  const why = unsure ? `; ${count(unsure, 'key')} could not be verified and count as live` : '';
  return `keysentry found ${count(keys(credentials), 'key')} that may be live${accepted}${why}. Revoke and rotate each, then remove it from git history (fail-on: live passes only when every key is verified invalid).`;
}
