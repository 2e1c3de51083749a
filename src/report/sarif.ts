import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { COMMIT_MESSAGE_PATH, type Confidence, type Finding, type Provider, type Stats } from '../types.js';
import { findingContext } from './context.js';
import { byLocation, bySeverity } from './order.js';
import { keyPage, remedy, revokeRemedy } from './remedy.js';
import type { Reporter, ReportOptions } from './reporter.js';
import { jsonWithArray, mapped } from './pieces.js';
import { safe, scrub, statusOf, statusText } from './status.js';

// SARIF output never holds finding.secret, not even with --show-secrets: the file is uploaded to
// code scanning, where everyone who can read the repository sees it long after the run.

/** GitHub rejects a run with more results than this. */
export const GITHUB_MAX_RESULTS = 25_000;

const INFORMATION_URI = 'https://www.npmjs.com/package/keysentry';
const FILTER_REPO = 'https://github.com/newren/git-filter-repo';
const BFG = 'https://rtyley.github.io/bfg-repo-cleaner/';
const CWE_798 = 'external/cwe/cwe-798'; // use of hard-coded credentials

const PROVIDER_NAMES: Record<Provider, string> = { openai: 'OpenAI', deepseek: 'DeepSeek', unknown: 'API provider' };

// GitHub reads 9.0 and up as critical, 7.0-8.9 as high, 4.0-6.9 as medium.
const SECURITY_SEVERITY: Record<Confidence, string> = { high: '9.0', medium: '7.0', low: '4.0' };
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

// The slice of SARIF 2.1.0 this reporter writes.
interface Message {
  text: string;
  markdown?: string;
}
interface Region {
  startLine: number;
  startColumn: number;
  endColumn: number;
  byteOffset?: number;
  byteLength?: number;
}
interface Location {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string; description?: Message };
    region: Region;
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}
interface Rule {
  id: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  defaultConfiguration: { level: 'error' };
  properties: { tags: string[]; precision: Confidence; 'security-severity': string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: Message;
  locations: [Location];
  partialFingerprints: Record<string, string>;
  properties: Record<string, string | boolean>;
}
interface Notification {
  level: 'warning' | 'note';
  message: Message;
  descriptor?: { id: string };
}

/** A repository path as a relative URI reference: each segment percent-encoded, '/' kept. */
export function pathToUri(path: string): string {
  // encodeURIComponent throws on a lone surrogate; such a name cannot round-trip anyway.
  const wellFormed = path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return wellFormed.split('/').map(encodeURIComponent).join('/');
}

/** A commit message and stdin are not files of the repository: their pseudo-paths stay as they are. */
function isFile(f: Finding): boolean {
  return f.path !== COMMIT_MESSAGE_PATH && f.path !== '-';
}

/**
 * The path from the repository root, or undefined when it leads out of the repository (a scan of
 * a directory beside the checkout): such a file has no place in code scanning's tree.
 */
export function fromRepoRoot(path: string, repo: ReportOptions['repo']): string | undefined {
  if (!repo) return isAbsolute(path) ? undefined : path;
  const rel = relative(repo.root, resolve(repo.cwd, path));
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * GitHub matches alerts across runs on primaryLocationLineHash. Built from the key and the path,
 * not the line, so the same key stays one alert when lines move above it; the ":n" suffix (as
 * CodeQL does) keeps two copies of one key in one file two alerts.
 */
function lineHashes(findings: readonly Finding[], kept: ReadonlySet<Finding>, repo: ReportOptions['repo']): Map<Finding, string> {
  const hashes = new Map<Finding, string>();
  // Sorted by location, a path's findings are contiguous: the copies of a key are counted per
  // path, and only the results written get a hash (a capped run may keep 25,000 of 100,000).
  let path: string | undefined;
  let seen = new Map<string, number>();
  for (const f of [...findings].sort(byLocation)) {
    if (`${f.repository}\0${f.path}` !== path) {
      path = `${f.repository}\0${f.path}`;
      seen = new Map();
    }
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    if (!kept.has(f)) continue;
    // From the repository root, so a scan from a subdirectory and a history scan agree.
    const root = isFile(f) ? (fromRepoRoot(f.path, repo) ?? f.path) : f.path;
    const where = f.repository === undefined ? root : `${f.repository}\0${root}`;
    const id = createHash('sha256').update(`${f.fingerprint}\0${where}`).digest('hex').slice(0, 16);
    hashes.set(f, `${id}:${n}`);
  }
  return hashes;
}

const INVALID_HELP = 'If verification reports the key invalid, it no longer works: remove it from the code and from git history.';

function helpFor(f: Finding): Message {
  const page = keyPage(f);
  return {
    text: `${revokeRemedy(page)}\n${INVALID_HELP}`,
    markdown:
      `**Revoke the key** at ${page.startsWith('https://') ? `[${page}](${page})` : page} and rotate it, then purge it from git history with ` +
      `[git filter-repo](${FILTER_REPO}) or [BFG](${BFG}). A key with no balance is still a live ` +
      'credential: topping up revives it.\n\n' +
      INVALID_HELP.replace('invalid', '**invalid**'),
  };
}

/** One descriptor per rule that has a result; a rule's severity follows its most confident finding. */
function rulesFor(findings: readonly Finding[]): Rule[] {
  const rules = new Map<string, Rule>();
  for (const f of findings) {
    const known = rules.get(f.ruleId);
    if (known && CONFIDENCE_RANK[known.properties.precision] <= CONFIDENCE_RANK[f.confidence]) continue;
    const name = PROVIDER_NAMES[f.provider];
    rules.set(f.ruleId, {
      id: f.ruleId,
      shortDescription: { text: f.description },
      fullDescription: {
        text: `${f.description}. Anyone who can read the repository or its history can use a key committed to it, and spend on its owner's ${name} account.`,
      },
      help: helpFor(f),
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'secret', f.provider, CWE_798],
        precision: f.confidence,
        'security-severity': SECURITY_SEVERITY[f.confidence],
      },
    });
  }
  return [...rules.values()];
}

