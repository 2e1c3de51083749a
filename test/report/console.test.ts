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

  it('groups findings under one header per file, commit messages last', () => {
    const out = consoleReporter(report, OPTIONS);
    const lines = out.split('\n');
    const headers = lines.filter((l) => l.length > 0 && !l.startsWith(' ') && !/^\d|^Scanned|^Skipped|^warning|^To commit/.test(l));
    expect(headers).toEqual([
      'assets/blob.bin',
      'deleted/.env',
      'lib/ds.ts',
      'odd dir/50% off, really: yes\\nsecond line.env',
      'old/keys.txt',
      'ops/admin.sh',
      'src/app.py',
      'src/config.ts',
      COMMIT_MESSAGE_PATH,
    ]);
    // Both copies of the key in src/config.ts sit under its header, in line order.
    const config = out.slice(out.indexOf('src/config.ts\n'));
    const block = config.slice(0, config.indexOf('\n\n'));
    expect(block).toMatch(/ {2}3:15 {2}sk-proj-…\S+ {2}openai-project-key {2}openai {2}high confidence\n {2}40:15 /);
  });

  it('shows line:column, encoding, binary offset, history and verification on each finding', () => {
    const out = consoleReporter(report, OPTIONS);
    const app = report.findings.find((f) => f.path === 'src/app.py' && f.verification)!;
    expect(out).toContain(`12:15  ${app.redacted}  openai-legacy-key  openai  high confidence  live (Incorrect handling of ${app.redacted}: models listed)`);
    const bin = report.findings.find((f) => f.binary)!;
    expect(out).toContain(`byte 4096  ${bin.redacted}  openai-legacy-key  openai  high confidence  [base64]  [binary]`);
    expect(out).toContain('commit 0123456 by Test Author on 2024-01-01');
    expect(out).toContain('quota exhausted (balance 0.00 CNY)');
    expect(out).toContain('rate limited (429 Too Many Requests)');
    expect(out).toContain('invalid (401 invalid_api_key)');
    expect(out).toContain('unknown (connection reset)');
    // An unverified finding says nothing about verification.
    const unverifiedLine = out.split('\n').find((l) => l.includes('deepseek-api-key') && l.includes('medium confidence'))!;
    expect(unverifiedLine.trimEnd()).toMatch(/medium confidence$/);
  });

  it('gives the remedy for each status, once per file', () => {
    const out = consoleReporter(report, OPTIONS);
    const revokeOpenai = '→ Revoke it at https://platform.openai.com/api-keys and rotate it, then purge it from git history (git filter-repo or BFG). A key with no balance is still a live credential: topping up revives it.';
    const revokeDeepseek = revokeOpenai.replace('https://platform.openai.com/api-keys', 'https://platform.deepseek.com/api_keys');
    const block = (path: string) => {
      const from = out.slice(out.indexOf(`${path}\n`));
      return from.slice(0, from.indexOf('\n\n'));
    };
    // src/config.ts: one key twice, one remedy.
    expect(block('src/config.ts').split(revokeOpenai)).toHaveLength(2);
    // old/keys.txt: an invalid key and an unknown one, which is treated as live.
    expect(block('old/keys.txt')).toContain('→ The key no longer works: remove it from the code and from git history.');
    expect(block('old/keys.txt')).toContain(revokeDeepseek);
    // lib/ds.ts: spent and rate limited keys are still revoked.
    expect(block('lib/ds.ts')).toContain(revokeDeepseek);
    expect(block('lib/ds.ts')).toContain(revokeOpenai);
    expect(block('ops/admin.sh')).toContain('https://platform.openai.com/settings/organization/admin-keys');
  });

  it('ends with a summary: counts, what was scanned, what was skipped, warnings (scrubbed)', () => {
    const out = consoleReporter(report, OPTIONS);
    expect(out).toContain('13 findings (12 distinct keys) in 8 files and 1 commit message.\n');
    expect(out).toContain('Scanned 12 files (33.8 KiB) and 3 commits in 420 ms.\n');
    expect(out).toContain('Skipped: 2 symlink outside root, 1 unreadable.\n');
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
    expect(withSkips).toContain('Skipped: 1 too large.\nwarning: w\n');
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
