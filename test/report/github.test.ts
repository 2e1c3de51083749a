import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubReporter as streamed } from '../../src/report/github.js';
import { remedy } from '../../src/report/remedy.js';
import { COMMIT_MESSAGE_PATH } from '../../src/types.js';
import { leaked, ODD_PATH, OPTIONS, plantedReport } from './fixtures.js';
import { parse, unescape } from './workflow-commands.js';

import { render, type ReportOptions as RO } from '../../src/report/reporter.js';
import type { Report as R } from '../../src/types.js';
const githubReporter = (r: R, o: RO) => render(streamed(r, o));

describe('github reporter', () => {
  const { report, secrets } = plantedReport();
  const out = githubReporter(report, OPTIONS);
  const lines = out.split('\n');

  it('writes one workflow command per finding, then one per warning, and nothing else', () => {
    expect(out.endsWith('\n')).toBe(true);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(report.findings.length + report.warnings.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) /);
    expect(githubReporter({ ...report, findings: [], warnings: [] }, OPTIONS)).toBe('');
  });

  it('turns each warning into a warning annotation, so a partial scan does not look clean', () => {
    const warnings = lines.slice(report.findings.length).map(parse);
    expect(warnings.map((w) => w.command)).toEqual(['warning', 'warning']);
    expect(warnings[0]).toEqual({
      command: 'warning',
      properties: { title: 'keysentry warning' },
      message: 'shallow clone: history before 0123456 was not scanned',
    });
    // The second quotes a key: scrubbed like every other place a warning is shown.
    expect(warnings[1]!.message).toMatch(/^could not decode a line near sk-…\w{4}$/);
    const clean = githubReporter({ ...report, findings: [], warnings: ['50% done\nnext: line, more'] }, OPTIONS);
    expect(clean).toBe('::warning title=keysentry warning::50%25 done%0Anext: line, more\n');
  });

  it('never writes a key, not even with showSecrets: annotations outlive the log', () => {
    expect(leaked(out, secrets)).toEqual([]);
    expect(leaked(githubReporter(report, { ...OPTIONS, showSecrets: true }), secrets)).toEqual([]);
  });

  it('escapes data and property values as the runner expects', () => {
    expect(escapeData('50%\r\nx:y,z')).toBe('50%25%0D%0Ax:y,z');
    expect(escapeProperty('50%\r\nx:y,z')).toBe('50%25%0D%0Ax%3Ay%2Cz');
    // % goes first, or an input "%0A" would come back as a newline.
    expect(escapeData('%0A')).toBe('%250A');
    expect(unescape(escapeProperty('a%0A,b:%25\n'), true)).toBe('a%0A,b:%25\n');
  });

  it('keeps an odd path intact through the runner decoding it', () => {
    const line = lines.find((l) => l.includes('odd dir'))!;
    expect(line).toContain('file=odd dir/50%25 off%2C really%3A yes%0Asecond line.env,line=5,');
    expect(line.split('\n')).toHaveLength(1);
    expect(parse(line).properties.file).toBe(ODD_PATH);
  });

  it('puts the most serious first and rejected keys last, as warnings', () => {
    const commands = lines.slice(0, report.findings.length).map(parse);
    const titles = commands.map((c) => c.properties.title!);
    expect(titles[0]).toBe('OpenAI legacy API key (live)');
    expect(titles[1]).toBe('DeepSeek API key (quota exhausted)');
    expect(titles[2]).toBe('OpenAI project API key (rate limited)');
    expect(titles.at(-1)).toBe('OpenAI legacy API key (invalid)');
    expect(commands.at(-1)!.command).toBe('warning');
    expect(commands.slice(0, -1).every((c) => c.command === 'error')).toBe(true);
    // Within "may be live", high confidence before medium before low.
    const maybe = titles.slice(3, -1);
    expect(maybe.slice(-2)).toEqual(['DeepSeek API key (not verified)', 'DeepSeek API key (unknown)']);
  });

  it('says where, what, which rule, its status and what to do', () => {
    const live = report.findings.find((f) => f.verification?.status === 'live')!;
    const cmd = parse(lines[0]!);
    expect(cmd.properties).toEqual({
      file: live.path,
      line: String(live.line),
      col: String(live.column),
      endColumn: String(live.endColumn),
      title: 'OpenAI legacy API key (live)',
    });
    expect(cmd.message).toContain(`${live.redacted} (openai, rule openai-legacy-key): live (`);
    expect(cmd.message).toContain(`\n${remedy(live)}`);
  });

  it('leaves file= off a commit-message finding and line= off a binary one', () => {
    const commands = lines.slice(0, report.findings.length).map(parse);
    const message = commands.find((c) => c.message.includes('in the message of commit 0123456'))!;
    expect(Object.keys(message.properties)).toEqual(['title']);
    const binary = commands.find((c) => c.properties.file === 'assets/blob.bin')!;
    expect(Object.keys(binary.properties)).toEqual(['file', 'title']);
    expect(binary.message).toContain('at byte offset 4096, base64-encoded');
    const history = commands.find((c) => c.properties.file === 'deleted/.env')!;
    expect(history.message).toContain('introduced by commit 0123456 (Test Author, 2024-01-01)');
    expect(report.findings.some((f) => f.path === COMMIT_MESSAGE_PATH)).toBe(true);
  });
});
