// --verify, --fail-on and `keysentry verify` as a user runs them: the real CLI in its own process,
// talking to stand-in providers on 127.0.0.1 (and to nothing else: the base URLs point here).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/detect/secret.js';
import { BIN, runCliAsync, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';
import { deepseek, drop, fakeProvider, hang, json, openai, sequence, type FakeProvider } from '../verify/fake-provider.js';

const keys = new KeyGen(31337);
let oa: FakeProvider;
let ds: FakeProvider;
let env: NodeJS.ProcessEnv;
const repos: TempRepo[] = [];

beforeAll(async () => {
  [oa, ds] = await Promise.all([fakeProvider(), fakeProvider()]);
  env = { KEYSENTRY_OPENAI_BASE_URL: oa.url, KEYSENTRY_DEEPSEEK_BASE_URL: ds.url };
});
afterAll(async () => {
  await Promise.all([oa.close(), ds.close()]);
  for (const r of repos) r.remove();
});
beforeEach(() => {
  oa.seen.length = 0;
  ds.seen.length = 0;
});

function repo(files: Record<string, string>, commit = false): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  if (commit) r.commit('keys', files);
  else for (const [p, c] of Object.entries(files)) r.write(p, c);
  return r;
}

interface Verified {
  path: string;
  fingerprint: string;
  confidence: string;
  verification?: { status: string; detail: string; checkedAt: string };
}
const findingsOf = (r: CliResult) => (JSON.parse(r.stdout) as { findings: Verified[] }).findings;
const isDeepSeek = (key: string) => /^sk-[0-9a-f]{32}$/.test(key);
const serverOf = (key: string) => (isDeepSeek(key) ? ds : oa);
const requests = (server: FakeProvider, key: string) => server.seen.filter((s) => s.authorization === `Bearer ${key}`);

