// The job summary: every finding in one table, most serious first, redacted. Annotations stop at
// ten per step; this page is where a reviewer sees the whole list.
import { remedy } from '../report/index.js';
import { scrub, statusText } from '../report/status.js';
import { COMMIT_MESSAGE_PATH, type Finding, type Report } from '../types.js';
import { mostSeriousFirst } from './annotations.js';
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

const HEADER: Row = ['Status', 'Key', 'Rule', 'Location', 'Commit'].map((data) => ({ data, header: true }));

/** Cells are inserted into HTML as they are: file names and author names are not ours. */
function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function location(f: Finding): string {
  if (f.path === COMMIT_MESSAGE_PATH) return 'commit message';
  const at = f.binary ? ` (byte ${f.offset})` : `:${f.line}:${f.column}`;
  return `<code>${html(f.path)}</code>${at}`;
}

function commit(f: Finding): string {
  if (!f.commit) return '';
  const { sha, author, date } = f.commit;
  return `<code>${sha.slice(0, 7)}</code> ${html(author)}, ${html(date.slice(0, 10))}`;
}

function row(f: Finding): string[] {
  const encoding = f.encoding ? ` (${html(f.encoding)}-encoded)` : '';
  return [html(statusText(f)), `<code>${html(f.redacted)}</code>`, html(f.ruleId) + encoding, location(f), commit(f)];
}

/** What was scanned, then the table, then what to do, then anything the scan could not look at. */
export function writeSummary(out: SummaryWriter, report: Report, scanned: string, live: number): void {
  const { findings, stats, warnings } = report;
  const keys = new Set(findings.map((f) => f.fingerprint)).size;
  const accepted = live ? `, ${live} accepted by the provider` : '';
  out.addHeading(
    findings.length
      ? `keysentry: ${count(findings.length, 'finding')} of ${count(keys, 'key')}${accepted}`
      : 'keysentry: no OpenAI or DeepSeek keys found',
    2,
  );
  const commits = stats.commits === undefined ? '' : `, ${count(stats.commits, 'commit')}`;
  out.addRaw(`<p>Scanned ${html(scanned)}: ${count(stats.files, 'file')}${commits}.</p>`, true);

  if (findings.length) {
    const rows: Row[] = [HEADER];
    let size = 0;
    const ordered = mostSeriousFirst(findings);
    for (const [i, f] of ordered.entries()) {
      const cells = row(f);
      size += cells.reduce((n, c) => n + c.length + 9, 9);
      if (size > TABLE_BUDGET) {
        const rest = ordered.length - i;
        rows.push([{ data: `… and ${rest} more (the job summary is limited to 1 MiB): see the SARIF file.`, colspan: '5' }]);
        break;
      }
      rows.push(cells);
    }
    out.addTable(rows);
    out.addList([...new Set(findings.map(remedy))].map(html));
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
