// The safety limits the README promises, as numbers: if a default changes, this fails and the
// README must change with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/detect/secret.js';
import type { Finding, Provider } from '../../src/types.js';
import { verifyFindings } from '../../src/verify/index.js';
import { settingsOf } from '../../src/verify/options.js';
import { KeyGen } from '../support/keygen.js';
import { delayed, fakeProvider, hang, openai, type FakeProvider } from './fake-provider.js';

let server: FakeProvider;
const gen = new KeyGen(99);

beforeAll(async () => {
  server = await fakeProvider();
});
afterAll(async () => {
  await server.close();
});

function finding(secret: string, provider: Provider): Finding {
  return {
    ruleId: `${provider}-key`,
    provider,
    description: 'test',
    secret,
    fingerprint: fingerprint(secret),
    redacted: redact(secret),
    path: 'a.env',
    line: 1,
    column: 1,
    endColumn: secret.length + 1,
    offset: 0,
    confidence: 'high',
  };
}

describe('defaults', () => {
  it('10 s a request, 4 at once per provider, 2 retries, 60 s for the whole run, the real hosts over https', () => {
    expect(settingsOf({})).toEqual({
      openaiBaseUrl: 'https://api.openai.com',
      deepseekBaseUrl: 'https://api.deepseek.com',
      timeoutMs: 10_000,
      concurrency: 4,
      retries: 2,
      deadlineMs: 60_000,
    });
  });

  it('keeps 4 requests in flight when nothing else is said', async () => {
    const local = await fakeProvider();
    try {
      const keys = Array.from({ length: 10 }, () => gen.openaiProject());
      for (const key of keys) local.on(key, delayed(60, openai.models));
      const findings = keys.map((k) => finding(k, 'openai'));
      await verifyFindings(findings, { openaiBaseUrl: local.url });
      expect(local.seen).toHaveLength(10);
      expect(local.maxInFlight).toBe(4);
    } finally {
      await local.close();
    }
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [{ concurrency: -1 }, /concurrency must be a positive number/],
    [{ retries: -1 }, /retries must be zero or more/],
    [{ deadlineMs: Number.NaN }, /deadlineMs must be a positive number/],
  ])('refuses %o', (options, message) => {
    expect(() => settingsOf(options)).toThrow(message);
  });
});

describe('a provider that hangs does not hold up the other one', () => {
  it('OpenAI keys are checked while every DeepSeek slot waits out its timeout', async () => {
    const stuck = Array.from({ length: 6 }, () => gen.deepseek());
    for (const key of stuck) server.on(key, hang);
    const fast = gen.openaiProject();
    let answeredAt = 0;
    server.on(fast, (req, res) => {
      answeredAt = performance.now();
      openai.models(req, res);
    });
    const findings = [...stuck.map((k) => finding(k, 'deepseek')), finding(fast, 'openai')];
    const start = performance.now();
    await verifyFindings(findings, { openaiBaseUrl: server.url, deepseekBaseUrl: server.url, concurrency: 2, timeoutMs: 400, retries: 0 });
    // Three rounds of two DeepSeek timeouts take 1.2 s; the OpenAI key is not queued behind them.
    expect(answeredAt - start).toBeLessThan(300);
    expect(performance.now() - start).toBeGreaterThanOrEqual(1_150);
    expect(findings.map((f) => f.verification?.status)).toEqual([...Array(6).fill('unknown'), 'live']);
  });
});
