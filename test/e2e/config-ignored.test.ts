// Paths a config's ignore globs leave out are counted as skipped by every command, never passed
// over in silence, and never counted as scanned.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo } from '../support/repo.js';

const keys = new KeyGen(1311);

interface JsonReport {
  findings: { path: string }[];
  stats: { files: number; skipped: Record<string, number> };
}

describe('config ignore globs', () => {
  it('staged and history count ignored files as skipped, once each, and not as scanned', () => {
    const r = new TempRepo();
    r.commit('config', { '.keysentry.json': JSON.stringify({ ignore: ['fixtures/**'] }) });
    r.write('fixtures/a.env', `OPENAI_API_KEY=${keys.openaiProject()}\n`);
    r.write('fixtures/b.env', `DEEPSEEK_API_KEY=${keys.deepseek()}\n`);
    r.write('src/app.py', 'print("hello")\n');
    r.git('add', '-A');

    const staged = runCli(['staged', '--format', 'json'], { cwd: r.dir });
    expect(staged.code, staged.stderr).toBe(0);
    const s = JSON.parse(staged.stdout) as JsonReport;
    expect(s.findings).toEqual([]);
    expect(s.stats.skipped['ignored by config']).toBe(2);
    expect(s.stats.files).toBe(1);

    r.commit('add');
    r.write('fixtures/a.env', `OPENAI_API_KEY=${keys.openaiProject()}\nmore\n`);
    r.commit('edit');
    const history = runCli(['history', '--format', 'json'], { cwd: r.dir });
    expect(history.code, history.stderr).toBe(0);
    const h = JSON.parse(history.stdout) as JsonReport;
    expect(h.findings).toEqual([]);
    // Two paths, however many commits touched them.
    expect(h.stats.skipped['ignored by config']).toBe(2);
  });
});
