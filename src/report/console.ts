import { COMMIT_MESSAGE_PATH, type Finding, type Report, type Stats } from '../types.js';
import { byLocation } from './order.js';
import { adviceFor, remedyFor, waysOut } from './remedy.js';
import type { Reporter } from './reporter.js';
import { scrub, statusOf, statusText, type Status } from './status.js';

type Paint = (style: string, text: string) => string;

// SGR parameters; no dependency needed for six colours.
const BOLD = '1';
const DIM = '2';
const UNDERLINE = '4';
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

function header(path: string): string {
  return path === '-' ? '(stdin)' : printable(path);
}

function findingLines(f: Finding, showSecrets: boolean, paint: Paint): string[] {
  const where = f.binary ? `byte ${f.offset}` : `${f.line}:${f.column}`;
  const parts = [
    paint(BOLD, where),
    paint(CYAN, showSecrets ? printable(f.secret) : f.redacted),
    f.ruleId,
    f.provider,
    `${f.confidence} confidence`,
  ];
  if (f.encoding) parts.push(`[${printable(f.encoding)}]`);
  if (f.binary) parts.push('[binary]');
  if (f.verification) parts.push(paint(STATUS_STYLE[statusOf(f)], printable(statusText(f))));
  const lines = [`  ${parts.join('  ')}`];
  if (f.commit) {
    const { sha, author, date } = f.commit;
    lines.push(paint(DIM, `    commit ${sha.slice(0, 7)} by ${printable(author)} on ${printable(date.slice(0, 10))}`));
  }
  return lines;
}

function groupByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of [...findings].sort(byLocation)) {
    const group = groups.get(f.path);
    if (group) group.push(f);
    else groups.set(f.path, [f]);
  }
  return groups;
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

function headline(findings: readonly Finding[]): string {
  const files = new Set(findings.filter((f) => f.path !== COMMIT_MESSAGE_PATH).map((f) => f.path)).size;
  const messages = new Set(findings.filter((f) => f.path === COMMIT_MESSAGE_PATH).map((f) => f.commit?.sha)).size;
  const keys = new Set(findings.map((f) => f.fingerprint)).size;
  const places = [files > 0 || messages === 0 ? plural(files, 'file') : '', messages > 0 ? plural(messages, 'commit message') : '']
    .filter(Boolean)
    .join(' and ');
  return `${plural(findings.length, 'finding')} (${plural(keys, 'distinct key')}) in ${places}.`;
}

/** Human output: findings grouped by file, what to do about them, then what was scanned. */
export const consoleReporter: Reporter = (report, options) => {
  const paint = painter(options.color);
  const advice = options.advice ?? adviceFor(options.command);
  const lines: string[] = [];
  const tail = [scanned(report.stats), ...skipped(report.stats)];
  const warnings = report.warnings.map((w) => paint(CYAN, `warning: ${printable(scrub(w, report.findings))}`));

  if (report.findings.length === 0) {
    lines.push(paint(GREEN, 'No OpenAI or DeepSeek keys found.'), ...tail, ...warnings);
    return `${lines.join('\n')}\n`;
  }

  for (const [path, group] of groupByPath(report.findings)) {
    lines.push(paint(`${BOLD};${UNDERLINE}`, header(path)));
    for (const f of group) lines.push(...findingLines(f, options.showSecrets, paint));
    for (const text of new Set(group.map(remedyFor(advice)))) lines.push(`  → ${text}`);
    lines.push('');
  }
  lines.push(paint(STATUS_STYLE.live, headline(report.findings)), ...tail, ...warnings);
  const ways = waysOut(advice, report.findings);
  if (ways.length) lines.push('', ...ways);
  return `${lines.join('\n')}\n`;
};
