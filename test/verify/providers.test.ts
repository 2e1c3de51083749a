import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/detect/secret.js';
import type { Finding, Provider } from '../../src/types.js';
import { verifyFindings, verifyKey, type VerifyOptions } from '../../src/verify/index.js';
import { KeyGen } from '../support/keygen.js';
import { deepseek, fakeProvider, json, openai, sequence, type Behaviour, type FakeProvider } from './fake-provider.js';

let oa: FakeProvider;
let ds: FakeProvider;
let options: VerifyOptions;
const gen = new KeyGen(2024);

beforeAll(async () => {
  [oa, ds] = await Promise.all([fakeProvider(), fakeProvider()]);
  options = { openaiBaseUrl: oa.url, deepseekBaseUrl: ds.url, timeoutMs: 2_000, retries: 2 };
});
afterAll(async () => {
  await Promise.all([oa.close(), ds.close()]);
});

/** Registers the behaviour for a fresh key, verifies it, and returns the result and the requests made. */
async function check(provider: Provider, behaviour: Behaviour, key = provider === 'openai' ? gen.openaiProject() : gen.deepseek()) {
  const server = provider === 'openai' ? oa : ds;
  server.on(key, behaviour);
  const before = server.seen.length;
  const result = await verifyKey(key, provider, options);
  const seen = server.seen.slice(before);
  return { key, result, seen };
}

describe('OpenAI', () => {
  it('200 from GET /v1/models → live, with the key sent as a bearer token', async () => {
    const { key, result, seen } = await check('openai', openai.models);
    expect(result.status).toBe('live');
    expect(result.detail).toMatch(/accepted the key/);
    expect(seen).toEqual([{ path: '/v1/models', authorization: `Bearer ${key}` }]);
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false);
  });

  it.each([
    ['invalid_api_key', openai.invalid, /invalid_api_key/],
    ['account_deactivated', openai.deactivated, /deactivated/],
  ])('401 %s → invalid', async (_, behaviour, detail) => {
    const { result, seen } = await check('openai', behaviour);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(detail);
    expect(seen).toHaveLength(1);
  });

  it('401 "Missing scopes" with code null → live restricted key', async () => {
    const { result } = await check('openai', openai.missingScopes);
    expect(result).toMatchObject({ status: 'live' });
    expect(result.detail).toMatch(/restricted key/);
    expect(result.detail).toContain('api.model.read');
  });

  it('401 "Missing scopes" as a bare error string → live restricted key', async () => {
    const { result } = await check('openai', openai.missingScopesBareString);
    expect(result.status).toBe('live');
    expect(result.detail).toMatch(/restricted key/);
  });

  it('401 IP not authorized → live IP-restricted key', async () => {
    const { result } = await check('openai', openai.ipNotAuthorized);
    expect(result.status).toBe('live');
    expect(result.detail).toMatch(/IP-restricted/);
  });

  it('403 unsupported_country_region_territory → live, detail names the region', async () => {
    const { result } = await check('openai', openai.region);
    expect(result.status).toBe('live');
    expect(result.detail).toMatch(/region/);
  });

  it.each([
    ['insufficient_quota', openai.insufficientQuota],
    ['credit_balance_exhausted', openai.creditExhausted],
  ])('429 %s → quota_exhausted, final: not retried', async (code, behaviour) => {
    const { result, seen } = await check('openai', behaviour);
    expect(result.status).toBe('quota_exhausted');
    expect(result.detail).toContain(code);
    expect(seen).toHaveLength(1);
  });

  it('other 429 → retried, then rate_limited', async () => {
    const { result, seen } = await check('openai', openai.rateLimited({ 'retry-after': '0' }));
    expect(result.status).toBe('rate_limited');
    expect(result.detail).toMatch(/after 3 attempts/);
    expect(seen).toHaveLength(3);
  });

  it('429 that clears on retry → live', async () => {
    const { result, seen } = await check('openai', sequence(openai.rateLimited({ 'retry-after-ms': '10' }), openai.models));
    expect(result.status).toBe('live');
    expect(seen).toHaveLength(2);
  });

  it('admin keys are checked against the admin key list, not the model list', async () => {
    const key = gen.openaiProject('admin');
    const { result, seen } = await check('openai', openai.adminKeys, key);
    expect(result.status).toBe('live');
    expect(result.detail).toMatch(/admin key/);
    expect(seen).toEqual([{ path: '/v1/organization/admin_api_keys?limit=1', authorization: `Bearer ${key}` }]);
  });

  it('revoked admin key → invalid', async () => {
    const { result } = await check('openai', openai.invalid, gen.openaiProject('admin'));
    expect(result.status).toBe('invalid');
  });

  it.each([
    ['an unexplained 401', json(401, { error: { message: 'Something new', type: 'x', code: 'new_code' } }), /unexpected HTTP 401/],
    ['a 401 that is not JSON', json(401, '<html>denied</html>'), /not JSON/],
    ['a 200 that is not JSON (captive portal)', json(200, '<html>Welcome to the hotel wifi</html>'), /HTTP 200 without/],
    ['a 200 without a list', json(200, { hello: 'world' }), /HTTP 200 without/],
    ['a 404 (wrong base URL)', json(404, { error: { message: 'Invalid URL (GET /v1/models)', type: 'invalid_request_error' } }), /unexpected HTTP 404/],
  ])('%s → unknown, fails closed', async (_, behaviour, detail) => {
    const { result } = await check('openai', behaviour);
    expect(result.status).toBe('unknown');
    expect(result.detail).toMatch(detail);
  });

  it('never repeats the key if the server echoes it, nor its control characters', async () => {
    const key = gen.openaiProject();
    const { result } = await check('openai', json(401, { error: { message: `bad key ${key}\u001b[31m red \r\n end`, code: 'odd' } }), key);
    expect(result.status).toBe('unknown');
    expect(result.detail).not.toContain(key);
    expect(result.detail).not.toMatch(/[\u0000-\u001f]/);
  });

  it('keeps a long provider message short', async () => {
    const { result } = await check('openai', json(400, { error: { message: 'x'.repeat(5000) } }));
    expect(result.detail.length).toBeLessThan(250);
  });
});

