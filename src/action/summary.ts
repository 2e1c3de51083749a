// The job summary: one row per key, most serious first, redacted, each place linked to its file
// at its commit on the server. Annotations stop at ten per step; this page is where a reviewer
// sees the whole list, and a key in 30 files is one key to rotate.
import { groupByKey, keyAdvice, type KeyGroup } from '../report/group.js';
import { pathToUri } from '../report/sarif.js';
import { safe, scrub, statusText } from '../report/status.js';
import { COMMIT_MESSAGE_PATH, type Finding, type Report } from '../types.js';
import { count } from './verdict.js';

/** A table cell as core.summary takes it (the type is not exported from @actions/core's index). */
type Cell = string | { data: string; header?: boolean; colspan?: string };
type Row = Cell[];

/** The part of core.summary this module writes with, so a test can read what it built. */
export interface SummaryWriter {
  addHeading(text: string, level?: number): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: Row[]): SummaryWriter;
  addList(items: string[]): SummaryWriter;
}

// GitHub refuses a step summary larger than 1 MiB and then shows none of it. Rows stop short of
// that, leaving room for the text around the table; the SARIF file has every finding regardless.
const TABLE_BUDGET = 900 * 1024;

const HEADER: Row = ['Status', 'Key', 'Rule', 'Places', 'What to do'].map((data) => ({ data, header: true }));

// A key in thousands of files would fill the page with one row: the SARIF file lists them all.
const PLACES_SHOWN = 20;

/** Cells are inserted into HTML as they are: file names and author names are not ours. */
function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the repository is on the server, from the runner's environment; links need all three. */
export interface Server {
  url: string;
  repository: string;
  sha: string;
}

export function serverOf(env: NodeJS.ProcessEnv): Server | undefined {
  const { GITHUB_SERVER_URL: url, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return url && repository && sha ? { url: url.replace(/\/+$/, ''), repository, sha } : undefined;
}

function link(href: string | undefined, text: string): string {
  return href ? `<a href="${html(href)}">${text}</a>` : text;
}

/** The file at the commit that added the key (history) or that was scanned, at the key's line. */
function fileUrl(f: Finding, server: Server | undefined): string | undefined {
  if (!server || f.path === COMMIT_MESSAGE_PATH || f.path === '-') return undefined;
  const line = f.binary ? '' : `#L${f.line}`;
  return `${server.url}/${server.repository}/blob/${f.commit?.sha ?? server.sha}/${pathToUri(safe(f.path))}${line}`;
}

function place(f: Finding, server: Server | undefined): string {
  const parts: string[] = [];
  if (f.path === COMMIT_MESSAGE_PATH) parts.push('commit message');
  else {
    const at = f.binary ? ` (byte ${f.offset})` : `:${f.line}:${f.column}`;
    parts.push(link(fileUrl(f, server), `<code>${html(safe(f.path))}${at}</code>`));
  }
  if (f.encoding) parts.push(`(${html(f.encoding)}-encoded)`);
  if (f.commit) {
    const { sha, author, date } = f.commit;
    const href = server && `${server.url}/${server.repository}/commit/${sha}`;
    parts.push(`${link(href, `<code>${sha.slice(0, 7)}</code>`)} ${html(safe(author))}, ${html(date.slice(0, 10))}`);
  }
  if (f.atHead !== undefined) parts.push(f.atHead ? 'still at HEAD' : 'only in history');
  return parts.join(' ');
}

/** URLs in the advice become links: the page to revoke the key at is one click away. */
function advice(key: KeyGroup): string {
  return html(keyAdvice(key).join(' ')).replace(/https:\/\/[^\s]+[^\s.,;:)]/g, (url) => `<a href="${url}">${url}</a>`);
}

function row(key: KeyGroup, server: Server | undefined): string[] {
  const shown = key.places.slice(0, PLACES_SHOWN).map((f) => place(f, server));
  const hidden = key.places.length - shown.length;
  if (hidden) shown.push(`… and ${count(hidden, 'more place')}: see the SARIF file`);
  return [
    html(statusText(key.lead)),
    `<code>${html(key.redacted)}</code>`,
    html(key.ruleId),
    shown.join('<br>'),
    advice(key),
  ];
}

/** What was scanned, then the table, then what to do, then anything the scan could not look at. */
export function writeSummary(out: SummaryWriter, report: Report, scanned: string, live: number, env: NodeJS.ProcessEnv = process.env): void {
  const { findings, stats, warnings } = report;
  const keys = groupByKey(findings);
  const accepted = live ? `, ${live} accepted by the provider` : '';
  out.addHeading(
    findings.length
      ? `keysentry: ${count(findings.length, 'finding')} of ${count(keys.length, 'key')}${accepted}`
      : 'keysentry: no OpenAI or DeepSeek keys found',
    2,
  );
  const commits = stats.commits === undefined ? '' : `, ${count(stats.commits, 'commit')}`;
  out.addRaw(`<p>Scanned ${html(scanned)}: ${count(stats.files, 'file')}${commits}.</p>`, true);

  if (keys.length) {
    const server = serverOf(env);
    const rows: Row[] = [HEADER];
    let size = 0;
    for (const [i, key] of keys.entries()) {
      const cells = row(key, server);
      size += cells.reduce((n, c) => n + c.length + 9, 9);
      if (size > TABLE_BUDGET) {
        rows.push([{ data: `… and ${count(keys.length - i, 'more key')} (the job summary is limited to 1 MiB): see the SARIF file.`, colspan: '5' }]);
        break;
      }
      rows.push(cells);
    }
    out.addTable(rows);
  }
  const notes = [
    ...warnings.map((w) => html(scrub(w, findings))),
    ...Object.entries(stats.skipped).map(([reason, n]) => `skipped ${n}: ${html(reason)}`),
  ];
  if (notes.length) {
    out.addHeading('Not scanned or worth knowing', 3);
    out.addList(notes);
  }
}
