import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { providerOfKey, resolveVerifyOptions, verifyKey } from '../../src/verify/index.js';
import { KeyGen } from '../support/keygen.js';

describe('resolveVerifyOptions', () => {
  it('defaults to the providers over https', () => {
    expect(resolveVerifyOptions({}, {})).toEqual({
      openaiBaseUrl: 'https://api.openai.com',
      deepseekBaseUrl: 'https://api.deepseek.com',
    });
  });

  it('takes the environment, and flags win over it', () => {
    const env = {
      KEYSENTRY_OPENAI_BASE_URL: 'https://openai-proxy.example.com/',
      KEYSENTRY_DEEPSEEK_BASE_URL: 'https://deepseek-proxy.example.com',
    };
    expect(resolveVerifyOptions({}, env)).toEqual({
      openaiBaseUrl: 'https://openai-proxy.example.com',
      deepseekBaseUrl: 'https://deepseek-proxy.example.com',
    });
    expect(resolveVerifyOptions({ openaiBaseUrl: 'http://127.0.0.1:8080' }, env)).toEqual({
      openaiBaseUrl: 'http://127.0.0.1:8080',
      deepseekBaseUrl: 'https://deepseek-proxy.example.com',
    });
  });

  it('ignores an empty environment variable', () => {
    expect(resolveVerifyOptions({}, { KEYSENTRY_OPENAI_BASE_URL: '' }).openaiBaseUrl).toBe('https://api.openai.com');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:9000', 'http://[::1]:8080'])(
    'allows plain http to loopback %s',
    (url) => {
      expect(() => resolveVerifyOptions({ openaiBaseUrl: url }, {})).not.toThrow();
    },
  );

  it.each([
    'http://api.openai.com',
    'http://10.0.0.5:8080',
    'http://127.0.0.1.attacker.example',
    'http://localhost.attacker.example',
    'http://[::2]',
  ])('refuses plain http to non-loopback %s with a one-line UserError', (url) => {
    let error: unknown;
    try {
      resolveVerifyOptions({ deepseekBaseUrl: url }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/refused: plain http:\/\//);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a bad URL from the environment, naming the variable', () => {
    expect(() => resolveVerifyOptions({}, { KEYSENTRY_OPENAI_BASE_URL: 'http://proxy.internal' })).toThrow(
      /KEYSENTRY_OPENAI_BASE_URL http:\/\/proxy.internal refused/,
    );
  });

  it.each(['ftp://example.com', 'not a url', 'https://user:pw@example.com', 'https://example.com/?x=1'])(
    'refuses %s',
    (url) => {
      expect(() => resolveVerifyOptions({ openaiBaseUrl: url }, {})).toThrow(UserError);
    },
  );

  it('is enforced by verifyKey too, before anything is sent', async () => {
    const key = new KeyGen(5).deepseek();
    await expect(verifyKey(key, 'deepseek', { deepseekBaseUrl: 'http://example.com' })).rejects.toThrow(UserError);
  });
});

describe('providerOfKey', () => {
  const gen = new KeyGen(11);

  it('recognises every OpenAI shape by its marker', () => {
    expect(providerOfKey(gen.openaiLegacy())).toBe('openai');
    for (const kind of ['proj', 'svcacct', 'admin', 'None'] as const) expect(providerOfKey(gen.openaiProject(kind))).toBe('openai');
    expect(providerOfKey(gen.openaiNamed('nightly-evals'))).toBe('openai');
  });

  it('takes sk- + 32 lowercase hex for DeepSeek', () => {
    expect(providerOfKey(gen.deepseek())).toBe('deepseek');
    expect(providerOfKey(gen.deepseek().toUpperCase())).toBeUndefined();
    expect(providerOfKey(`${gen.deepseek()}0`)).toBeUndefined();
  });

  it('recognises nothing else', () => {
    expect(providerOfKey('hello world')).toBeUndefined();
    expect(providerOfKey(`sk-${gen.chars('alnum', 48)}`)).toBeUndefined();
    expect(providerOfKey(`OPENAI_API_KEY=${gen.openaiProject()}`)).toBeUndefined();
  });
});
