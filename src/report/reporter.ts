import type { Report } from '../types.js';
import type { Advice } from './remedy.js';

export interface ReportOptions {
  /** Print the full key. SARIF and GitHub annotations ignore it: both end up on a web page. */
  showSecrets: boolean;
  /** ANSI colour; the console reporter is the only one that draws. */
  color: boolean;
  /** The staged command gets the ways out of a blocked commit. */
  command: 'scan' | 'staged' | 'history';
  toolVersion: string;
  /** Where the keys are and which hook ran: decides the advice. Unset: what `command` implies. */
  advice?: Advice;
  /** JSON: seal each key with this AES key (see seal.ts), for a merge that verifies. */
  sealKey?: Buffer;
  /** SARIF results cap; GitHub rejects a run with more than 25,000. */
  maxResults?: number;
  /**
   * Where the report's paths start (cwd) and the repository's root, both absolute: SARIF URIs are
   * read by code scanning from the repository root, and a scan run from elsewhere (a subdirectory,
   * or a workspace holding the checkout) reports paths from where it ran. Unset: paths already
   * start at the root, as staged and history paths do.
   */
  repo?: { root: string; cwd: string };
}

/**
 * One format: the whole report in, the text to write out, in pieces. A report of 100,000
 * findings is tens of megabytes: built as one string (and the objects it is made from) it took
 * hundreds; written piece by piece as it is made, it takes almost nothing beyond the findings.
 */
export type Reporter = (report: Report, options: ReportOptions) => Iterable<string>;

/** The whole text at once, for outputs that are small by nature and for tests. */
export function render(pieces: Iterable<string>): string {
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}

export type Format = 'console' | 'json' | 'sarif' | 'github';
