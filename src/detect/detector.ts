// The detect stage: chunk in, findings out. Plain keys, base64 and percent-encoded keys, located
// and filtered by the chunk's added lines and the inline allow marker.
import type { Chunk, Finding } from '../types.js';
import { base64Needles, findBase64Keys, findPercentKeys } from './encoded.js';
import { attribute, compileRules, findKeys, type Attribution, type CompiledRule } from './engine.js';
import { Locator } from './locate.js';
import type { Rule } from './rules.js';
import { fingerprint, redact } from './secret.js';
import { snippetOf } from './snippet.js';

export interface Detector {
  detect(chunk: Chunk): Finding[];
}

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  encoding?: string;
  /** Set by decoders from the decoded text; otherwise the chunk's text around the key decides. */
  attribution?: Attribution;
  /** Where the characters encoding the key start, when [start, end) is a whole base64 token. */
  keyStart?: number;
}

export function createDetector(rules: Rule[]): Detector {
  const engine = compileRules(rules);
  const needles = base64Needles(engine);
  return {
    detect(chunk) {
      const { data } = chunk;
      const candidates: Candidate[] = findKeys(data, engine);
      if (chunk.decodedFrom) for (const candidate of candidates) candidate.encoding = chunk.decodedFrom;
      const plainAt = new Map(candidates.map((candidate, index) => [candidate.start, index]));
      for (const match of findPercentKeys(data, engine)) {
        const index = plainAt.get(match.start);
        // The same key seen by the plain scan, which is right unless an escape inside the key
        // (sk-proj-…%2D…) cut its plain match short.
        if (index === undefined) candidates.push(match);
        else if (match.secret.length > candidates[index]!.secret.length) candidates[index] = match;
      }
      for (const match of findBase64Keys(data, engine, needles)) {
        // A token running into a cut edge of a long line has its true start or end in a
        // neighbouring chunk: it is located at the key's own characters, which both chunks see.
        const cut = (match.start === 0 && chunk.ownFrom !== undefined) || (match.end === data.length && chunk.ownTo !== undefined);
        candidates.push(cut ? { ...match, start: match.keyStart, end: match.keyEnd } : match);
      }
      if (candidates.length === 0) return [];
      candidates.sort((a, b) => a.start - b.start);

      const locator = new Locator(data, chunk);
      const findings: Finding[] = [];
      for (const candidate of candidates) {
        // A line cut with an overlap: a key starting in a neighbour's part is whole there and
        // reported there. A base64 token may start far before its key: the key's own characters decide.
        const own = candidate.keyStart ?? candidate.start;
        if (own >= (chunk.ownTo ?? Infinity) || own < (chunk.ownFrom ?? 0)) continue;
        const place = locator.locate(candidate.start, candidate.end);
        if (place.allowed || (chunk.added && !chunk.added.has(place.line))) continue;
        const { rule, context } = candidate.rule;
        const said = candidate.attribution ?? attribute(data, candidate.start, candidate.end, candidate.rule);
        const other = said && 'other' in said ? said.other : undefined;
        const finding: Finding = {
          ruleId: rule.id,
          // A shape several issuers share, next to another issuer's name: not this rule's
          // provider's key, and not to be sent to it by --verify.
          provider: other ? 'unknown' : rule.provider,
          description: other ? `${context!.others!.description}; context names ${other}` : rule.description,
          secret: candidate.secret,
          fingerprint: fingerprint(candidate.secret),
          redacted: redact(candidate.secret),
          path: chunk.path,
          line: place.line,
          column: place.column,
          endColumn: place.endColumn,
          offset: chunk.offset + candidate.start * (chunk.stride ?? 1),
          confidence: other ? 'low' : said && context ? context.confidence : rule.confidence,
        };
        if (candidate.encoding) finding.encoding = candidate.encoding;
        if (chunk.binary) finding.binary = true;
        else finding.snippet = snippetOf(data, candidate, candidates, chunk.column > 0);
        if (chunk.commit) finding.commit = chunk.commit;
        findings.push(finding);
      }
      return findings;
    },
  };
}
