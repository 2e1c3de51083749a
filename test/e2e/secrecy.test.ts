// Tests that fail if a key escapes: keys planted in files, the index, history, commit messages and
// encoded values; a stand-in provider that echoes every key it is sent back in its answers; every
// command, every format, every file the CLI or the Action writes, every error message.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';
import { runAction } from '../action/run.js';
import { fakeProvider, type FakeProvider } from '../verify/fake-provider.js';

const keys = new KeyGen(6006);
const repos: TempRepo[] = [];
let provider: FakeProvider;
let env: NodeJS.ProcessEnv;

// Planted keys, one of each kind, in each place a scan looks.
const committed = { legacy: keys.openaiLegacy(), project: keys.openaiProject(), admin: keys.openaiProject('admin'), deep: keys.deepseek() };
const inMessage = keys.openaiProject('svcacct');
const encoded = keys.deepseek();
const bare = keys.deepseek();
const staged = keys.openaiProject('None', 60);
const all = [...Object.values(committed), inMessage, encoded, bare, staged];

/** A provider gone rogue: it quotes the key back in every status, message and field it has. */
function echo(key: string, i: number): Parameters<FakeProvider['on']>[1] {
  return (_req, res) => {
    const kinds = [
      [401, { error: { message: `Incorrect API key provided: ${key}`, code: `bad_${key}`, type: key } }],
      [429, { error: { message: `Rate limit for ${key}`, code: key, type: 'requests' } }],
      [500, `internal error while handling ${key}`],
      [418, { error: { message: `teapot ${key}`, code: null } }],
      [200, { is_available: true, balance_infos: [{ currency: key, total_balance: key }] }],
      [401, { error: { message: `Missing scopes: ${key}. insufficient permissions`, code: null } }],
    ] as const;
    const [status, body] = kinds[i % kinds.length]!;
    res.writeHead(status, { 'content-type': 'application/json', 'x-echo': key, 'retry-after': '0' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

let r: TempRepo;
beforeAll(async () => {
  provider = await fakeProvider();
  all.forEach((key, i) => provider.on(key, echo(key, i)));
  env = { KEYSENTRY_OPENAI_BASE_URL: provider.url, KEYSENTRY_DEEPSEEK_BASE_URL: provider.url };
  r = new TempRepo();
  repos.push(r);
  r.commit('config', {
    'app.env': `OPENAI_API_KEY=${committed.legacy}\nPROJECT_KEY=${committed.project}\n`,
    'admin.py': `ADMIN = "${committed.admin}"\n`,
    'ds.ts': `// api.deepseek.com\nconst key = "${committed.deep}";\n`,
    'k8s/secret.yaml': `kind: Secret\ndata:\n  DEEPSEEK_API_KEY: ${Buffer.from(encoded).toString('base64')}\n`,
    'notes.txt': `token ${bare}\n`,
  });
  r.commit(`rotate the key\n\nthe old one was ${inMessage}`);
  r.write('new.env', `KEY=${staged}\n`).git('add', 'new.env');
});
afterAll(async () => {
  await provider.close();
  repos.forEach((x) => x.remove());
});

function expectNoKey(where: string, text: string, secrets = all): void {
  for (const key of secrets) {
    // Not the key, nor enough of it to use: its redacted form keeps the prefix and 4 characters.
    expect(text.includes(key), `${where} holds a full key`).toBe(false);
    expect(text.includes(key.slice(3, -4)), `${where} holds the hidden part of a key`).toBe(false);
  }
}

function filesIn(dir: string): [string, string][] {
  return readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

const FORMATS = ['console', 'json', 'sarif', 'github'] as const;

describe('the CLI prints no key unless --show-secrets', () => {
  it.each(['scan', 'staged', 'history'] as const)('%s --verify, in every format, on stdout, stderr and every file', async (command) => {
    const out = tempDir();
    const asked = provider.seen.length;
    for (const format of FORMATS) {
      const args = [command, '--verify', '--format', format, '--sarif', join(out, `${format}.sarif`), '--write-baseline', join(out, `${format}.baseline.json`)];
      const shown = await runCliAsync(args, { cwd: r.dir, env });
      expect(shown.code, `${command} ${format}: ${shown.stderr}`).toBe(0); // --write-baseline exits 0
      expectNoKey(`${command} --format ${format} stdout`, shown.stdout);
      expectNoKey(`${command} --format ${format} stderr`, shown.stderr);
      const written = await runCliAsync([command, '--verify', '--format', format, '--output', join(out, `report.${format}`)], { cwd: r.dir, env });
      expect(written.code).toBe(1);
      expectNoKey(`${command} --format ${format} stderr`, written.stderr);
    }
    const files = filesIn(out);
    expect(files).toHaveLength(12);
    for (const [name, text] of files) expectNoKey(name, text);
    // The verification really ran and quoted the keys back: the test would see a leak.
    const json = JSON.parse(files.find(([n]) => n === 'report.json')![1]) as { findings: { verification?: unknown }[] };
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f) => f.verification)).toBe(true);
    expect(provider.seen.length).toBeGreaterThan(asked);
  });

  it('a baseline holds fingerprints and paths, never keys or verification results', async () => {
    const out = join(tempDir(), 'baseline.json');
    await runCliAsync(['history', '--verify', '--write-baseline', out], { cwd: r.dir, env });
    const baseline = JSON.parse(readFileSync(out, 'utf8')) as { findings: Record<string, unknown>[] };
    expect(baseline.findings.length).toBeGreaterThan(0);
    for (const entry of baseline.findings) expect(Object.keys(entry).sort()).toEqual(['fingerprint', 'path', 'ruleId']);
  });

  it('--show-secrets puts keys in console and JSON only, never in SARIF or GitHub annotations', async () => {
    const out = tempDir();
    const found = [...Object.values(committed), inMessage, encoded, bare];
    for (const format of FORMATS) {
      const res = await runCliAsync(['history', '--show-secrets', '--format', format, '--sarif', join(out, `${format}.sarif`)], { cwd: r.dir, env });
      if (format === 'console' || format === 'json') {
        for (const key of found) expect(res.stdout, format).toContain(key);
      } else {
        expectNoKey(`--show-secrets --format ${format}`, res.stdout);
      }
      expectNoKey(`--show-secrets stderr (${format})`, res.stderr);
    }
    for (const [name, text] of filesIn(out)) expectNoKey(name, text);
  });

  it('keysentry verify: no key in its output, console or JSON, whatever the provider says', async () => {
    for (const format of ['console', 'json']) {
      const res = await runCliAsync(['verify', '--format', format], { cwd: tempDir(), env, input: `${all.join('\n')}\n` });
      expect(res.code).toBe(1);
      expectNoKey(`verify --format ${format}`, res.stdout + res.stderr);
    }
  });

  it('debug switches (NODE_DEBUG, DEBUG) make nothing print a key', async () => {
    const debug = { ...env, NODE_DEBUG: 'http,net,tls,fetch,undici,child_process', DEBUG: '*' };
    const scan = await runCliAsync(['history', '--verify'], { cwd: r.dir, env: debug });
    const verify = await runCliAsync(['verify'], { cwd: tempDir(), env: debug, input: `${staged}\n` });
    expectNoKey('NODE_DEBUG scan', scan.stdout + scan.stderr);
    expectNoKey('NODE_DEBUG verify', verify.stdout + verify.stderr);
  });
});

describe('warnings in reports never repeat a key, found or not', () => {
  it('a key in a file name is redacted in every format', async () => {
    const dir = tempDir();
    const named = keys.openaiProject();
    execFileSync('mkfifo', [join(dir, `${named}.env`)]);
    for (const format of FORMATS) {
      const out = await runCliAsync(['scan', `${named}.env`, '--format', format], { cwd: dir });
      expect(out.stdout + out.stderr, format).toMatch(/not a regular file/);
      expectNoKey(`${format} report of a file named by a key`, out.stdout + out.stderr, [named]);
    }
  });
});

describe('error messages never repeat a key pasted in the wrong place', () => {
  const key = keys.openaiProject();
  const deep = keys.deepseek();
  it.each([
    ['a path', ['scan', key]],
    ['a history range', ['history', '--range', key]],
    ['a since revision', ['history', '--since', `${deep}`]],
    ['a config file', ['scan', '--config', key]],
    ['a baseline file', ['scan', '--baseline', key]],
    ['a base URL', ['scan', '--verify', '--openai-base-url', key]],
    ['a format', ['scan', '--format', key]],
    ['an unknown flag', ['scan', `--${key}`]],
    ['an unknown flag value', ['scan', `--token=${key}`]],
    ['an output file', ['scan', '-o', `${key}/report.json`]],
    ['an argument to verify', ['verify', key]],
    ['a DeepSeek key as an argument to verify', ['verify', deep]],
  ])('%s', async (_, args) => {
    const res: CliResult = await runCliAsync(args, { cwd: r.dir, env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^keysentry: [^\n]+\n$/);
    expectNoKey(args.join(' '), res.stdout + res.stderr, [key, deep]);
  });
});

describe('the GitHub Action: log, annotations, job summary and SARIF', () => {
  it('hold no key, even when the provider quotes them back', async () => {
    const a = new TempRepo();
    repos.push(a);
    const base = a.commit('start', { 'README.md': 'hello\n' });
    a.git('checkout', '-q', '-b', 'feature');
    const planted = [keys.openaiProject(), keys.openaiLegacy(), keys.deepseek(), keys.openaiProject('admin')];
    planted.forEach((key, i) => provider.on(key, echo(key, i)));
    const head = a.commit(`keys\n\nalso ${planted[0]}`, {
      'a.env': `OPENAI_API_KEY=${planted[0]}\n`,
      'b.env': `OPENAI_API_KEY=${planted[1]}\nDEEPSEEK_API_KEY=${planted[2]}\n`,
      'c.py': `ADMIN = "${planted[3]}"\n`,
    });
    const run = await runAction({
      workspace: a.dir,
      event: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 9,
        pull_request: { number: 9, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: head } },
        repository: { default_branch: 'main' },
      },
      inputs: { verify: 'true' },
      env,
    });
    expect(run.code).toBe(1);
    expect(run.errors.length).toBeGreaterThan(0);
    // The log may carry a key only inside the ::add-mask:: command that tells the runner to hide it.
    const log = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expectNoKey('action log', log, planted);
    expectNoKey('action stderr', run.stderr, planted);
    expectNoKey('job summary', run.summary, planted);
    expectNoKey('outputs', JSON.stringify(run.outputs), planted);
    expectNoKey('SARIF', readFileSync(join(a.dir, 'keysentry.sarif'), 'utf8'), planted);
    expect(provider.seen.some((s) => s.authorization === `Bearer ${planted[0]}`)).toBe(true);
  });
});

describe('child processes', () => {
  it('are spawned with argument arrays, never through a shell', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          const imported = /import\s*{([^}]*)}\s*from 'node:child_process'/.exec(text)?.[1] ?? '';
          // exec and execSync always go through a shell; spawn and execFile only when told to.
          if (/\bexec(?:Sync)?\b/.test(imported) || (imported && /\bshell\s*:\s*(?!false)/.test(text))) offenders.push(path);
          if (/require\(['"](?:node:)?child_process['"]\)|import\s+\*\s+as\s+\w+\s+from 'node:child_process'/.test(text)) offenders.push(path);
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
