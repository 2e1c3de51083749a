import { COMMIT_MESSAGE_PATH, type Confidence, type Finding } from '../types.js';
import { statusOf, type Status } from './status.js';

// A key that works is the emergency; one with no balance or a rate limit still authenticates,
// so whoever holds it can use it once it is topped up. A key nobody checked and one whose check
// gave no answer tell us the same thing — it may be live — so they share a rank. A key the
// provider rejected is the least urgent: it only needs cleaning up.
const STATUS_RANK: Record<Status, number> = {
  live: 0,
  quota_exhausted: 1,
  rate_limited: 2,
  unverified: 3,
  unknown: 3,
  invalid: 4,
};

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/**
 * Lower is more serious: the verification status first (live, quota_exhausted, rate_limited,
 * unverified = unknown, invalid), then the rule's confidence (high, medium, low) within a status.
 * GitHub shows only the first 10 error annotations of a step and keeps the first results of a
 * capped SARIF run, so the order decides what a reader sees.
 */
export function severityOrder(finding: Finding): number {
  return STATUS_RANK[statusOf(finding)] * 3 + CONFIDENCE_RANK[finding.confidence];
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files in code-unit order (stable across locales), commit messages after every file. */
export function byLocation(a: Finding, b: Finding): number {
  return (
    compare(a.repository ?? '', b.repository ?? '') ||
    compare(Number(a.path === COMMIT_MESSAGE_PATH), Number(b.path === COMMIT_MESSAGE_PATH)) ||
    compare(a.path, b.path) ||
    compare(a.line, b.line) ||
    compare(a.column, b.column) ||
    compare(a.offset, b.offset) ||
    compare(a.commit?.date ?? '', b.commit?.date ?? '') ||
    compare(a.commit?.sha ?? '', b.commit?.sha ?? '')
  );
}

/** Most serious first; location breaks ties so the output does not depend on scan order. */
export function bySeverity(a: Finding, b: Finding): number {
  return severityOrder(a) - severityOrder(b) || byLocation(a, b);
}
