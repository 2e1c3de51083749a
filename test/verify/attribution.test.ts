// Which provider a found key is sent to by `scan --verify` depends on what the rules attributed it
// to: the real CLI on a real repository, with stand-in providers that count every request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { runCliAsync, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo } from '../support/repo.js';
import { fakeProvider, openai, type FakeProvider } from './fake-provider.js';

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
