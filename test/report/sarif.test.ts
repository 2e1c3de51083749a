import { describe, expect, it } from 'vitest';
import { fromRepoRoot, GITHUB_MAX_RESULTS, pathToUri, sarifReporter as streamed } from '../../src/report/sarif.js';
import type { ReportOptions } from '../../src/report/reporter.js';
import { COMMIT_MESSAGE_PATH, type Finding, type Report } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { RFC3986, validateSarif } from '../support/sarif.js';
import { COMMIT, finding, leaked, ODD_PATH, OPTIONS, plantedReport, verified } from './fixtures.js';

import { render } from '../../src/report/reporter.js';
const sarifReporter = (r: Report, o: ReportOptions) => render(streamed(r, o));


function valid(text: string): any {
  const log = JSON.parse(text);
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
  return log;
}

const { report, secrets } = plantedReport();
const sarif = (r: Report, over: Partial<typeof OPTIONS> & Pick<ReportOptions, 'maxResults' | 'repo'> = {}) =>
  sarifReporter(r, { ...OPTIONS, ...over });

describe('sarif reporter', () => {
  const log = valid(sarif(report));
  const run = log.runs[0];
  const resultFor = (pred: (f: Finding) => boolean) => {
    const f = report.findings.find(pred)!;
    return run.results.find((r: any) => r.partialFingerprints['keysentry/v1'] === f.fingerprint && r.locations[0].physicalLocation.region.startLine === f.line);
  };

  it('is valid SARIF 2.1.0 whatever the report holds', () => {
    valid(sarif(report, { showSecrets: true }));
    valid(sarif({ ...report, findings: [] }));
    valid(sarif(report, { maxResults: 2 }));
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // the check can fail
  });

  it('never holds a key, not even with showSecrets', () => {
    expect(leaked(sarif(report), secrets)).toEqual([]);
    expect(leaked(sarif(report, { showSecrets: true }), secrets)).toEqual([]);
  });

  it('describes the tool, and each rule used exactly once', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(run.tool.driver).toMatchObject({ name: 'keysentry', version: '0.1.0' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect([...ids].sort()).toEqual(['deepseek-api-key', 'openai-admin-key', 'openai-legacy-key', 'openai-project-key']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toMatch(/API key$/);
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text).toContain('Revoke it at https://platform.');
      expect(rule.help.markdown).toContain('[git filter-repo](');
      expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'secret', rule.id.split('-')[0]]));
      expect(typeof rule.properties['security-severity']).toBe('string');
    }
    const deepseek = run.tool.driver.rules.find((r: any) => r.id === 'deepseek-api-key');
    // Its findings are high, medium and low: the rule takes the most confident.
    expect(deepseek.properties['security-severity']).toBe('9.0');
    expect(deepseek.help.markdown).toContain('https://platform.deepseek.com/api_keys');
  });

  it('points each result at its rule, most serious first, rejected keys as warnings', () => {
    expect(run.results).toHaveLength(report.findings.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results[0].properties.verificationStatus).toBe('live');
    expect(run.results.at(-1).properties.verificationStatus).toBe('invalid');
    expect(run.results.map((r: any) => r.level)).toEqual([...Array(report.findings.length - 1).fill('error'), 'warning']);
  });

  it('says in the message which key, which provider, and its status', () => {
    const live = report.findings.find((f) => f.verification?.status === 'live')!;
    expect(run.results[0].message.text).toMatch(new RegExp(`^OpenAI legacy API key ${live.redacted} \\(openai\\): live \\(`));
    const plain = resultFor((f) => f.path === 'src/app.py' && !f.verification);
    expect(plain.message.text).toContain('(deepseek): not verified. Revoke it at https://platform.deepseek.com/api_keys');
  });

  it('locates a file finding by relative URI and line/column region', () => {
    const r = resultFor((f) => f.path === 'src/app.py' && !f.verification);
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 20, startColumn: 15, endColumn: 50 },
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('percent-encodes odd paths into URIs that decode back to the path', () => {
    const r = resultFor((f) => f.path === ODD_PATH);
    const uri = r.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('odd%20dir/50%25%20off%2C%20really%3A%20yes%0Asecond%20line.env');
    expect(decodeURIComponent(uri)).toBe(ODD_PATH);
    for (const p of ['-leading/dash.txt', 'ключ/中文 "q".txt', 'x\uD800y']) expect(RFC3986.test(pathToUri(p))).toBe(true);
    // Unencoded, "a:b/c" would read as a URI with the scheme "a".
    expect(pathToUri('a:b/c')).toBe('a%3Ab/c');
  });

  it('gives a binary finding its byte range as well as a line', () => {
    const r = resultFor((f) => f.binary === true);
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 300, endColumn: 368, byteOffset: 4096, byteLength: 68 });
    expect(r.message.text).toContain('at byte offset 4096, base64-encoded');
    expect(r.properties.encoding).toBe('base64');
  });

  it('gives a commit-message finding an honest location: no file, the commit named', () => {
    const r = resultFor((f) => f.path === COMMIT_MESSAGE_PATH);
    const loc = r.locations[0];
    expect(loc.physicalLocation.artifactLocation.uriBaseId).toBeUndefined();
    expect(decodeURIComponent(loc.physicalLocation.artifactLocation.uri)).toBe(COMMIT_MESSAGE_PATH);
    expect(loc.physicalLocation.artifactLocation.description.text).toContain(`commit ${COMMIT.sha}; not a file`);
    expect(loc.logicalLocations).toEqual([{ name: 'message', fullyQualifiedName: `commit ${COMMIT.sha} message`, kind: 'commit message' }]);
    expect(r.message.text).toContain('in the message of commit 0123456');
  });

  it('carries commit and verification details as properties', () => {
    expect(resultFor((f) => f.path === 'deleted/.env').properties).toEqual({
      confidence: 'high',
      commit: COMMIT.sha,
      author: COMMIT.author,
      date: COMMIT.date,
      atHead: false,
    });
    expect(resultFor((f) => f.verification?.status === 'quota_exhausted').properties).toEqual({
      confidence: 'high',
      verificationStatus: 'quota_exhausted',
      verificationDetail: 'balance 0.00 CNY',
      verifiedAt: '2024-05-01T12:00:00.000Z',
    });
  });

  it('reports warnings and skipped files as run notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(notes.map((n: any) => n.level)).toEqual(['warning', 'warning', 'note']);
    expect(notes[0].message.text).toBe('shallow clone: history before 0123456 was not scanned');
    expect(notes[2].message.text).toBe('Not scanned: 2 symlink outside root, 1 unreadable.');
  });

  describe('paths of a scan run away from the repository root', () => {
    const key = new KeyGen(21).openaiProject();
    const ROOT = '/work/repo';
    const at = (path: string, cwd?: string) =>
      valid(sarif({ ...report, findings: [finding('openai-project-key', key, { path })] }, cwd ? { repo: { root: ROOT, cwd } } : {})).runs[0]
        .results[0];

    it('resolve from the repository root, where code scanning reads them', () => {
      const fromSub = at('config/app.env', `${ROOT}/services/api`);
      expect(fromSub.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'services/api/config/app.env', uriBaseId: '%SRCROOT%' });
      // The same alert as when the file is reported from the root (a history scan, or scan at the root).
      expect(fromSub.partialFingerprints).toEqual(at('services/api/config/app.env').partialFingerprints);
      expect(at('../lib/x.env', `${ROOT}/services/api`).locations[0].physicalLocation.artifactLocation.uri).toBe('services/lib/x.env');
      // A workspace holding the checkout (actions/checkout with `path:`).
      expect(at('repo/conf/x.env', '/work').locations[0].physicalLocation.artifactLocation.uri).toBe('conf/x.env');
    });

    it('leave a file outside the repository without %SRCROOT%, which would name another file', () => {
      for (const [path, cwd] of [['../outside/x.env', ROOT], ['/etc/x.env', undefined]] as const) {
        const loc = at(path, cwd).locations[0].physicalLocation.artifactLocation;
        expect(loc).toEqual({ uri: path, description: { text: 'Outside the repository.' } });
      }
    });

    it('leave commit messages and stdin as they are', () => {
      for (const path of [COMMIT_MESSAGE_PATH, '-']) {
        const uri = at(path, `${ROOT}/sub`).locations[0].physicalLocation.artifactLocation.uri;
        expect(decodeURIComponent(uri)).toBe(path);
      }
      expect(fromRepoRoot('a/b', undefined)).toBe('a/b');
      expect(fromRepoRoot('a/b', { root: ROOT, cwd: ROOT })).toBe('a/b');
    });
  });

  describe('partialFingerprints', () => {
    const key = new KeyGen(11).openaiProject();
    const hashes = (...findings: Finding[]) =>
      valid(sarif({ ...report, findings })).runs[0].results.map((r: any) => r.partialFingerprints);

    it('keep one key one alert when lines move above it', () => {
      const [before] = hashes(finding('openai-project-key', key, { line: 3, column: 5, offset: 40 }));
      const [after] = hashes(finding('openai-project-key', key, { line: 30, column: 9, offset: 900 }));
      expect(after).toEqual(before);
      expect(before['keysentry/v1']).toBe(finding('openai-project-key', key).fingerprint);
      expect(before.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    });

    it('tell apart another file, another key, and two copies in one file', () => {
      const [a] = hashes(finding('openai-project-key', key, { path: 'a.env' }));
      const [b] = hashes(finding('openai-project-key', key, { path: 'b.env' }));
      const [c] = hashes(finding('openai-project-key', new KeyGen(12).openaiProject(), { path: 'a.env' }));
      const twice = hashes(
        finding('openai-project-key', key, { path: 'a.env', line: 9, offset: 300 }),
        finding('openai-project-key', key, { path: 'a.env', line: 2, offset: 20 }),
      );
      const all = new Set([a, b, c].map((h) => h.primaryLocationLineHash));
      expect(all.size).toBe(3);
      expect(twice.map((h: any) => h.primaryLocationLineHash).sort()).toEqual([`${a.primaryLocationLineHash.slice(0, 16)}:1`, `${a.primaryLocationLineHash.slice(0, 16)}:2`]);
    });
  });

  describe('the results cap', () => {
    it('keeps the most serious, drops the rest, and says how many', () => {
      const capped = valid(sarif(report, { maxResults: 4 })).runs[0];
      expect(capped.results.map((r: any) => r.properties.verificationStatus)).toEqual(['live', 'quota_exhausted', 'rate_limited', undefined]);
      const ruleIds = new Set(capped.results.map((r: any) => r.ruleId));
      expect(capped.tool.driver.rules.map((r: any) => r.id).sort()).toEqual([...ruleIds].sort());
      for (const r of capped.results) expect(capped.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      const dropped = capped.invocations[0].toolExecutionNotifications.find((n: any) => n.descriptor?.id === 'results-capped');
      expect(dropped.level).toBe('warning');
      expect(dropped.message.text).toMatch(/^9 of 13 results were left out to stay within 4 results a run/);
      expect(capped.invocations[0].executionSuccessful).toBe(true);
      expect(run.invocations[0].toolExecutionNotifications.some((n: any) => n.descriptor)).toBe(false);
    });

    it(`defaults to GitHub's ${GITHUB_MAX_RESULTS} results a run`, () => {
      const gen = new KeyGen(99);
      const many: Finding[] = [];
      for (let i = 0; i <= GITHUB_MAX_RESULTS; i++) many.push(finding('deepseek-api-key', gen.deepseek(), { path: `f${i % 100}.txt`, line: i + 1, confidence: 'low' }));
      many.push(finding('openai-legacy-key', gen.openaiLegacy(), { path: 'z.txt', verification: verified('live', 'ok') }));
      const big = JSON.parse(sarif({ ...report, findings: many }));
      expect(big.runs[0].results).toHaveLength(GITHUB_MAX_RESULTS);
      expect(big.runs[0].results[0].properties.verificationStatus).toBe('live');
      const note = big.runs[0].invocations[0].toolExecutionNotifications.at(-1);
      expect(note.message.text).toMatch(/^2 of 25002 results were left out/);
    });
  });
});
