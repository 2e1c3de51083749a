// Slow, broken and hostile "providers": every one must end as `unknown` with a reason, within the
// time limits, without following redirects and without an unhandled rejection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/detect/secret.js';
import type { Finding } from '../../src/types.js';
import { verifyFindings, verifyKey, type VerifyOptions } from '../../src/verify/index.js';
import { KeyGen } from '../support/keygen.js';
import { delayed, drop, fakeProvider, hang, json, openai, deepseek, sequence, stallBody, type FakeProvider } from './fake-provider.js';

let server: FakeProvider;
let base: VerifyOptions;
const gen = new KeyGen(77);
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeAll(async () => {
  server = await fakeProvider();
  base = { openaiBaseUrl: server.url, deepseekBaseUrl: server.url, timeoutMs: 300, retries: 2 };
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await server.close();
});
afterEach(async () => {
  // Give a stray rejection from an aborted request a moment to surface.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(rejections).toEqual([]);
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

function requestsFor(key: string): number {
  return server.seen.filter((s) => s.authorization === `Bearer ${key}`).length;
}

describe('time limits', () => {
  it('no answer → unknown after the per-request timeout, not retried', async () => {
    const key = gen.openaiProject();
    server.on(key, hang);
    const { value, ms } = await timed(() => verifyKey(key, 'openai', base));
    expect(value.status).toBe('unknown');
    expect(value.detail).toBe('OpenAI: no answer within 0.3 s');
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(1_500);
    expect(requestsFor(key)).toBe(1);
  });

  it('headers then a stalled body → unknown after the timeout', async () => {
    const key = gen.openaiProject();
    server.on(key, stallBody);
    const { value, ms } = await timed(() => verifyKey(key, 'openai', base));
    expect(value).toMatchObject({ status: 'unknown', detail: 'OpenAI: no answer within 0.3 s' });
    expect(ms).toBeLessThan(1_500);
  });

  it('the run deadline cuts a request short and skips keys still queued', async () => {
    const keys = Array.from({ length: 3 }, () => gen.deepseek());
    for (const key of keys) server.on(key, hang);
    const findings = keys.map((k) => finding(k));
    const { ms } = await timed(() =>
      verifyFindings(findings, { ...base, timeoutMs: 10_000, deadlineMs: 400, concurrency: 1 }),
    );
    expect(ms).toBeLessThan(2_000);
    expect(findings.map((f) => f.verification?.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(findings[0]!.verification!.detail).toMatch(/^DeepSeek: no answer before the verification deadline/);
    expect(findings[2]!.verification!.detail).toMatch(/^DeepSeek: verification deadline passed before the check/);
    expect(keys.map(requestsFor)).toEqual([1, 0, 0]);
  });

  it('does not wait out a Retry-After beyond a few seconds: answers rate_limited at once', async () => {
    const key = gen.openaiProject();
    server.on(key, openai.rateLimited({ 'retry-after': '120' }));
    const { value, ms } = await timed(() => verifyKey(key, 'openai', base));
    expect(value.status).toBe('rate_limited');
    expect(value.detail).toMatch(/retry after 120 s/);
    expect(requestsFor(key)).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });

  it('does not retry past the deadline', async () => {
    const key = gen.deepseek();
    server.on(key, json(503, { error: { message: 'Server Overloaded' } }, { 'retry-after': '2' }));
    const { value, ms } = await timed(() => verifyKey(key, 'deepseek', { ...base, deadlineMs: 1_000 }));
    expect(value).toMatchObject({ status: 'unknown', detail: 'DeepSeek server error (HTTP 503)' });
    expect(requestsFor(key)).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });
});

describe('retries', () => {
  it('500 without Retry-After → retried with backoff, then unknown', async () => {
    const key = gen.openaiProject();
    server.on(key, json(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }));
    const { value, ms } = await timed(() => verifyKey(key, 'openai', base));
    expect(value).toMatchObject({ status: 'unknown', detail: 'OpenAI server error (HTTP 500) after 3 attempts' });
    expect(requestsFor(key)).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(700); // 250 ms, then 500 ms
  });

  it('503 with Retry-After: 0 → retried at once, then unknown', async () => {
    const key = gen.deepseek();
    server.on(key, json(503, { error: { message: 'Server Overloaded' } }, { 'retry-after': '0' }));
    const { value, ms } = await timed(() => verifyKey(key, 'deepseek', base));
    expect(value).toMatchObject({ status: 'unknown', detail: 'DeepSeek server error (HTTP 503) after 3 attempts' });
    expect(requestsFor(key)).toBe(3);
    expect(ms).toBeLessThan(500);
  });

  it('honours Retry-After in seconds', async () => {
    const key = gen.deepseek();
    server.on(key, sequence(json(503, {}, { 'retry-after': '1' }), deepseek.balance(true, '2.00')));
    const { value, ms } = await timed(() => verifyKey(key, 'deepseek', base));
    expect(value.status).toBe('live');
    expect(requestsFor(key)).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const key = gen.openaiProject();
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.on(key, sequence(json(503, {}, { 'retry-after': past }), openai.models));
    const { value, ms } = await timed(() => verifyKey(key, 'openai', base));
    expect(value.status).toBe('live');
    expect(requestsFor(key)).toBe(2);
    expect(ms).toBeLessThan(500);
  });

  it('retries: 0 makes one request', async () => {
    const key = gen.openaiProject();
    server.on(key, json(502, 'bad gateway'));
    const value = await verifyKey(key, 'openai', { ...base, retries: 0 });
    expect(value.status).toBe('unknown');
    expect(requestsFor(key)).toBe(1);
  });
});

describe('broken answers', () => {
  it('a dropped connection → retried, then unknown with the reason', async () => {
    const key = gen.openaiProject();
    server.on(key, drop);
    const value = await verifyKey(key, 'openai', base);
    expect(value.status).toBe('unknown');
    expect(value.detail).toMatch(/^OpenAI: connection failed: .+ \(after 3 attempts\)$/);
    expect(requestsFor(key)).toBe(3);
  });

  it('a connection dropped once → the retry succeeds', async () => {
    const key = gen.deepseek();
    server.on(key, sequence(drop, deepseek.balance(true, '7.00')));
    const value = await verifyKey(key, 'deepseek', base);
    expect(value).toMatchObject({ status: 'live', detail: 'balance 7.00 CNY' });
  });

  it('nobody listening → unknown', async () => {
    const closed = await fakeProvider();
    await closed.close();
    const value = await verifyKey(gen.deepseek(), 'deepseek', { ...base, deepseekBaseUrl: closed.url, retries: 0 });
    expect(value.status).toBe('unknown');
    expect(value.detail).toMatch(/^DeepSeek: connection failed: .*ECONNREFUSED/);
  });

  it('malformed JSON → unknown', async () => {
    const key = gen.openaiProject();
    server.on(key, json(200, '{"object": "list", "data": [{"id": '));
    const value = await verifyKey(key, 'openai', base);
    expect(value.status).toBe('unknown');
    expect(value.detail).toMatch(/not JSON/);
  });

  it('a body over 1 MiB → unknown', async () => {
    const key = gen.openaiProject();
    server.on(key, json(200, { object: 'list', data: [], padding: 'x'.repeat(2 << 20) }));
    const value = await verifyKey(key, 'openai', base);
    expect(value).toMatchObject({ status: 'unknown', detail: 'OpenAI: answer larger than 1 MiB' });
  });
});

describe('redirects', () => {
  it('are refused: the key never reaches the second server', async () => {
    const elsewhere = await fakeProvider();
    try {
      const key = gen.openaiProject();
      elsewhere.on(key, openai.models);
      server.on(key, (_req, res) => {
        res.writeHead(307, { location: `${elsewhere.url}/v1/models` });
        res.end();
      });
      const value = await verifyKey(key, 'openai', base);
      expect(value).toMatchObject({ status: 'unknown', detail: 'OpenAI: redirect refused (HTTP 307)' });
      expect(elsewhere.seen).toEqual([]);
      expect(requestsFor(key)).toBe(1);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('a slow provider does not hold up the other', () => {
  it('DeepSeek hangs, OpenAI answers at once', async () => {
    const slow = gen.deepseek();
    const fast = gen.openaiProject();
    server.on(slow, hang);
    server.on(fast, delayed(10, openai.models));
    const findings = [finding(slow), { ...finding(fast), provider: 'openai' as const }];
    await verifyFindings(findings, base);
    expect(findings.map((f) => f.verification?.status)).toEqual(['unknown', 'live']);
  });
});

function finding(secret: string): Finding {
  return {
    ruleId: 'deepseek-key',
    provider: 'deepseek',
    description: 'test',
    secret,
    fingerprint: fingerprint(secret),
    redacted: redact(secret),
    path: 'a.env',
    line: 1,
    column: 0,
    endColumn: secret.length,
    offset: 0,
    confidence: 'high',
  };
}
