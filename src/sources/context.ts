import type { ScanContext } from '../types.js';

/** A ScanContext that keeps what sources report, for the Report at the end of the scan. */
export interface CollectingContext extends ScanContext {
  warnings: string[];
}

export function createContext(): CollectingContext {
  const stats = { files: 0, bytes: 0, skipped: {} as Record<string, number>, durationMs: 0 };
  const warnings: string[] = [];
  return {
    stats,
    warnings,
    warn(message) {
      warnings.push(message);
    },
    // Counts only: a tree can skip thousands of files for one reason, and the report says why,
    // not which; anything the user must act on comes through warn().
    skip(reason) {
      stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
    },
  };
}
