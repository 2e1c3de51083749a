import { describe, expect, it } from 'vitest';
import { jsonReporter as streamed } from '../../src/report/json.js';
import { remedy } from '../../src/report/remedy.js';
import { COMMIT_MESSAGE_PATH } from '../../src/types.js';
import { COMMIT, leaked, OPTIONS, plantedReport } from './fixtures.js';

import { render, type ReportOptions as RO } from '../../src/report/reporter.js';
import type { Report as R } from '../../src/types.js';
const jsonReporter = (r: R, o: RO) => render(streamed(r, o));

describe('json reporter', () => {
  const { report, secrets } = plantedReport();
  const text = jsonReporter(report, OPTIONS);
  const out = JSON.parse(text);

  it('is pretty-printed JSON with a trailing newline', () => {
    expect(text.startsWith('{\n  "version": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(out)).toEqual(['version', 'tool', 'keys', 'findings', 'stats', 'warnings']);
    // Written in pieces, laid out as JSON.stringify would lay it out whole.
    expect(text).toBe(`${JSON.stringify(out, null, 2)}\n`);
    const empty = jsonReporter({ ...report, findings: [] }, OPTIONS);
    expect(empty).toBe(`${JSON.stringify(JSON.parse(empty), null, 2)}\n`);
    expect(JSON.parse(empty)).toMatchObject({ keys: [], findings: [] });
  });

  it('lists each distinct key once in keys, most serious first, with its number of places', () => {
    expect(out.keys).toHaveLength(new Set(report.findings.map((f) => f.fingerprint)).size);
    for (const k of out.keys) {
      expect(Object.keys(k).sort()).toEqual(
        ['confidence', 'fingerprint', 'places', 'provider', 'redacted', 'ruleId', ...('verification' in k ? ['verification'] : [])].sort(),
      );
      const places = out.findings.filter((f: { fingerprint: string }) => f.fingerprint === k.fingerprint);
      expect(k.places).toBe(places.length);
      expect(k).toMatchObject({ redacted: places[0].redacted, provider: places[0].provider, ruleId: places[0].ruleId });
    }
    const project = report.findings.find((f) => f.path === 'src/config.ts')!;
    expect(out.keys.find((k: { fingerprint: string }) => k.fingerprint === project.fingerprint).places).toBe(2);
    expect(out.keys[0].verification.status).toBe('live');
    expect(out.keys.at(-1).verification.status).toBe('invalid');
    // A provider reply that quotes the key is scrubbed here too.
    expect(out.keys[0].verification.detail).toBe(`Incorrect handling of ${out.keys[0].redacted}: models listed`);
  });

  it('says whether a history finding is still at HEAD, and only for history', () => {
    expect(out.findings.find((f: { path: string }) => f.path === 'deleted/.env').atHead).toBe(false);
    expect(out.findings.find((f: { path: string }) => f.path === 'src/config.ts')).not.toHaveProperty('atHead');
  });

  it('holds no key by default, every key with showSecrets', () => {
    expect(leaked(text, secrets)).toEqual([]);
    expect(out.findings.some((f: object) => 'secret' in f)).toBe(false);
    const shown = JSON.parse(jsonReporter(report, { ...OPTIONS, showSecrets: true }));
    expect(shown.findings.map((f: { secret: string }) => f.secret).sort()).toEqual(report.findings.map((f) => f.secret).sort());
  });

  it('gives every finding the documented fields and types', () => {
    expect(out.findings).toHaveLength(report.findings.length);
    for (const f of out.findings) {
      expect(f).toMatchObject({
        ruleId: expect.any(String),
        provider: expect.stringMatching(/^(openai|deepseek)$/),
        description: expect.any(String),
        path: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        endColumn: expect.any(Number),
        offset: expect.any(Number),
        redacted: expect.stringMatching(/^sk-.*….{4}$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        confidence: expect.stringMatching(/^(high|medium|low)$/),
        remedy: expect.any(String),
      });
      const allowed = ['ruleId', 'provider', 'description', 'repository', 'path', 'line', 'column', 'endColumn', 'offset', 'redacted', 'snippet', 'fingerprint', 'confidence', 'encoding', 'binary', 'commit', 'author', 'email', 'date', 'position', 'atHead', 'verification', 'remedy', 'sealed'];
      for (const k of Object.keys(f)) expect(allowed).toContain(k);
    }
  });

  it('flattens the commit of a history finding', () => {
    const history = out.findings.find((f: { path: string }) => f.path === 'deleted/.env');
    expect(history).toMatchObject({ commit: COMMIT.sha, author: COMMIT.author, email: COMMIT.email, date: COMMIT.date });
    const message = out.findings.find((f: { path: string }) => f.path === COMMIT_MESSAGE_PATH);
    expect(message.commit).toBe(COMMIT.sha);
    const plain = out.findings.find((f: { path: string }) => f.path === 'src/config.ts');
    for (const k of ['commit', 'author', 'email', 'date', 'verification', 'encoding', 'binary']) expect(plain).not.toHaveProperty(k);
  });

  it('keeps encoding, binary, verification and the remedy', () => {
    const binary = out.findings.find((f: { binary?: boolean }) => f.binary);
    expect(binary).toMatchObject({ binary: true, encoding: 'base64', offset: 4096 });
    const invalid = out.findings.find((f: { verification?: { status: string } }) => f.verification?.status === 'invalid');
    expect(invalid.verification).toEqual({ status: 'invalid', detail: '401 invalid_api_key', checkedAt: '2024-05-01T12:00:00.000Z' });
    const source = report.findings.find((f) => f.verification?.status === 'invalid')!;
    expect(invalid.remedy).toBe(remedy(source));
    // The live key's provider reply quoted the key: it is redacted there too.
    const live = out.findings.find((f: { verification?: { status: string } }) => f.verification?.status === 'live');
    expect(live.verification.detail).toBe(`Incorrect handling of ${live.redacted}: models listed`);
  });

  it('passes stats through and scrubs warnings', () => {
    expect(out.stats).toEqual(report.stats);
    expect(out.warnings[0]).toBe(report.warnings[0]);
    expect(out.warnings[1]).toMatch(/^could not decode a line near sk-…\w{4}$/);
  });

  it('orders findings by location, whatever order they came in', () => {
    const reversed = JSON.parse(jsonReporter({ ...report, findings: [...report.findings].reverse() }, OPTIONS));
    expect(reversed).toEqual(out);
    expect(out.findings.at(-1).path).toBe(COMMIT_MESSAGE_PATH);
  });
});
