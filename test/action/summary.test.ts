// The job summary and the annotations, from one of every kind of finding (test/report/fixtures.ts).
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationOf, mostSeriousFirst } from '../../src/action/annotations.js';
import { writeSummary } from '../../src/action/summary.js';
import { groupByKey } from '../../src/report/group.js';
import { COMMIT_MESSAGE_PATH } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { COMMIT, finding, leaked, plantedReport } from '../report/fixtures.js';

// The real core.summary, read back from its buffer instead of a file.
afterEach(() => void core.summary.emptyBuffer());

function summaryOf(...args: Parameters<typeof writeSummary> extends [unknown, ...infer Rest] ? Rest : never): string {
  writeSummary(core.summary, ...args);
  return core.summary.stringify();
}

describe('writeSummary', () => {
  const SERVER = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: 'f'.repeat(40) };

  it('lists every key once, most serious first, redacted, with warnings scrubbed and skips counted', () => {
    const { report, secrets } = plantedReport();
    const html = summaryOf(report, 'every commit (schedule event)', 3, SERVER);

    expect(leaked(html, secrets)).toEqual([]);
    expect(html).toContain('<h2>keysentry: 13 findings of 12 keys, 3 accepted by the provider</h2>');
    expect(html).toContain('Scanned every commit (schedule event): 12 files, 3 commits.');
    const rows = html.match(/<tr><td>/g) ?? [];
    expect(rows).toHaveLength(12);
    const keys = groupByKey(report.findings);
    const positions = keys.map((k) => html.indexOf(`<code>${k.redacted}</code>`));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(html).toContain('<td>live (Incorrect handling of sk-…');
    expect(html).toContain('commit message');
    expect(html).toContain('(byte 4096)');
    expect(html).toContain('odd dir/50% off, really: yes\nsecond line.env'); // no markup in it to escape
    expect(html).toContain('could not decode a line near sk-…');
    expect(html).toContain('skipped 2: symlink outside root');
  });

  it('links each place to its file at its commit on the server, each commit, and where to revoke the key', () => {
    const { report } = plantedReport();
    const html = summaryOf(report, 'x', 0, SERVER);
    // A tree finding: the file at the scanned commit, at its line; both places of one key in one row.
    const blob = `https://github.example/acme/app/blob/${'f'.repeat(40)}`;
    expect(html).toMatch(new RegExp(`<a href="${blob}/src/config.ts#L3"><code>src/config.ts:3:15</code></a><br><a href="${blob}/src/config.ts#L40">`));
    // A history finding: the file at the commit that added the key, and the commit.
    expect(html).toContain(`<a href="https://github.example/acme/app/blob/${COMMIT.sha}/deleted/.env#L2"><code>deleted/.env:2:15</code></a>`);
    expect(html).toContain(`<a href="https://github.example/acme/app/commit/${COMMIT.sha}"><code>0123456</code></a> Test Author, 2024-01-01 only in history`);
    // Odd names are percent-encoded in the link, escaped in the text.
    expect(html).toContain(`${blob}/odd%20dir/50%25%20off%2C%20really%3A%20yes%0Asecond%20line.env#L5`);
    // A binary file has no line to link to.
    expect(html).toContain(`<a href="${blob}/assets/blob.bin"><code>assets/blob.bin (byte 4096)</code></a>`);
    // Each key's advice once, its revoke page a link.
    expect(html).toContain('Revoke it at <a href="https://platform.deepseek.com/api_keys">https://platform.deepseek.com/api_keys</a> and rotate it');
    expect(html).toContain('<a href="https://platform.openai.com/settings/organization/admin-keys">');
    expect(html.match(/The key no longer works/g)).toHaveLength(1);
  });

  it('names places without links when the server is not known', () => {
    const { report } = plantedReport();
    const html = summaryOf(report, 'x', 0, {});
    expect(html).toContain('<code>src/config.ts:3:15</code><br><code>src/config.ts:40:15</code>');
    expect(html).not.toContain('/blob/');
  });

  it('never shows a key that a path carries (a cache folder named after a key), in text or link', () => {
    const gen = new KeyGen(4);
    const inPath = gen.openaiProject();
    const f = finding('openai-legacy-key', gen.openaiLegacy(), { path: `.cache/${inPath}/x.env` });
    const html = summaryOf({ findings: [f], stats: { files: 1, bytes: 1, skipped: {}, durationMs: 1 }, warnings: [] }, 'x', 0, SERVER);
    expect(leaked(html, [inPath, f.secret])).toEqual([]);
    expect(html).toContain('.cache/sk-proj-…');
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
    const html = summaryOf({ findings, stats: { files: 8000, bytes: 1, skipped: {}, durationMs: 1 }, warnings: [] }, 'x', 0, {});
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
    const listed = (html.match(/<tr><td>/g) ?? []).length;
    expect(listed).toBeGreaterThan(1000);
    expect(html).toContain(`… and ${8000 - listed} more keys (the job summary is limited to 1 MiB): see the SARIF file.`);
  });

  it('shows the first places of a key found in thousands of files, and how many more there are', () => {
    const key = new KeyGen(12).openaiProject();
    const findings = Array.from({ length: 3000 }, (_, i) => finding('openai-project-key', key, { path: `cache/${String(i).padStart(4, '0')}.json` }));
    const html = summaryOf({ findings, stats: { files: 3000, bytes: 1, skipped: {}, durationMs: 1 }, warnings: [] }, 'x', 0, {});
    expect((html.match(/<tr><td>/g) ?? []).length).toBe(1);
    expect(html).toContain('cache/0019.json');
    expect(html).not.toContain('cache/0020.json');
    expect(html).toContain('… and 2980 more places: see the SARIF file');
  });
});

describe('annotationOf', () => {
  const { report, secrets } = plantedReport();

  it('never carries a secret', () => {
    for (const f of report.findings) expect(leaked(JSON.stringify(annotationOf(f)), secrets)).toEqual([]);
  });

  it('never carries a key that the path holds', () => {
    const gen = new KeyGen(6);
    const inPath = gen.deepseek();
    const f = finding('openai-legacy-key', gen.openaiLegacy(), { path: `tmp/${inPath}/a.env` });
    const annotation = annotationOf(f);
    expect(leaked(JSON.stringify(annotation), [inPath])).toEqual([]);
    expect(annotation.properties.file).toMatch(/^tmp\/sk-…\w{4}\/a\.env$/);
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
