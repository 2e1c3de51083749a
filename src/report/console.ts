import { COMMIT_MESSAGE_PATH, type Finding, type Report, type Stats } from '../types.js';
import { groupByKey, keyAdvice, type KeyGroup } from './group.js';
import { adviceFor, waysOut, type Advice } from './remedy.js';
import type { Reporter } from './reporter.js';
import { safe, scrub, statusOf, statusText, type Status } from './status.js';

type Paint = (style: string, text: string) => string;

// SGR parameters; no dependency needed for six colours.
const BOLD = '1';
const DIM = '2';
const GREEN = '32';
const CYAN = '36';
const STATUS_STYLE: Record<Status, string> = {
  live: '1;31',
  quota_exhausted: '31',
  rate_limited: '31',
  unverified: '33',
  unknown: '33',
  invalid: '32',
};

function painter(color: boolean): Paint {
  return color ? (style, text) => `\x1b[${style}m${text}\x1b[0m` : (_style, text) => text;
}

/**
 * File names, commit authors and provider replies are not ours: escape control characters and
 * bidi overrides so none of them can move the cursor, recolour the terminal or fake a line.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function bytes(n: number): string {
  if (n < 1024) return plural(n, 'byte');
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `path:line:col` as one token, which terminals and editors open at the place. */
function where(f: Finding): string {
  const file = f.path === '-' ? '(stdin)' : printable(safe(f.path));
  // A merge of several repositories: `github.com/owner/repo:path:line:col`.
  const path = f.repository === undefined ? file : `${printable(safe(f.repository))}:${file}`;
  return f.binary ? `${path}  byte ${f.offset}` : `${path}:${f.line}:${f.column}`;
}

function placeLines(f: Finding, paint: Paint): string[] {
  const parts = [paint(BOLD, where(f))];
  if (f.encoding) parts.push(`[${printable(f.encoding)}]`);
  if (f.binary) parts.push('[binary]');
  if (f.commit) {
    const { sha, author, date } = f.commit;
    const how = f.path === COMMIT_MESSAGE_PATH ? 'message of commit' : 'commit';
    parts.push(paint(DIM, `${how} ${sha.slice(0, 7)} by ${printable(safe(author))} on ${printable(date.slice(0, 10))}`));
  }
  if (f.atHead !== undefined) parts.push(f.atHead ? 'still at HEAD' : 'only in history');
  const lines = [`  ${parts.join('  ')}`];
  // Detectors set the snippet redacted; printing it through safe() as well costs little.
  if (f.snippet) lines.push(paint(DIM, `      ${printable(safe(f.snippet))}`));
  return lines;
}

/** One key: what it is and what is known of it, every place it was found, then what to do, once. */
function keyBlock(key: KeyGroup, showSecrets: boolean, paint: Paint, advice: Advice): string {
  const { lead } = key;
  const parts = [
    paint(CYAN, showSecrets ? printable(lead.secret) : key.redacted),
    key.ruleId,
    key.provider,
    `${key.confidence} confidence`,
    paint(STATUS_STYLE[statusOf(lead)], printable(statusText(lead))),
  ];
  if (key.places.length > 1) parts.push(`${key.places.length} places`);
  const lines = [parts.join('  ')];
  for (const f of key.places) lines.push(...placeLines(f, paint));
  for (const text of keyAdvice(key, advice)) lines.push(`  → ${text}`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function scanned(stats: Stats): string {
  const what = [`${plural(stats.files, 'file')} (${bytes(stats.bytes)})`];
  if (stats.commits !== undefined) what.push(plural(stats.commits, 'commit'));
  return `Scanned ${what.join(' and ')} in ${duration(stats.durationMs)}.`;
}

function skipped(stats: Stats): string[] {
  const reasons = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (reasons.length === 0) return [];
  reasons.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // "symlink inside root (9)": a count before a reason read as a miscounted plural ("9 symlink").
  return [`Skipped: ${reasons.map(([reason, n]) => `${printable(reason)} (${n})`).join(', ')}.`];
}

function headline(findings: readonly Finding[], keys: number): string {
  const files = new Set<string>();
  const messages = new Set<string | undefined>();
  for (const f of findings) {
    if (f.path === COMMIT_MESSAGE_PATH) messages.add(f.commit?.sha);
    else files.add(f.repository === undefined ? f.path : `${f.repository}\0${f.path}`);
  }
  const places = [files.size > 0 || messages.size === 0 ? plural(files.size, 'file') : '', messages.size > 0 ? plural(messages.size, 'commit message') : '']
    .filter(Boolean)
    .join(' and ');
  return `${plural(findings.length, 'finding')} (${plural(keys, 'distinct key')}) in ${places}.`;
}

/** Human output: one block per key, most serious first, with its places; then what was scanned. */
export const consoleReporter: Reporter = function* (report, options) {
  const paint = painter(options.color);
  const advice = options.advice ?? adviceFor(options.command);
  const tail = [scanned(report.stats), ...skipped(report.stats)];
  const warnings = report.warnings.map((w) => paint(CYAN, `warning: ${printable(scrub(w, report.findings))}`));

  if (report.findings.length === 0) {
    yield `${[paint(GREEN, 'No OpenAI or DeepSeek keys found.'), ...tail, ...warnings].join('\n')}\n`;
    return;
  }
  const keys = groupByKey(report.findings);
  for (const key of keys) yield keyBlock(key, options.showSecrets, paint, advice);
  const lines = [paint(STATUS_STYLE.live, headline(report.findings, keys.length)), ...tail, ...warnings];
  const ways = waysOut(advice, report.findings);
  if (ways.length) lines.push('', ...ways);
  yield `${lines.join('\n')}\n`;
};
