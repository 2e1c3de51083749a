// The findings of one run, each once: what a scan keeps of the detector's matches, and what a
// merge of shard reports keeps of theirs, by the same rule, so both give the same report.
import type { Finding } from './types.js';

/**
 * Drops the copies a finding can have: the same match seen twice where a source cut a long line
 * with an overlap, and, in history, the same key at the same path in every later commit that
 * still holds it. A history key is reported once per path (and repository, in a merge), at the
 * first commit (parents first) that put it there: every place to clean, each once.
 */
export class Findings {
  private byKey = new Map<string, Finding>();

  constructor(private readonly oncePerPath: boolean) {}

  /** History sources yield parents before children: the first finding added is where it came in. */
  add(f: Finding): void {
    const key = this.oncePerPath
      ? `${f.repository ?? ''}\0${f.fingerprint}\0${f.path}`
      : `${f.path}\0${f.offset}\0${f.fingerprint}`;
    if (!this.byKey.has(key)) this.byKey.set(key, f);
  }

  list(): Finding[] {
    return [...this.byKey.values()].sort(inReportOrder);
  }
}

/**
 * A total order, so a report does not depend on the order its findings were found in (a merge
 * meets them shard by shard): repository, then commits oldest first (by date, then the log's
 * order), then what no commit holds (tags), then the place.
 */
export function inReportOrder(a: Finding, b: Finding): number {
  return (
    compare(a.repository ?? '', b.repository ?? '') ||
    compare(Number(!a.commit), Number(!b.commit)) ||
    time(a) - time(b) ||
    (a.commit?.position ?? 0) - (b.commit?.position ?? 0) ||
    compare(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    a.offset - b.offset ||
    compare(a.fingerprint, b.fingerprint)
  );
}

// Dates carry their author's zone offset, so they compare as instants, not as strings.
const time = (f: Finding) => (f.commit ? Date.parse(f.commit.date) : 0);

// Code-unit order: the same on every machine, whatever its locale.
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