function location(f: Finding, repo: ReportOptions['repo']): Location {
  // A region may be text and binary at once when both describe the same bytes: GitHub needs
  // startLine to show anything, the byte range is what locates a key in a binary file. The match
  // is ASCII (a key, or its base64 or percent form), so its length in bytes is its length in columns.
  const region: Region = {
    startLine: f.line,
    startColumn: f.column,
    endColumn: f.endColumn,
    ...(f.binary ? { byteOffset: f.offset, byteLength: f.endColumn - f.column } : {}),
  };

  if (f.path === COMMIT_MESSAGE_PATH) {
    // Code scanning rejects the whole upload if a result has no artifact URI, so the commit
    // message gets the same pseudo-path the other formats print, which names no file in the tree,
    // and says what it is.
    const commit = f.commit ? `commit ${f.commit.sha}` : 'a commit';
    return {
      physicalLocation: {
        artifactLocation: {
          uri: pathToUri(COMMIT_MESSAGE_PATH),
          description: { text: `The message of ${commit}; not a file in the repository.` },
        },
        region,
      },
      logicalLocations: [{ name: 'message', fullyQualifiedName: `${commit} message`, kind: 'commit message' }],
    };
  }
  if (f.path === '-') {
    return {
      physicalLocation: { artifactLocation: { uri: '-', description: { text: 'Standard input.' } }, region },
    };
  }
  const path = fromRepoRoot(f.path, repo);
  if (path === undefined) {
    // Resolved from %SRCROOT% it would name another file; as given it still says where to look.
    return { physicalLocation: { artifactLocation: { uri: pathToUri(safe(f.path)), description: { text: 'Outside the repository.' } }, region } };
  }
  // A directory named after a key (a cache folder) must not put the key on code scanning's page.
  return { physicalLocation: { artifactLocation: { uri: pathToUri(safe(path)), uriBaseId: '%SRCROOT%' }, region } };
}

function messageFor(f: Finding): Message {
  return { text: safe(`${f.description} ${f.redacted} (${f.provider}): ${statusText(f)}${findingContext(f)}. ${remedy(f)}`) };
}

function propertiesFor(f: Finding): Record<string, string | boolean> {
  return {
    confidence: f.confidence,
    ...(f.repository !== undefined ? { repository: safe(f.repository) } : {}),
    ...(f.encoding ? { encoding: f.encoding } : {}),
    ...(f.commit ? { commit: f.commit.sha, author: safe(f.commit.author), date: f.commit.date } : {}),
    ...(f.atHead !== undefined ? { atHead: f.atHead } : {}),
    ...(f.verification
      ? {
          verificationStatus: f.verification.status,
          verificationDetail: scrub(f.verification.detail, [f]),
          verifiedAt: f.verification.checkedAt,
        }
      : {}),
  };
}

function notifications(stats: Stats, warnings: readonly string[], dropped: number, total: number, limit: number): Notification[] {
  const out: Notification[] = warnings.map((text) => ({ level: 'warning', message: { text } }));
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) {
    out.push({ level: 'note', message: { text: `Not scanned: ${skipped.map(([why, n]) => `${n} ${why}`).join(', ')}.` } });
  }
  if (dropped > 0) {
    out.push({
      level: 'warning',
      descriptor: { id: 'results-capped' },
      message: {
        text: `${dropped} of ${total} results were left out to stay within ${limit} results a run; the most serious were kept. Run keysentry with --format json to see them all.`,
      },
    });
  }
  return out;
}

/** SARIF 2.1.0 for GitHub code scanning. */
export const sarifReporter: Reporter = function* (report, options) {
  const limit = options.maxResults ?? GITHUB_MAX_RESULTS;
  const sorted = [...report.findings].sort(bySeverity);
  const kept = sorted.slice(0, limit);
  const hashes = lineHashes(report.findings, new Set(kept), options.repo);
  const rules = rulesFor(kept);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results = mapped(kept, (f): Result => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!, // rulesFor saw every kept finding
    level: statusOf(f) === 'invalid' ? 'warning' : 'error',
    message: messageFor(f),
    locations: [location(f, options.repo)],
    partialFingerprints: { primaryLocationLineHash: hashes.get(f)!, 'keysentry/v1': f.fingerprint },
    properties: propertiesFor(f),
  }));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'keysentry', version: options.toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            // The scan ran to the end; findings are its answer, not a failure.
            executionSuccessful: true,
            toolExecutionNotifications: notifications(
              report.stats,
              report.warnings.map((w) => scrub(w, report.findings)),
              sorted.length - kept.length,
              sorted.length,
              limit,
            ),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: RESULTS,
        properties: { command: options.command, stats: report.stats },
      },
    ],
  };
  // Up to 25,000 results: each written as it is made, not first gathered into one string.
  yield* jsonWithArray(log, RESULTS, results, 3);
};

/** Where the results go in the log: a string no other part of it holds. */
const RESULTS = '\u0000results';
