// Which provider a found key is sent to by `scan --verify` depends on what the rules attributed it
// to: the real CLI on a real repository, with stand-in providers that count every request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { runCliAsync, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo } from '../support/repo.js';
import { validateSarif } from '../support/sarif.js';
import { deepseek, fakeProvider, openai, type FakeProvider } from './fake-provider.js';

const keys = new KeyGen(1010);
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

function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  for (const [p, c] of Object.entries(files)) r.write(p, c);
  return r;
}

interface Found {
  ruleId: string;
  provider: string;
  confidence: string;
  description: string;
  fingerprint: string;
  redacted: string;
  verification?: { status: string; detail: string };
}
const findingsOf = (r: CliResult) => (JSON.parse(r.stdout) as { findings: Found[] }).findings;

describe('named service-account keys', () => {
  it('are verified like project keys: one GET /v1/models at OpenAI, nothing at DeepSeek', async () => {
    const key = keys.openaiNamed('nightly-evals');
    oa.on(key, openai.models);
    const r = repo({ '.env': `OPENAI_API_KEY=${key}\n` });
    const out = await runCliAsync(['scan', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    expect(findingsOf(out).map((f) => [f.ruleId, f.provider, f.confidence, f.fingerprint, f.verification?.status])).toEqual([
      ['openai-named-key', 'openai', 'high', fingerprint(key), 'live'],
    ]);
    expect(oa.seen).toEqual([{ path: '/v1/models', authorization: `Bearer ${key}` }]);
    expect(ds.seen).toEqual([]);
    expect(out.stdout).not.toContain(key);
  });
});

describe('a DeepSeek-shaped key whose context names another provider', () => {
  it('is reported as unknown, low confidence, and --verify sends it nowhere', async () => {
    const qwen = keys.deepseek();
    const ours = keys.deepseek();
    ds.on(ours, deepseek.balance(true, '1.00'));
    const r = repo({
      '.env': `DEEPSEEK_API_KEY=${ours}\nALIBABA_API_KEY=${qwen}\n`,
      'app/settings.py': `# Qwen through DashScope's OpenAI-compatible endpoint\nQWEN_KEY = "${qwen}"\n`,
    });
    const out = await runCliAsync(['scan', '--verify', '--format', 'json'], { cwd: r.dir, env });
    expect(out.code).toBe(1);
    const findings = findingsOf(out);
    const shared = findings.filter((f) => f.fingerprint === fingerprint(qwen));
    expect(shared).toHaveLength(2);
    for (const f of shared) {
      expect(f).toMatchObject({
        ruleId: 'deepseek-api-key',
        provider: 'unknown',
        confidence: 'low',
        description: 'sk- + 32 hex, shared by several providers; context names Alibaba DashScope/Qwen',
        verification: {
          status: 'unknown',
          detail: 'not sent to any provider: sk- + 32 hex, shared by several providers; context names Alibaba DashScope/Qwen',
        },
      });
    }
    const mine = findings.filter((f) => f.fingerprint === fingerprint(ours));
    expect(mine.map((f) => [f.provider, f.confidence, f.verification?.status])).toEqual([['deepseek', 'high', 'live']]);

    // The servers count every request: the shared key went to neither provider.
    expect(ds.seen).toEqual([{ path: '/user/balance', authorization: `Bearer ${ours}` }]);
    expect(oa.seen).toEqual([]);
  });

  it('reads well in the console and in valid SARIF, without DeepSeek\'s revoke page', async () => {
    const qwen = keys.deepseek();
    const r = repo({ '.env': `DASHSCOPE_API_KEY=${qwen}\n` });
    const console = await runCliAsync(['scan', '--verify'], { cwd: r.dir, env });
    expect(console.code).toBe(1);
    expect(console.stdout).toContain('context names Alibaba DashScope/Qwen');
    expect(console.stdout).toContain('the console of the provider that issued it');
    expect(console.stdout).not.toContain('platform.deepseek.com');
    const sarif = await runCliAsync(['scan', '--format', 'sarif'], { cwd: r.dir, env });
    const log = JSON.parse(sarif.stdout) as unknown;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.stdout).not.toContain('platform.deepseek.com');
    expect(sarif.stdout).not.toContain(qwen);
    expect([oa.seen, ds.seen]).toEqual([[], []]);
  });
});