describe('DeepSeek', () => {
  it('200 with is_available and a balance → live, balance in detail', async () => {
    const { key, result, seen } = await check('deepseek', deepseek.balance(true, '12.34'));
    expect(result).toMatchObject({ status: 'live', detail: 'balance 12.34 CNY' });
    expect(seen).toEqual([{ path: '/user/balance', authorization: `Bearer ${key}` }]);
  });

  it('lists every currency', async () => {
    const body = {
      is_available: true,
      balance_infos: [
        { currency: 'CNY', total_balance: '0.00', granted_balance: '0.00', topped_up_balance: '0.00' },
        { currency: 'USD', total_balance: '5.10', granted_balance: '0.00', topped_up_balance: '5.10' },
      ],
    };
    const { result } = await check('deepseek', json(200, body));
    expect(result).toMatchObject({ status: 'live', detail: 'balance 0.00 CNY, 5.10 USD' });
  });

  it('is_available false → quota_exhausted', async () => {
    const { result } = await check('deepseek', deepseek.balance(false, '3.00'));
    expect(result.status).toBe('quota_exhausted');
    expect(result.detail).toMatch(/not available.*balance 3.00 CNY/);
  });

  it('a balance that is not a number ("1e400", "NaN") → unknown, not quota_exhausted', async () => {
    for (const total of ['1e400', 'NaN', '']) {
      const { result } = await check('deepseek', deepseek.balance(true, total));
      expect(result.status, total).toBe('unknown');
      expect(result.detail, total).toMatch(/balance that is not a number/);
    }
  });

  it('zero balance → quota_exhausted', async () => {
    const { result } = await check('deepseek', deepseek.balance(true, '0.00'));
    expect(result.status).toBe('quota_exhausted');
    expect(result.detail).toContain('balance 0.00 CNY');
  });

  it('401 → invalid', async () => {
    const { result, seen } = await check('deepseek', deepseek.unauthorized);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/HTTP 401/);
    expect(seen).toHaveLength(1);
  });

  it('402 → quota_exhausted, not retried', async () => {
    const { result, seen } = await check('deepseek', deepseek.insufficientBalance);
    expect(result.status).toBe('quota_exhausted');
    expect(seen).toHaveLength(1);
  });

  it('429 → retried, then rate_limited', async () => {
    const { result, seen } = await check('deepseek', deepseek.rateLimited({ 'retry-after': '0' }));
    expect(result.status).toBe('rate_limited');
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['malformed JSON', json(200, '{"is_available": true, "balance_infos": [')],
    ['an unexpected shape', json(200, { balance: 5 })],
  ])('200 with %s → unknown', async (_, behaviour) => {
    const { result } = await check('deepseek', behaviour);
    expect(result.status).toBe('unknown');
    expect(result.detail).toMatch(/without the expected balance/);
  });
});

