import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyCommand } from '../../src/cli/verify-command.js';
import { fingerprint, redact } from '../../src/detect/secret.js';
import { UserError } from '../../src/errors.js';
import type { VerifyOptions } from '../../src/verify/index.js';
import { KeyGen } from '../support/keygen.js';
import { deepseek, fakeProvider, hang, openai, type FakeProvider } from './fake-provider.js';

let oa: FakeProvider;
let ds: FakeProvider;
let verify: VerifyOptions;
const gen = new KeyGen(4242);

beforeAll(async () => {
  [oa, ds] = await Promise.all([fakeProvider(), fakeProvider()]);
  verify = { openaiBaseUrl: oa.url, deepseekBaseUrl: ds.url, timeoutMs: 300, retries: 0 };
});
afterAll(async () => {
  await Promise.all([oa.close(), ds.close()]);
});

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

async function run(stdin: string, format: 'console' | 'json' = 'console', color = false, options = verify) {
  const out = capture();
  const err = capture();
  const code = await runVerifyCommand(Readable.from([stdin]), out.stream, { format, color, verify: options, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('keysentry verify', () => {
  it('console: redacted key, provider, status, detail and remedy for each key; exit 1 when one is live', async () => {
    const live = gen.openaiProject();
    const dead = gen.deepseek();
    const spent = gen.deepseek();
    oa.on(live, openai.models);
    ds.on(dead, deepseek.unauthorized);
    ds.on(spent, deepseek.balance(true, '0.00'));
    const { code, out, err } = await run(`  ${live}  \n\n${dead}\r\n${live}\n${spent}\n\n`);

    expect(code).toBe(1);
    expect(err).toBe('');
    const lines = out.split('\n');
    const row = (key: string) => lines.findIndex((l) => l.startsWith(redact(key)));
    expect(lines[row(live)]).toMatch(/openai\s+live\s+OpenAI accepted the key/);
    expect(lines[row(live) + 1]).toMatch(/^ {2}→ Revoke it now at https:\/\/platform\.openai\.com\/api-keys/);
    expect(lines[row(dead)]).toMatch(/deepseek\s+invalid\s+DeepSeek rejected the key.*shape is shared by other providers/);
    expect(lines[row(dead) + 1]).toMatch(/nothing to revoke/);
    expect(lines[row(spent)]).toMatch(/deepseek\s+quota_exhausted\s+.*balance 0\.00 CNY/);
    expect(lines[row(spent) + 1]).toMatch(/platform\.deepseek\.com\/api_keys/);
    expect(out).toMatch(/3 keys checked: 1 live, 1 invalid, 1 quota_exhausted/);
    for (const key of [live, dead, spent]) expect(out).not.toContain(key);
    // The duplicate line was checked once.
    expect(oa.seen.filter((s) => s.authorization === `Bearer ${live}`)).toHaveLength(1);
  });

  it('json: version 1 and one result per distinct key; exit 0 when every key is invalid', async () => {
    const a = gen.openaiLegacy();
    const b = gen.deepseek();
    oa.on(a, openai.invalid);
    ds.on(b, deepseek.unauthorized);
    const { code, out } = await run(`${a}\n${b}\n${a}\n`, 'json');

    expect(code).toBe(0);
    const doc = JSON.parse(out) as { version: number; results: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.results).toEqual([
      { fingerprint: fingerprint(a), redacted: redact(a), provider: 'openai', status: 'invalid', detail: expect.stringMatching(/invalid_api_key/) },
      { fingerprint: fingerprint(b), redacted: redact(b), provider: 'deepseek', status: 'invalid', detail: expect.stringMatching(/HTTP 401/) },
    ]);
    expect(out).not.toContain(a);
    expect(out).not.toContain(b);
  });

  it('unknown fails closed: exit 1', async () => {
    const key = gen.deepseek();
    ds.on(key, hang);
    const { code, out } = await run(`${key}\n`, 'json');
    expect(code).toBe(1);
    expect(JSON.parse(out).results[0]).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/no answer within 0.3 s/) });
  });

  it.each([
    ['quota_exhausted', openai.insufficientQuota],
    ['rate_limited', openai.rateLimited()],
  ])('%s is still a credential: exit 1', async (status, behaviour) => {
    const key = gen.openaiProject('svcacct');
    oa.on(key, behaviour);
    const { code, out } = await run(`${key}\n`, 'json');
    expect(code).toBe(1);
    expect(JSON.parse(out).results[0].status).toBe(status);
  });

  it('finds keys in pasted text (.env lines, JSON, a curl command) and ignores the rest, echoing none of it', async () => {
    const dead = gen.deepseek();
    const project = gen.openaiProject();
    const legacy = gen.openaiLegacy();
    ds.on(dead, deepseek.unauthorized);
    oa.on(project, openai.invalid);
    oa.on(legacy, openai.invalid);
    const [oaBefore, dsBefore] = [oa.seen.length, ds.seen.length];
    const pasted = [
      `DEEPSEEK_API_KEY=${dead}`,
      'hunter2',
      `{"openai": {"apiKey": "${project}"}}`,
      `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${legacy}"`,
      `x${'y'.repeat(30)}\x1b]0;pwned\x07`,
    ].join('\n');
    const { code, out, err } = await run(pasted, 'json');

    expect(code).toBe(0);
    expect(err).toBe('');
    const results = JSON.parse(out).results as { fingerprint: string; provider: string; status: string }[];
    expect(results.map((r) => [r.fingerprint, r.provider, r.status])).toEqual([
      [fingerprint(dead), 'deepseek', 'invalid'],
      [fingerprint(project), 'openai', 'invalid'],
      [fingerprint(legacy), 'openai', 'invalid'],
    ]);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('pwned');
    expect([oa.seen.length - oaBefore, ds.seen.length - dsBefore]).toEqual([2, 1]);
  });

  it('no keys at all → exit 2 with a one-line error and nothing on stdout', async () => {
    for (const stdin of ['', '\n  \n\t\n']) {
      const { code, out, err } = await run(stdin, 'json');
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^keysentry: no keys on stdin[^\n]*\n$/);
    }
  });

  it('text without a key → exit 2, nothing of the text printed', async () => {
    const { code, out, err } = await run(`not a key\nneither is this \x1b[31m${'z'.repeat(30)}\n`);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('keysentry: no OpenAI or DeepSeek key found in the text on stdin\n');
  });

  it('colours the status only when asked', async () => {
    const key = gen.openaiProject();
    oa.on(key, openai.models);
    expect((await run(`${key}\n`, 'console', true)).out).toContain('\x1b[1;31mlive\x1b[0m');
    expect((await run(`${key}\n`, 'console', false)).out).not.toContain('\x1b[');
  });

  it('points admin keys to the admin key page', async () => {
    const key = gen.openaiProject('admin');
    oa.on(key, openai.adminKeys);
    const { out } = await run(`${key}\n`);
    expect(out).toContain('https://platform.openai.com/settings/organization/admin-keys');
  });

  it('refuses a plain-http non-loopback base URL before reading any key off to it', async () => {
    const key = gen.deepseek();
    await expect(run(`${key}\n`, 'console', false, { deepseekBaseUrl: 'http://deepseek.example.com' })).rejects.toThrow(UserError);
  });
});
