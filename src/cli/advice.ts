// The advice context of a scan: which hook ran it, and, for a staged scan of named files (what the
// pre-commit framework passes, and all tracked files under `pre-commit run --all-files`), which
// keys HEAD already holds: those are committed already, and get the history advice.
import type { Config } from '../config.js';
import { adviceFor, committedKey, type Advice } from '../report/remedy.js';
import { buildDetector } from '../scan.js';
import type { Finding } from '../types.js';

export async function scanAdvice(
  command: 'scan' | 'staged' | 'history',
  findings: readonly Finding[],
  options: { root?: string; named: boolean; env: Record<string, string | undefined>; config: Config },
): Promise<Advice> {
  const advice = adviceFor(command, options.env);
  if (command !== 'staged' || !options.named || !options.root || findings.length === 0) return advice;
  // HEAD's version of each file is searched as the scan searched the index, so a key HEAD holds
  // encoded (base64, percent, UTF-16) is recognised as committed too.
  const { headChunks } = await import('../sources/history.js');
  const detector = await buildDetector(options.config);
  const atHead = new Set<string>();
  for await (const chunk of headChunks(options.root, new Set(findings.map((f) => f.path)))) {
    for (const f of detector.detect(chunk)) atHead.add(committedKey(f.path, f.fingerprint));
  }
  const committed = new Set(findings.map((f) => committedKey(f.path, f.fingerprint)).filter((key) => atHead.has(key)));
  return committed.size ? { ...advice, committed } : advice;
}
