import { describe, expect, it } from 'vitest';
import { consoleReporter as streamed, printable } from '../../src/report/console.js';
import { COMMIT_MESSAGE_PATH, type Report } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { COMMIT, finding, leaked, ODD_PATH, OPTIONS, plantedReport, verified } from './fixtures.js';

import { render, type ReportOptions as RO } from '../../src/report/reporter.js';
import type { Report as R } from '../../src/types.js';
const consoleReporter = (r: R, o: RO) => render(streamed(r, o));

const ANSI = /\x1b\[/;

describe('console reporter', () => {
  const { report, secrets } = plantedReport();

  it('prints no key, nor the hidden part of one, by default', () => {
    const out = consoleReporter(report, OPTIONS);
    expect(leaked(out, secrets)).toEqual([]);
    for (const f of report.findings) expect(out).toContain(f.redacted);
  });

  it('prints every key with showSecrets', () => {
    const out = consoleReporter(report, { ...OPTIONS, showSecrets: true });
    for (const s of secrets) expect(out).toContain(s);
  });

  /** The block of the key whose redacted form is `redacted`: its header line to the blank line. */
  const blockOf = (out: string, redacted: string) => {
    const from = out.slice(out.indexOf(`${redacted}  `));
    return from.slice(0, from.indexOf('\n\n'));
  };
  const byRedacted = (secret: string) => report.findings.find((f) => f.secret === secret)!;

  it('prints one block per key, most serious key first, then confidence, then first place', () => {
    const out = consoleReporter(report, OPTIONS);
    const headers = out.split('\n').filter((l) => /^sk-/.test(l)).map((l) => l.split('  ')[0]);
    const [project, legacy, admin, deepseek, spent, throttled, dead, unsure, history, inMessage, inBinary, odd] = secrets.map(
      (s) => byRedacted(s).redacted,
    );
    expect(headers).toEqual([
      legacy, // live
      spent, // quota exhausted
      throttled, // rate limited
      // not verified, high confidence, by first place (commit messages after files)
      inBinary,
      history,
      odd,
      admin,
      project,
      inMessage,
      deepseek, // not verified, medium confidence
      unsure, // unknown, low confidence
      dead, // invalid
    ]);
  });

  it('lists every place of a key under it, path:line:col as one token, and its remedy once', () => {
    const out = consoleReporter(report, OPTIONS);
    const project = byRedacted(secrets[0]!).redacted;
    const block = blockOf(out, project);
    expect(block.split('\n')[0]).toBe(`${project}  openai-project-key  openai  high confidence  not verified  2 places`);
    expect(block).toContain(`\n  src/config.ts:3:15\n      const key = "${project}";\n  src/config.ts:40:15\n`);
    const revoke = '→ Revoke it at https://platform.openai.com/api-keys and rotate it, then purge it from git history (git filter-repo or BFG). A key with no balance is still a live credential: topping up revives it.';
    expect(block.split(revoke)).toHaveLength(2);
    expect(out.split(revoke).length - 1).toBe(new Set(report.findings.filter((f) => f.provider === 'openai' && f.verification?.status !== 'invalid' && !f.redacted.startsWith('sk-admin-')).map((f) => f.fingerprint)).size);
  });

  it('shows encoding, binary offset, commit, at HEAD and verification where they apply', () => {
    const out = consoleReporter(report, OPTIONS);
    const app = report.findings.find((f) => f.path === 'src/app.py' && f.verification)!;
    expect(blockOf(out, app.redacted).split('\n')[0]).toBe(
      `${app.redacted}  openai-legacy-key  openai  high confidence  live (Incorrect handling of ${app.redacted}: models listed)`,
    );
    const bin = report.findings.find((f) => f.binary)!;
    expect(blockOf(out, bin.redacted)).toContain('\n  assets/blob.bin  byte 4096  [base64]  [binary]\n');
    const history = report.findings.find((f) => f.path === 'deleted/.env')!;
    expect(blockOf(out, history.redacted)).toContain('\n  deleted/.env:2:15  commit 0123456 by Test Author on 2024-01-01  only in history\n');
    const message = report.findings.find((f) => f.path === COMMIT_MESSAGE_PATH)!;
    expect(blockOf(out, message.redacted)).toContain(`\n  ${COMMIT_MESSAGE_PATH}:1:10  message of commit 0123456 by Test Author on 2024-01-01\n`);
    expect(out).toContain('quota exhausted (balance 0.00 CNY)');
    expect(out).toContain('rate limited (429 Too Many Requests)');
    expect(out).toContain('invalid (401 invalid_api_key)');
    expect(out).toContain('unknown (connection reset)');
    const dead = report.findings.find((f) => f.verification?.status === 'invalid')!;
    expect(blockOf(out, dead.redacted)).toContain('→ The key no longer works: remove it from the code and from git history.');
    const admin = report.findings.find((f) => f.ruleId === 'openai-admin-key')!;
    expect(blockOf(out, admin.redacted)).toContain('https://platform.openai.com/settings/organization/admin-keys');
  });

  it('says a history key is still at HEAD when it is', () => {
    const key = new KeyGen(5).openaiProject();
    const f = finding('openai-project-key', key, { path: 'app/.env', line: 1, column: 1, commit: COMMIT, atHead: true });
    const out = consoleReporter({ ...report, findings: [f] }, OPTIONS);
    expect(out).toContain('\n  app/.env:1:1  commit 0123456 by Test Author on 2024-01-01  still at HEAD\n');
  });

  it('never prints a key that a path or a snippet carries', () => {
    const gen = new KeyGen(9);
    const inPath = gen.openaiProject();
    const inLine = gen.deepseek();
    const f = finding('openai-legacy-key', gen.openaiLegacy(), { path: `.cache/${inPath}/creds.env`, snippet: `A=${inLine}` });
    const out = consoleReporter({ ...report, findings: [f] }, OPTIONS);
    expect(leaked(out, [inPath, inLine])).toEqual([]);
    expect(out).toContain('.cache/sk-proj-…');
  });

  it('ends with a summary: counts, what was scanned, what was skipped, warnings (scrubbed)', () => {
    const out = consoleReporter(report, OPTIONS);
    expect(out).toContain('13 findings (12 distinct keys) in 8 files and 1 commit message.\n');
    expect(out).toContain('Scanned 12 files (33.8 KiB) and 3 commits in 420 ms.\n');
    expect(out).toContain('Skipped: symlink outside root (2), unreadable (1).\n');
    expect(out).toContain('warning: shallow clone: history before 0123456 was not scanned\n');
    expect(out).toMatch(/warning: could not decode a line near sk-…\w{4}\n/);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('uses colour only when asked', () => {
    expect(consoleReporter(report, OPTIONS)).not.toMatch(ANSI);
    const coloured = consoleReporter(report, { ...OPTIONS, color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\x1b[1;31mlive (');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(consoleReporter(report, OPTIONS));
  });

  it('adds the three ways out for the staged command only', () => {
    const staged = consoleReporter(report, { ...OPTIONS, command: 'staged' });
    expect(staged).toContain('remove the key from the staged file');
    expect(staged).toContain('`keysentry:allow`');
    expect(staged).toContain('`git commit --no-verify`');
    expect(staged.indexOf('--no-verify')).toBeGreaterThan(staged.indexOf('Scanned'));
    expect(consoleReporter(report, OPTIONS)).not.toContain('--no-verify');
    const clean = consoleReporter({ ...report, findings: [] }, { ...OPTIONS, command: 'staged' });
    expect(clean).not.toContain('--no-verify');
  });

  it('says so briefly when nothing is found, with the stats', () => {
    const clean: Report = { findings: [], stats: { files: 1, bytes: 5_000_000, skipped: {}, durationMs: 2_345 }, warnings: [] };
    expect(consoleReporter(clean, OPTIONS)).toBe('No OpenAI or DeepSeek keys found.\nScanned 1 file (4.8 MiB) in 2.3 s.\n');
    const withSkips = consoleReporter({ ...clean, stats: { ...clean.stats, skipped: { 'too large': 1 } }, warnings: ['w'] }, OPTIONS);
    expect(withSkips).toContain('Skipped: too large (1).\nwarning: w\n');
  });

  it('cannot be driven by control characters in names, authors or provider replies', () => {
    const key = new KeyGen(3).openaiLegacy();
    const hostile: Report = {
      findings: [
        finding('openai-legacy-key', key, {
          path: 'evil\x1b[2J\rname\u202e.txt',
          commit: { ...COMMIT, author: 'Mallory\x1b]0;pwned\x07' },
          verification: verified('live', 'ok\x1b[31m'),
        }),
      ],
      stats: { files: 1, bytes: 1, skipped: {}, durationMs: 1 },
      warnings: ['bad\x1b[0m'],
    };
    const out = consoleReporter(hostile, OPTIONS);
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
    expect(out).toContain('evil\\x1b[2J\\rname\\u202e.txt');
    expect(out).toContain('Mallory\\x1b]0;pwned\\x07');
  });

  it('printable keeps ordinary text, including non-ASCII, as it is', () => {
    expect(printable('café/ключ 中文 -x.txt')).toBe('café/ключ 中文 -x.txt');
    expect(printable(ODD_PATH)).toBe('odd dir/50% off, really: yes\\nsecond line.env');
  });
});
