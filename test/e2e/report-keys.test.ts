// The reports as users read them, from the real CLI: grouped by key in the console for tree,
// staged and history scans, `keys` in JSON, and no key from a path in any output or file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../action/run.js';
import { runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { removeTempDirs, TempRepo, tempDir } from '../support/repo.js';
import { validateSarif } from '../support/sarif.js';

afterAll(removeTempDirs);

const gen = new KeyGen(1010);
const shared = gen.openaiProject();
const lone = gen.deepseek();

/** Fails with the redacted form (never the key) of any key, or its hidden middle, found in text. */
function leaked(text: string, keys: readonly string[]): string[] {
  return keys.filter((k) => text.includes(k) || text.includes(k.slice(8, -5))).map((k) => `${k.slice(0, 3)}…${k.slice(-4)}`);
}

interface JsonOut {
  keys: { fingerprint: string; redacted: string; places: number }[];
  findings: { fingerprint: string; path: string; line: number; column: number; atHead?: boolean }[];
}

/**
 * The console report against the JSON one of the same scan: one block per key, in the order of
 * `keys`, each block naming every place of its key as path:line:col, and nothing else.
 */
function expectGrouped(console: string, json: JsonOut): void {
  const headers = console.split('\n').filter((l) => /^sk-/.test(l));
  expect(headers.map((h) => h.split('  ')[0])).toEqual(json.keys.map((k) => k.redacted));
  const blocks = console.split('\n\n').filter((b) => /^sk-/.test(b));
  for (const [i, key] of json.keys.entries()) {
    const places = json.findings.filter((f) => f.fingerprint === key.fingerprint);
    expect(places).toHaveLength(key.places);
    const tokens = blocks[i]!.split('\n').filter((l) => /^ {2}[^\s→]/.test(l)).map((l) => l.trim().split('  ')[0]);
    expect(tokens).toEqual(places.map((f) => `${f.path}:${f.line}:${f.column}`));
    expect(blocks[i]!.match(/\n {2}→ /g)).toHaveLength(1);
  }
}

function scan(repo: TempRepo, ...args: string[]): { console: string; json: JsonOut } {
  const human = runCli([...args], { cwd: repo.dir });
  const json = runCli([...args, '--format', 'json'], { cwd: repo.dir });
  expect(human.code, human.stderr).toBe(1);
  return { console: human.stdout, json: JSON.parse(json.stdout) as JsonOut };
}

describe('console report grouped by key', () => {
  it('tree: one block per key, its places and a redacted snippet of each line', () => {
    const repo = new TempRepo();
    repo.write('app/.env', `OPENAI_API_KEY=${shared}\nDEEPSEEK_API_KEY=${lone}\n`);
    repo.write('deploy/settings.py', `client = OpenAI(api_key="${shared}")\n`);
    const { console, json } = scan(repo, 'scan', '.');
    expect(json.keys.map((k) => k.places).sort()).toEqual([1, 2]);
    expectGrouped(console, json);
    expect(console).toContain(`\n  app/.env:1:16\n      OPENAI_API_KEY=sk-proj-…${shared.slice(-4)}\n`);
    expect(console).toContain(`\n  deploy/settings.py:1:26\n      client = OpenAI(api_key="sk-proj-…${shared.slice(-4)}")\n`);
    expect(console).toContain('3 findings (2 distinct keys) in 2 files.');
    expect(leaked(console, [shared, lone])).toEqual([]);
  });

  it('staged: the same, with the ways out of a blocked commit', () => {
    const repo = new TempRepo();
    repo.commit('init', { 'README.md': 'hi\n' });
    repo.write('a.env', `KEY=${shared}\n`).write('b/c.ts', `const k = "${shared}";\nconst d = "${lone}"; // DEEPSEEK\n`);
    repo.git('add', '-A');
    const { console, json } = scan(repo, 'staged');
    expect(json.keys).toHaveLength(2);
    expectGrouped(console, json);
    expect(console).toContain('To commit, either:');
  });

  it('history: each place with its commit, and whether the key is still at HEAD when the scan says', () => {
    const repo = new TempRepo();
    repo.commit('add keys', { 'a.env': `KEY=${shared}\n`, 'old.env': `DEEPSEEK_API_KEY=${lone}\n` });
    repo.git('rm', '-q', 'old.env');
    repo.commit('drop old.env');
    const { console, json } = scan(repo, 'history');
    expectGrouped(console, json);
    expect(console).toMatch(/\n {2}a\.env:1:5 {2}commit [0-9a-f]{7} by .+ on 2024-01-01/);
    for (const f of json.findings) {
      if (f.atHead === undefined) continue; // the history source says it, when it knows
      expect(console).toContain(`${f.path}:${f.line}:${f.column}`);
      expect(f.atHead).toBe(f.path === 'a.env');
    }
  });
});

describe('a key in a path (a cache folder named after a key)', () => {
  const inPath = gen.openaiProject();
  const inFile = gen.openaiLegacy();

  function cacheRepo(): TempRepo {
    const repo = new TempRepo();
    repo.write(`.cache/${inPath}/creds.env`, `OPENAI_API_KEY=${inFile}\n`);
    repo.write('.gitignore', 'out/\n');
    return repo;
  }

  it('appears in no format, no written file, and no stderr', () => {
    const repo = cacheRepo();
    const out = tempDir();
    for (const format of ['console', 'json', 'sarif', 'github']) {
      const r = runCli(['scan', '.', '--format', format, '-o', join(out, `report.${format}`)], { cwd: repo.dir });
      expect(r.code, r.stderr).toBe(1);
      expect(leaked(r.stderr, [inPath, inFile])).toEqual([]);
      const stdout = runCli(['scan', '.', '--format', format], { cwd: repo.dir });
      expect(leaked(stdout.stdout + stdout.stderr, [inPath, inFile])).toEqual([]);
      expect(stdout.stdout).toContain('.cache/sk-proj-');
    }
    const extra = runCli(['scan', '.', '--sarif', join(out, 'also.sarif'), '--write-baseline', join(out, 'baseline.json')], { cwd: repo.dir });
    expect(extra.code, extra.stderr).toBe(0); // writing a baseline passes
    for (const file of readdirSync(out)) expect(leaked(readFileSync(join(out, file), 'utf8'), [inPath, inFile]), file).toEqual([]);

    const sarif = JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8'));
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^\.cache\/sk-proj-%E2%80%A6\w{4}\/creds\.env$/);
    // The baseline still accepts the finding it recorded.
    const again = runCli(['scan', '.', '--baseline', join(out, 'baseline.json')], { cwd: repo.dir });
    expect(again.code, again.stdout).toBe(0);
  });

  it('appears in none of the Action log, annotations, SARIF file and job summary', async () => {
    const repo = cacheRepo();
    repo.commit('cache');
    const run = await runAction({
      workspace: repo.dir,
      event: 'push',
      inputs: { mode: 'scan' },
      env: { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: 'f'.repeat(40) },
    });
    expect(run.code, run.stderr).toBe(1);
    // ::add-mask:: hands the runner each found key to mask in every later log line, by design.
    const log = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(leaked(log.join('\n') + run.stderr + run.summary, [inPath, inFile])).toEqual([]);
    expect(run.stdout).not.toContain(`::add-mask::${inPath}`);
    const sarif = readFileSync(run.outputs['sarif-file']!, 'utf8');
    expect(leaked(sarif, [inPath, inFile])).toEqual([]);
    expect(run.summary).toContain(`https://github.example/acme/app/blob/${'f'.repeat(40)}/.cache/sk-proj-%E2%80%A6`);
  });
});
