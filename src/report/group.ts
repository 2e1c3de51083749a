// Grouping by key: a key in 30 files is one key to rotate. A view over the findings, computed
// once, read by the console report, the JSON `keys` and the Action's job summary; findings stay
// one per place everywhere else (SARIF and annotations need a location per result).
import type { Confidence, Finding, Provider, Verification } from '../types.js';
import { byLocation, severityOrder } from './order.js';
import { remedyFor, type Advice } from './remedy.js';

/**
 * One distinct key and every place it was found. Its fields are its lead finding's (the most
 * serious of its places), read through, not copied: 100,000 keys each cost two references.
 */
export class KeyGroup {
  constructor(
    /** The most serious of its findings (then the first): what the key is reported as. */
    readonly lead: Finding,
    /** Every place the key was found, in location order. */
    readonly places: readonly Finding[],
  ) {}

  get fingerprint(): string {
    return this.lead.fingerprint;
  }
  get redacted(): string {
    return this.lead.redacted;
  }
  get provider(): Provider {
    return this.lead.provider;
  }
  get ruleId(): string {
    return this.lead.ruleId;
  }
  /** The surest among its most serious places: a key one rule saw with context is that sure. */
  get confidence(): Confidence {
    return this.lead.confidence;
  }
  get verification(): Verification | undefined {
    return this.lead.verification;
  }
}

const byKeyThenLocation = (a: Finding, b: Finding) =>
  a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : byLocation(a, b);

/**
 * One group per fingerprint, most serious key first: live, quota exhausted, rate limited,
 * unverified or unknown, invalid; then confidence; then where it was first seen.
 */
export function groupByKey(findings: readonly Finding[]): KeyGroup[] {
  // Sorted, a key's places lie side by side: no map of 100,000 entries to build and drop.
  const sorted = [...findings].sort(byKeyThenLocation);
  const groups: KeyGroup[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    let lead = sorted[start]!;
    for (; end < sorted.length && sorted[end]!.fingerprint === lead.fingerprint; end++) {
      if (severityOrder(sorted[end]!) < severityOrder(lead)) lead = sorted[end]!;
    }
    groups.push(new KeyGroup(lead, sorted.slice(start, end)));
    start = end;
  }
  return groups.sort((a, b) => severityOrder(a.lead) - severityOrder(b.lead) || byLocation(a.places[0]!, b.places[0]!));
}

/**
 * What to do about a key, said once per key. The one call of the advice for a group, so the
 * advice can change (where the key was caught, which hook ran) in one place.
 */
export function keyAdvice(group: KeyGroup, advice: Advice = { place: 'pushed' }): string[] {
  // Places of one key can differ (staged in one file, already committed in another): each
  // distinct piece of advice once.
  return [...new Set(group.places.map(remedyFor(advice)))];
}
