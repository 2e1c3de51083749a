// A baseline records findings a team has accepted (fingerprint + path, never the secret), so a
// scanner can be turned on in an old repository and fail only on new leaks.
import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';
import { redactKeys } from './redact.js';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  path: string;
  ruleId: string;
}

export interface Baseline {
  version: number;
  tool: 'keysentry';
  findings: BaselineEntry[];
}

// Paths are stored with any key in them redacted (a cache folder named after a key), and compared so.
const keyOf = (e: { fingerprint: string; path: string }) => `${e.fingerprint}\0${redactKeys(e.path)}`;

export function makeBaseline(findings: Finding[]): Baseline {
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings) seen.set(keyOf(f), { fingerprint: f.fingerprint, path: redactKeys(f.path), ruleId: f.ruleId });
  const entries = [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: BASELINE_VERSION, tool: 'keysentry', findings: entries };
}

/** Returns a predicate that is true for findings the baseline already accepts. */
export function loadBaseline(file: string): (f: Finding) => boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UserError(`cannot read baseline ${file}: ${why}`);
  }
  const b = raw as Partial<Baseline>;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.findings) || typeof b.version !== 'number') {
    throw new UserError(`baseline ${file} is not a keysentry baseline (expected { "version": 1, "findings": [...] })`);
  }
  if (b.version > BASELINE_VERSION) {
    throw new UserError(`baseline ${file} has version ${b.version}; this keysentry reads version ${BASELINE_VERSION}: upgrade keysentry`);
  }
  const known = new Set<string>();
  for (const e of b.findings) {
    if (typeof e?.fingerprint !== 'string' || typeof e?.path !== 'string') {
      throw new UserError(`baseline ${file}: every entry needs "fingerprint" and "path"`);
    }
    known.add(keyOf(e));
  }
  return (f) => known.has(keyOf(f));
}
