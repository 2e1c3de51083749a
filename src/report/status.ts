import { redactKeys } from '../redact.js';
import type { Finding, VerifyStatus } from '../types.js';

/** What is known about a key: the provider's answer, or 'unverified' when nobody asked. */
export type Status = VerifyStatus | 'unverified';

export function statusOf(finding: Finding): Status {
  return finding.verification?.status ?? 'unverified';
}

const LABELS: Record<Status, string> = {
  live: 'live',
  quota_exhausted: 'quota exhausted',
  rate_limited: 'rate limited',
  unverified: 'not verified',
  unknown: 'unknown',
  invalid: 'invalid',
};

export function statusLabel(finding: Finding): string {
  return LABELS[statusOf(finding)];
}

/** "live (balance $4.20)": the label and, when the check said more, why. */
export function statusText(finding: Finding): string {
  const detail = finding.verification?.detail ? scrub(finding.verification.detail, [finding]) : '';
  return detail ? `${statusLabel(finding)} (${detail})` : statusLabel(finding);
}

/**
 * Replaces each finding's key by its redacted form. Provider replies and warnings are text we
 * did not write: an error message may quote the key it rejected.
 */
export function scrub(text: string, findings: readonly Finding[]): string {
  let out = text;
  for (const f of findings) if (f.secret && out.includes(f.secret)) out = out.replaceAll(f.secret, f.redacted);
  // And any key-shaped text no finding names: a key in a file name shows up in a warning.
  return redactKeys(out);
}

/**
 * Text from the repository that leaves the process (a path, an author's name): a directory named
 * after a key (a cache folder) must not put the key in a report, an annotation or a summary.
 */
export function safe(text: string): string {
  return redactKeys(text);
}
