// The job summary and the annotations, from one of every kind of finding (test/report/fixtures.ts).
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationOf, mostSeriousFirst } from '../../src/action/annotations.js';
import { writeSummary } from '../../src/action/summary.js';
import { COMMIT_MESSAGE_PATH } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { finding, leaked, plantedReport } from '../report/fixtures.js';

// The real core.summary, read back from its buffer instead of a file.
afterEach(() => void core.summary.emptyBuffer());

function summaryOf(...args: Parameters<typeof writeSummary> extends [unknown, ...infer Rest] ? Rest : never): string {
  writeSummary(core.summary, ...args);
  return core.summary.stringify();
}

describe('writeSummary', () => {
  it('lists every finding, most serious first, redacted, with warnings scrubbed and skips counted', () => {
    const { report, secrets } = plantedReport();
    const html = summaryOf(report, 'every commit (schedule event)', 3);

    expect(leaked(html, secrets)).toEqual([]);
    expect(html).toContain('<h2>keysentry: 13 findings of 12 keys, 3 accepted by the provider</h2>');
    expect(html).toContain('Scanned every commit (schedule event): 12 files, 3 commits.');
    const rows = html.match(/<tr><td>/g) ?? [];
    expect(rows).toHaveLength(report.findings.length);
    const positions = mostSeriousFirst(report.findings).map((f) => html.indexOf(`<code>${f.redacted}</code>`));
    expect(positions.every((at) => at > 0)).toBe(true);
    // Same key twice (two rows, one redacted form): compare first occurrences in table order.
    const firsts = [...new Set(positions)];
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(html).toContain('<td>live (Incorrect handling of sk-…');
    expect(html).toContain('<td>commit message</td>');
    expect(html).toContain('(byte 4096)');
    expect(html).toContain('odd dir/50% off, really: yes\nsecond line.env'); // no markup in it to escape
    expect(html).toContain('could not decode a line near sk-…');
    expect(html).toContain('skipped 2: symlink outside root');
  });

  it('escapes markup in file names and author names', () => {
    const key = new KeyGen(3).openaiLegacy();
    const f = finding('openai-legacy-key', key, {
      path: '<img src=x onerror=alert(1)>.env',
      commit: { sha: 'a'.repeat(40), author: 'Eve <script>', email: 'e@x', date: '2024-01-01T00:00:00Z' },
    });
    const html = summaryOf({ findings: [f], stats: { files: 1, bytes: 1, skipped: {}, durationMs: 1 }, warnings: [] }, 'x', 0);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;.env');
  });

  it('stays under the 1 MiB GitHub accepts, saying how many findings it had no room for', () => {
    const gen = new KeyGen(11);
    const findings = Array.from({ length: 8000 }, (_, i) =>
      finding('openai-project-key', gen.openaiProject(), { path: `very/long/directory/name/for/row/${i}/settings.production.env` }),
    );
    const html = summaryOf({ findings, stats: { files: 8000, bytes: 1, skipped: {}, durationMs: 1 }, warnings: [] }, 'x', 0);
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
    const listed = (html.match(/<tr><td>/g) ?? []).length;
    expect(listed).toBeGreaterThan(2000);
    expect(html).toContain(`… and ${8000 - listed} more (the job summary is limited to 1 MiB): see the SARIF file.`);
  });
});

describe('annotationOf', () => {
  const { report, secrets } = plantedReport();

  it('never carries a secret', () => {
    for (const f of report.findings) expect(leaked(JSON.stringify(annotationOf(f)), secrets)).toEqual([]);
  });

  it('places a file finding at its line and columns, a binary one at its file, a commit message nowhere', () => {
    const byPath = (p: string) => annotationOf(report.findings.find((f) => f.path === p)!).properties;
    expect(byPath('src/app.py')).toEqual({ title: 'OpenAI legacy API key (live)', file: 'src/app.py', startLine: 12, startColumn: 15, endColumn: expect.any(Number) });
    expect(byPath('assets/blob.bin')).toEqual({ title: expect.any(String), file: 'assets/blob.bin' });
    expect(byPath(COMMIT_MESSAGE_PATH)).toEqual({ title: expect.any(String) });
    const message = annotationOf(report.findings.find((f) => f.path === COMMIT_MESSAGE_PATH)!).message;
    expect(message).toMatch(/^sk-…\w{4}: not verified, in the message of commit 0123456 \(Test Author, 2024-01-01\)\. Revoke it at/);
  });
});