describe('scan --verify', () => {
  it('checks each distinct key once, at the right endpoint, and sets the result on every finding of it', async () => {
    const live = keys.openaiProject();
    const admin = keys.openaiProject('admin');
    const dead = keys.deepseek();
    const bare = keys.deepseek();
    oa.on(live, openai.models);
    oa.on(admin, openai.adminKeys);
    ds.on(dead, deepseek.unauthorized);
    ds.on(bare, deepseek.balance(true, '3.50', 'USD'));
    const r = repo({
      'a.env': `OPENAI_API_KEY=${live}\n`,
      'b.env': `OPENAI_API_KEY=${live}\nADMIN=${admin}\n`,
      'c/c.py': `key = "${live}"\n`,
      'd.env': `DEEPSEEK_API_KEY=${dead}\n`,
      'e.env': `DEEPSEEK_API_KEY=${dead}\n`,
      'f.txt': `token ${bare}\n`,
    });

    const out = await runCliAsync(['scan', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    const findings = findingsOf(out);
    expect(findings).toHaveLength(7);
    const status = (key: string) => findings.filter((f) => f.fingerprint === fingerprint(key)).map((f) => f.verification?.status);
    expect(status(live)).toEqual(['live', 'live', 'live']);
    expect(status(admin)).toEqual(['live']);
    expect(status(dead)).toEqual(['invalid', 'invalid']);
    expect(status(bare)).toEqual(['live']);
    for (const f of findings) expect(Number.isNaN(Date.parse(f.verification!.checkedAt))).toBe(false);
    const shared = findings.find((f) => f.fingerprint === fingerprint(bare))!;
    expect(shared.confidence).toBe('medium');
    expect(shared.verification!.detail).toBe('balance 3.50 USD; verified against DeepSeek: key shape is shared by other providers');

    // One request per distinct key, and nothing else.
    expect(requests(oa, live).map((s) => s.path)).toEqual(['/v1/models']);
    expect(requests(oa, admin).map((s) => s.path)).toEqual(['/v1/organization/admin_api_keys?limit=1']);
    expect(requests(ds, dead).map((s) => s.path)).toEqual(['/user/balance']);
    expect(requests(ds, bare).map((s) => s.path)).toEqual(['/user/balance']);
    expect([oa.seen.length, ds.seen.length]).toEqual([2, 2]);
  });

  it('sends nothing without --verify, even with base URLs set', async () => {
    const key = keys.openaiProject();
    oa.on(key, openai.models);
    const r = repo({ 'a.env': `OPENAI_API_KEY=${key}\n` });
    const out = await runCliAsync(['scan', '--format', 'json'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    expect(findingsOf(out)[0]!.verification).toBeUndefined();
    expect([oa.seen, ds.seen]).toEqual([[], []]);
  });

  it('sends nothing when there is nothing to verify', async () => {
    const r = repo({ 'a.txt': 'no keys here: sk-your-key-here\n' });
    const out = await runCliAsync(['scan', '--verify'], { cwd: r.dir, env });
    expect(out.code).toBe(0);
    expect([oa.seen, ds.seen]).toEqual([[], []]);
  });

  it('shows the status and the remedy on the console', async () => {
    const live = keys.openaiLegacy();
    const dead = keys.openaiProject();
    oa.on(live, openai.models);
    oa.on(dead, openai.invalid);
    const r = repo({ 'live.env': `OPENAI_API_KEY=${live}\n`, 'dead.env': `OPENAI_API_KEY=${dead}\n` });
    const out = await runCliAsync(['scan', '--verify'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    // The console's block for the key found in file: one block per key, its places under it.
    const block = (file: string) => out.stdout.split('\n\n').find((b) => b.includes(`\n  ${file}:`))!;
    expect(block('live.env')).toMatch(/live \(OpenAI accepted the key/);
    expect(block('live.env')).toContain('Revoke it at https://platform.openai.com/api-keys and rotate it');
    expect(block('dead.env')).toMatch(/invalid \(OpenAI rejected the key: invalid_api_key/);
    expect(block('dead.env')).toContain('remove it from the code and from git history');
  });

  it('verifies history and staged findings too', async () => {
    const old = keys.openaiProject('svcacct');
    const fresh = keys.deepseek();
    oa.on(old, openai.insufficientQuota);
    ds.on(fresh, deepseek.insufficientBalance);
    const r = repo({ 'old.env': `OPENAI_API_KEY=${old}\n` }, true);
    r.write('new.env', `DEEPSEEK_API_KEY=${fresh}\n`).git('add', 'new.env');

    const history = await runCliAsync(['history', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(findingsOf(history).map((f) => [f.path, f.verification?.status])).toEqual([['old.env', 'quota_exhausted']]);
    const staged = await runCliAsync(['staged', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(findingsOf(staged).map((f) => [f.path, f.verification?.status])).toEqual([['new.env', 'quota_exhausted']]);
    expect([history.code, staged.code]).toEqual([1, 1]);
  });
});

describe('--fail-on live', () => {
  async function failOn(behaviours: [string, Parameters<FakeProvider['on']>[1]][], extra: string[] = ['--fail-on', 'live']) {
    const files: Record<string, string> = {};
    behaviours.forEach(([key, behaviour], i) => {
      serverOf(key).on(key, behaviour);
      files[`k${i}.env`] = `${isDeepSeek(key) ? 'DEEPSEEK' : 'OPENAI'}_API_KEY=${key}\n`;
    });
    const r = repo(files);
    return runCliAsync(['scan', '--verify', ...extra], { cwd: r.dir, env });
  }

  it('passes when every key is verified invalid', async () => {
    const out = await failOn([
      [keys.openaiProject(), openai.invalid],
      [keys.openaiLegacy(), openai.deactivated],
      [keys.deepseek(), deepseek.unauthorized],
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });

  it('fails on those keys by default (--fail-on any)', async () => {
    const out = await failOn([[keys.openaiProject(), openai.invalid]], []);
    expect(out.code).toBe(1);
  });

  it.each([
    ['live', openai.models],
    ['a restricted key (live)', openai.missingScopes],
    ['quota_exhausted', openai.insufficientQuota],
    ['rate_limited', openai.rateLimited({ 'retry-after': '0' })],
  ])('fails on %s: a credential all the same', async (_, behaviour) => {
    const out = await failOn([
      [keys.openaiProject(), openai.invalid],
      [keys.openaiProject(), behaviour],
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(/treated as live/);
  });

  it('fails closed on a key that could not be checked, and says so', async () => {
    const out = await failOn([
      [keys.openaiProject(), openai.invalid],
      [keys.deepseek(), json(404, { error: { message: 'no such route' } })],
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^keysentry: 1 finding\(s\) could not be verified and are treated as live \(--fail-on live fails closed\)$/m);
  });

  it('fails closed without --verify: nothing was checked', async () => {
    const key = keys.openaiProject();
    const r = repo({ 'a.env': `OPENAI_API_KEY=${key}\n` });
    const out = await runCliAsync(['scan', '--fail-on', 'live'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/1 finding\(s\) could not be verified and are treated as live/);
    expect(oa.seen).toEqual([]);
  });
});

describe('faults: every broken answer is unknown with its reason, and the scan still ends', () => {
  it('500, 503 with and without Retry-After, a reset connection, malformed JSON, an HTML 200', async () => {
    const cases = {
      '500': [keys.openaiProject(), json(500, { error: { message: 'The server had an error', type: 'server_error' } }), /^OpenAI server error \(HTTP 500\) after 3 attempts$/],
      '503 Retry-After': [keys.deepseek(), json(503, { error: { message: 'Server Overloaded' } }, { 'retry-after': '0' }), /^DeepSeek server error \(HTTP 503\) after 3 attempts$/],
      '503': [keys.deepseek(), json(503, 'Service Unavailable'), /^DeepSeek server error \(HTTP 503\) after 3 attempts$/],
      reset: [keys.openaiProject(), drop, /^OpenAI: connection failed: .+ \(after 3 attempts\)$/],
      malformed: [keys.deepseek(), json(200, '{"is_available": true, "balance_infos": ['), /without the expected balance/],
      html: [keys.openaiLegacy(), json(200, '<html>captive portal</html>'), /HTTP 200 without the expected list \(not JSON\)/],
    } as const;
    const files: Record<string, string> = {};
    for (const [name, [key, behaviour]] of Object.entries(cases)) {
      serverOf(key).on(key, behaviour);
      files[`${name}.env`] = `API_KEY=${key}\n`;
    }
    const r = repo(files);
    const start = performance.now();
    const out = await runCliAsync(['scan', '--verify', '--fail-on', 'live', '--format', 'json'], { cwd: r.dir, env });
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(out.code).toBe(1);
    const byPath = Object.fromEntries(findingsOf(out).map((f) => [f.path, f.verification]));
    for (const [name, [, , detail]] of Object.entries(cases)) {
      expect(byPath[`${name}.env`]?.status, name).toBe('unknown');
      expect(byPath[`${name}.env`]?.detail.replace(/; verified against DeepSeek.*$/, ''), name).toMatch(detail);
    }
    expect(out.stderr).toMatch(/6 finding\(s\) could not be verified and are treated as live/);
  });

  it('a provider that never answers costs the 10 s timeout, once, not a hung scan', async () => {
    const key = keys.openaiProject();
    oa.on(key, hang);
    const r = repo({ 'a.env': `OPENAI_API_KEY=${key}\n` });
    const start = performance.now();
    const out = await runCliAsync(['scan', '--verify', '--fail-on', 'live', '--format', 'json'], { cwd: r.dir, env });
    const ms = performance.now() - start;
    expect(ms).toBeGreaterThanOrEqual(9_900);
    expect(ms).toBeLessThan(20_000);
    expect(findingsOf(out)[0]!.verification).toMatchObject({ status: 'unknown', detail: 'OpenAI: no answer within 10 s' });
    expect(out.code).toBe(1);
    expect(requests(oa, key)).toHaveLength(1);
  }, 30_000);

  it('a rate limit that clears is retried to an answer', async () => {
    const key = keys.deepseek();
    ds.on(key, sequence(deepseek.rateLimited({ 'retry-after': '0' }), deepseek.balance(true, '9.00')));
    const r = repo({ 'a.env': `DEEPSEEK_API_KEY=${key}\n` });
    const out = await runCliAsync(['scan', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(findingsOf(out)[0]!.verification).toMatchObject({ status: 'live', detail: 'balance 9.00 CNY' });
    expect(requests(ds, key)).toHaveLength(2);
  });
});

describe('where keys may go', () => {
  it('follows no redirect: the server it points to sees nothing', async () => {
    const elsewhere = await fakeProvider();
    try {
      const key = keys.openaiProject();
      elsewhere.on(key, openai.models);
      oa.on(key, (_req, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/v1/models` });
        res.end();
      });
      const r = repo({ 'a.env': `OPENAI_API_KEY=${key}\n` });
      const out = await runCliAsync(['scan', '--verify', '--format', 'json'], { cwd: r.dir, env });
      expect(findingsOf(out)[0]!.verification).toMatchObject({ status: 'unknown', detail: 'OpenAI: redirect refused (HTTP 302)' });
      expect(requests(oa, key)).toHaveLength(1);
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it.each([
    ['--openai-base-url', ['--openai-base-url', 'http://api.openai.com'], {}],
    ['--deepseek-base-url', ['--deepseek-base-url', 'http://10.0.0.1:8080'], {}],
    ['KEYSENTRY_OPENAI_BASE_URL', [], { KEYSENTRY_OPENAI_BASE_URL: 'http://proxy.internal' }],
  ])('refuses plain http:// to a non-loopback host (%s): exit 2, one line, nothing sent', async (_, flags, extraEnv) => {
    const key = keys.openaiProject();
    oa.on(key, openai.models);
    const r = repo({ 'a.env': `OPENAI_API_KEY=${key}\n` });
    for (const args of [['scan', '--verify', ...flags], ['verify', ...flags]]) {
      const out = await runCliAsync(args, { cwd: r.dir, env: { ...env, ...extraEnv }, input: `${key}\n` });
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/^keysentry: .* refused: plain http:\/\/ would send keys unencrypted[^\n]*\n$/);
    }
    expect([oa.seen, ds.seen]).toEqual([[], []]);
  });

  it('a base-URL flag wins over the environment', async () => {
    const other = await fakeProvider();
    try {
      const key = keys.deepseek();
      other.on(key, deepseek.balance(true, '1.00'));
      const r = repo({ 'a.env': `DEEPSEEK_API_KEY=${key}\n` });
      const out = await runCliAsync(['scan', '--verify', '--format', 'json', '--deepseek-base-url', other.url], { cwd: r.dir, env });
      expect(findingsOf(out)[0]!.verification?.status).toBe('live');
      expect(other.seen.map((s) => s.path)).toEqual(['/user/balance']);
      expect(ds.seen).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('keysentry verify (the process)', () => {
  it('reads keys from stdin: console shows redacted key, provider, status, detail and remedy', async () => {
    const live = keys.openaiProject();
    const spent = keys.deepseek();
    oa.on(live, openai.models);
    ds.on(spent, deepseek.balance(false, '0.00'));
    const out = await runCliAsync(['verify'], { cwd: tempDir(), env, input: `${live}\n${spent}\n${live}\n` });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`^${escape(redact(live))}\\s+openai\\s+live\\s+OpenAI accepted the key`, 'm'));
    expect(out.stdout).toMatch(new RegExp(`^${escape(redact(spent))}\\s+deepseek\\s+quota_exhausted\\s+DeepSeek accepted the key but it cannot spend`, 'm'));
    expect(out.stdout).toContain('→ Revoke it now at https://platform.openai.com/api-keys');
    expect(out.stdout).toContain('2 keys checked: 1 live, 1 quota_exhausted');
    expect(out.stdout + out.stderr).not.toContain(live);
    expect(out.stdout + out.stderr).not.toContain(spent);
    expect(requests(oa, live)).toHaveLength(1);
  });

  it('--format json prints version 1 and one result per key; exit 0 when all are invalid', async () => {
    const a = keys.openaiProject();
    const b = keys.deepseek();
    oa.on(a, openai.invalid);
    ds.on(b, deepseek.unauthorized);
    const out = await runCliAsync(['verify', '--format', 'json'], { cwd: tempDir(), env, input: `${a}\r\n${b}\r\n` });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      version: 1,
      results: [
        { fingerprint: fingerprint(a), redacted: redact(a), provider: 'openai', status: 'invalid', detail: expect.stringMatching(/invalid_api_key/) },
        { fingerprint: fingerprint(b), redacted: redact(b), provider: 'deepseek', status: 'invalid', detail: expect.stringMatching(/HTTP 401/) },
      ],
    });
  });

  it.each([
    ['as an argument', (key: string) => ['verify', key]],
    ['after --', (key: string) => ['verify', '--', key]],
    ['as a flag value', (key: string) => ['verify', '--format', 'json', key]],
  ])('refuses a key given %s, without printing it or sending it', async (_, args) => {
    const key = keys.openaiProject();
    oa.on(key, openai.models);
    const out = await runCliAsync(args(key), { cwd: tempDir(), env });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('keysentry: keysentry verify reads keys from stdin only, one per line (e.g. `pbpaste | keysentry verify`), never from arguments\n');
    expect(oa.seen).toEqual([]);
  });
});

describe('keysentry verify reads text, not only keys', () => {
  it('finds the keys in pasted text: a .env line, JSON, a curl command', async () => {
    const a = keys.deepseek();
    const b = keys.openaiProject();
    ds.on(a, deepseek.unauthorized);
    oa.on(b, openai.invalid);
    const input = `DEEPSEEK_API_KEY=${a}\n{"key": "${b}"}\ncurl -H "Authorization: Bearer ${b}" https://api.openai.com/v1/models\n`;
    const out = await runCliAsync(['verify', '-f', 'json'], { cwd: tempDir(), env, input });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).results.map((r: { fingerprint: string }) => r.fingerprint)).toEqual([fingerprint(a), fingerprint(b)]);
  });

  it('streams stdin: a line of 48 MB with a key at its end, in a 24 MB heap', async () => {
    const key = keys.openaiProject();
    oa.on(key, openai.invalid);
    const input = Buffer.concat([Buffer.alloc(48 << 20, 'a'), Buffer.from(` ${key}\n`)]);
    const out = await runCliAsync(['verify', '-f', 'json'], { cwd: tempDir(), env, input, nodeArgs: ['--max-old-space-size=24'] });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).results[0].fingerprint).toBe(fingerprint(key));
  });

  it.skipIf(process.platform !== 'linux')('prompts on a terminal, on stderr', () => {
    // script(1) gives the CLI a terminal; Ctrl-D (\x04) there ends the input.
    const command = [process.execPath, BIN, 'verify'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: tempDir(), input: 'no key here\n\x04', encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } });
    expect(r.stdout).toContain('Paste keys or text, then Ctrl-D');
    expect(r.stdout).toContain('keysentry: no OpenAI or DeepSeek key found in the text on stdin');
    expect(r.status).toBe(2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