function finding(secret: string, provider: Provider, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: `${provider}-key`,
    provider,
    description: 'test',
    secret,
    fingerprint: fingerprint(secret),
    redacted: redact(secret),
    path: 'config.env',
    line: 1,
    column: 0,
    endColumn: secret.length,
    offset: 0,
    confidence: 'high',
    ...extra,
  };
}

describe('verifyFindings', () => {
  it('asks once per distinct key and sets the result on every finding of it', async () => {
    const live = gen.openaiProject();
    const dead = gen.deepseek();
    oa.on(live, openai.models);
    ds.on(dead, deepseek.unauthorized);
    const findings = [
      ...Array.from({ length: 6 }, (_, i) => finding(live, 'openai', { line: i + 1 })),
      ...Array.from({ length: 4 }, (_, i) => finding(dead, 'deepseek', { line: i + 1 })),
    ];
    const [oaBefore, dsBefore] = [oa.seen.length, ds.seen.length];
    await verifyFindings(findings, options);
    expect(oa.seen.length - oaBefore).toBe(1);
    expect(ds.seen.length - dsBefore).toBe(1);
    expect(findings.filter((f) => f.provider === 'openai').map((f) => f.verification?.status)).toEqual(Array(6).fill('live'));
    expect(findings.filter((f) => f.provider === 'deepseek').map((f) => f.verification?.status)).toEqual(Array(4).fill('invalid'));
  });

  it('says so when a DeepSeek-shaped key had no DeepSeek context', async () => {
    const key = gen.deepseek();
    ds.on(key, deepseek.balance(true, '1.00'));
    const withContext = finding(key, 'deepseek', { confidence: 'high' });
    const bare = finding(key, 'deepseek', { confidence: 'medium', line: 9 });
    await verifyFindings([withContext, bare], options);
    expect(withContext.verification?.detail).toBe('balance 1.00 CNY');
    expect(bare.verification?.status).toBe('live');
    expect(bare.verification?.detail).toBe('balance 1.00 CNY; verified against DeepSeek: key shape is shared by other providers');
  });

  it('sends a key of unknown provider nowhere, and says why', async () => {
    const key = gen.deepseek();
    const description = 'sk- + 32 hex, shared by several providers; context names Moonshot/Kimi';
    const shared = finding(key, 'unknown', { confidence: 'low', description });
    const [oaBefore, dsBefore] = [oa.seen.length, ds.seen.length];
    await verifyFindings([shared], options);
    const direct = await verifyKey(key, 'unknown', options);
    expect([oa.seen.length - oaBefore, ds.seen.length - dsBefore]).toEqual([0, 0]);
    expect(shared.verification).toMatchObject({ status: 'unknown', detail: `not sent to any provider: ${description}` });
    expect(direct).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/^not sent to any provider/) });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const server = await fakeProvider();
    try {
      const keys = Array.from({ length: 8 }, () => gen.openaiProject());
      for (const key of keys) server.on(key, (req, res) => void setTimeout(() => openai.models(req, res), 40));
      const findings = keys.map((k) => finding(k, 'openai'));
      await verifyFindings(findings, { ...options, openaiBaseUrl: server.url, concurrency: 2 });
      expect(server.seen).toHaveLength(8);
      expect(server.maxInFlight).toBe(2);
      expect(findings.every((f) => f.verification?.status === 'live')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('does nothing for no findings', async () => {
    await expect(verifyFindings([], options)).resolves.toBeUndefined();
  });
});
