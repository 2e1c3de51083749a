// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  byLocation,
  severityOrder
} from "./chunk-NMP3B3QA.js";
import {
  remedyFor
} from "./chunk-ZMLIUL2B.js";

// src/report/group.ts
var KeyGroup = class {
  constructor(lead, places) {
    this.lead = lead;
    this.places = places;
  }
  lead;
  places;
  get fingerprint() {
    return this.lead.fingerprint;
  }
  get redacted() {
    return this.lead.redacted;
  }
  get provider() {
    return this.lead.provider;
  }
  get ruleId() {
    return this.lead.ruleId;
  }
  /** The surest among its most serious places: a key one rule saw with context is that sure. */
  get confidence() {
    return this.lead.confidence;
  }
  get verification() {
    return this.lead.verification;
  }
};
var byKeyThenLocation = (a, b) => a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : byLocation(a, b);
function groupByKey(findings) {
  const sorted = [...findings].sort(byKeyThenLocation);
  const groups = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    let lead = sorted[start];
    for (; end < sorted.length && sorted[end].fingerprint === lead.fingerprint; end++) {
      if (severityOrder(sorted[end]) < severityOrder(lead)) lead = sorted[end];
    }
    groups.push(new KeyGroup(lead, sorted.slice(start, end)));
    start = end;
  }
  return groups.sort((a, b) => severityOrder(a.lead) - severityOrder(b.lead) || byLocation(a.places[0], b.places[0]));
}
function keyAdvice(group, advice = { place: "pushed" }) {
  return [...new Set(group.places.map(remedyFor(advice)))];
}

export {
  groupByKey,
  keyAdvice
};
