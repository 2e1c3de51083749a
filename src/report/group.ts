// Grouping by key: a key in 30 files is one key to rotate. A view over the findings, computed
// once, read by the console report, the JSON `keys` and the Action's job summary; findings stay
// one per place everywhere else (SARIF and annotations need a location per result).
import type { Confidence, Finding, Provider, Verification } from '../types.js';
import { byLocation, severityOrder } from './order.js';
import { remedy } from './remedy.js';

export interface KeyGroup {
  fingerprint: string;
  redacted: string;
  provider: Provider;
  ruleId: string;
  /** The surest of its places: a key one rule saw with context and another without is that sure. */
  confidence: Confidence;
  verification?: Verification;
  /** The most serious of its findings, which the fields above describe: what advice is given for. */
  lead: Finding;
  /** Every place the key was found, in location order. */
  places: Finding[];
}

/**
 * One group per fingerprint, most serious key first: live, quota exhausted, rate limited,
 * unverified or unknown, invalid; then confidence; then where it was first seen.
 */
export function groupByKey(findings: readonly Finding[]): KeyGroup[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of [...findings].sort(byLocation)) {
    const places = byKey.get(f.fingerprint);
    if (places) places.push(f);
    else byKey.set(f.fingerprint, [f]);
  }
  const groups: KeyGroup[] = [];
  for (const [fingerprint, places] of byKey) {
    let lead = places[0]!;
    for (const f of places) if (severityOrder(f) < severityOrder(lead)) lead = f;
    groups.push({
      fingerprint,
      redacted: lead.redacted,
      provider: lead.provider,
      ruleId: lead.ruleId,
      confidence: lead.confidence,
      ...(lead.verification ? { verification: lead.verification } : {}),
      lead,
      places,
    });
  }
  return groups.sort((a, b) => severityOrder(a.lead) - severityOrder(b.lead) || byLocation(a.places[0]!, b.places[0]!));
}

/**
 * What to do about a key, said once per key. The one call of the advice for a group, so the
 * advice can change (where the key was caught, which hook ran) in one place.
 */
export function keyAdvice(group: KeyGroup): string {
  return remedy(group.lead);
}
