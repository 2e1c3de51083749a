import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base64Cores } from '../../src/detect/encoded.js';
import { createDetector, loadRules, validateRules, type Rule } from '../../src/detect/index.js';
import type { Chunk, Finding } from '../../src/types.js';
import { KeyGen, MARKER } from '../support/keygen.js';
import { tempDir } from '../support/repo.js';
import { chunk, placeOf } from './helpers.js';

const rules = loadRules();
const detector = createDetector(rules);
const scan = (text: string | Buffer, extra?: Partial<Chunk>): Finding[] => detector.detect(chunk(text, extra));
const SEEDS = [1, 2, 3, 4, 5];

describe('every rule against its own examples', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it('has examples that match and examples that do not', () => {
        expect(rule.examples?.match.length).toBeGreaterThan(0);
        expect(rule.examples?.noMatch.length).toBeGreaterThan(0);
      });

      for (const template of rule.examples?.match ?? []) {
        it(`reports ${template}`, () => {
          for (const seed of SEEDS) {
            const text = new KeyGen(seed).expand(template);
            const findings = scan(text);
            expect(findings.map((f) => f.ruleId)).toEqual([rule.id]);
            const [finding] = findings as [Finding];
            expect(text.slice(finding.column - 1, finding.endColumn - 1)).toBe(finding.secret);
            expect(new RegExp(rule.regex).exec(finding.secret)?.[rule.secretGroup]).toBe(finding.secret);
          }
        });
      }

      for (const template of rule.examples?.noMatch ?? []) {
        it(`does not report ${template}`, () => {
          for (const seed of SEEDS) {
            const text = new KeyGen(seed).expand(template);
            expect(scan(text).filter((f) => f.ruleId === rule.id)).toEqual([]);
          }
        });
      }
    });
  }
});

describe('OpenAI keys', () => {
  it('accepts every key length seen in the wild: 56, 132, 133, 164 and 167 characters', () => {
    const gen = new KeyGen(11);
    const keys = [
      gen.openaiProject('None', 20),
      gen.openaiProject('proj', 58),
      gen.openaiProject('admin', 58),
      gen.openaiProject('proj', 74),
      gen.openaiProject('svcacct', 74),
    ];
    expect(keys.map((k) => k.length)).toEqual([56, 132, 133, 164, 167]);
    const examples = rules.find((r) => r.id === 'openai-project-key')!.examples!.match;
    const exampleLengths = examples.filter((t) => t.startsWith('sk-')).map((t) => new KeyGen(1).expand(t).length);
    expect(exampleLengths).toEqual(expect.arrayContaining([56, 132, 133, 164, 167]));
    for (const key of keys) {
      expect(scan(`OPENAI_API_KEY=${key}\n`).map((f) => [f.ruleId, f.secret, f.confidence])).toEqual([
        ['openai-project-key', key, 'high'],
      ]);
    }
  });

  it('reports legacy user keys, redacted to their prefix and last four characters', () => {
    const key = new KeyGen(12).openaiLegacy();
    const [finding] = scan(`key: ${key}`);
    expect(finding).toMatchObject({ ruleId: 'openai-user-key', provider: 'openai', secret: key, confidence: 'high' });
    expect(finding?.redacted).toBe(`sk-…${key.slice(-4)}`);
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(finding?.description).toBe(rules.find((r) => r.id === 'openai-user-key')!.description);
  });
});

describe('OpenAI keys named after their service account', () => {
  const gen = new KeyGen(13);

  it('are reported once, as OpenAI keys with high confidence, redacted without the name', () => {
    for (const name of ['billing-worker', 'ci', 'svc-2024-eu-west-1', 'a'.repeat(40)]) {
      const key = gen.openaiNamed(name);
      const findings = scan(`OPENAI_API_KEY=${key}\n`);
      expect(findings.map((f) => [f.ruleId, f.provider, f.secret, f.confidence])).toEqual([
        ['openai-named-key', 'openai', key, 'high'],
      ]);
      // The name may say whose key it is: it stays hidden like the rest of the body.
      expect(findings[0]!.redacted).toBe(`sk-…${key.slice(-4)}`);
    }
  });

  it('leave project, service-account and admin keys of the same length to their own rule', () => {
    for (const kind of ['proj', 'svcacct', 'admin'] as const) {
      const key = gen.openaiProject(kind, 20);
      expect(scan(key).map((f) => f.ruleId)).toEqual(['openai-project-key']);
    }
  });
});

describe('what is not reported', () => {
  const gen = new KeyGen(21);
  const hex32 = gen.chars('hex', 32);
  const cases: Record<string, string> = {
    'sk-xxxx placeholder': `sk-${'x'.repeat(48)}`,
    'sk-xxxx placeholder with the marker': `sk-${'x'.repeat(20)}${MARKER}${'x'.repeat(20)}`,
    'project placeholder with the marker': `sk-proj-${'x'.repeat(74)}${MARKER}${'x'.repeat(74)}`,
    'zeros around the marker': `sk-${'0'.repeat(20)}${MARKER}${'0'.repeat(20)}`,
    'sk-your-key-here': 'sk-your-key-here',
    'sk-your-openai-api-key': 'OPENAI_API_KEY=sk-your-openai-api-key',
    'a run of one character': `sk-${'a'.repeat(32)}`,
    'a run of zeros': `sk-${'0'.repeat(32)}`,
    'a * mask': 'sk-****',
    'a long * mask': `sk-${'*'.repeat(32)}`,
    'a masked project key': `sk-proj-${'*'.repeat(40)}`,
    'sequential filler 0123456789abcdef': `sk-${'0123456789abcdef'.repeat(2)}`,
    'sequential filler abcdef0123456789': `sk-${'abcdef0123456789'.repeat(2)}`,
    'descending filler': `sk-${'fedcba9876543210'.repeat(2)}`,
    'repeated group': `sk-${'deadbeef'.repeat(4)}`,
    'repeated mixed group': `sk-${'a1b2c3d4e5f60718'.repeat(2)}`,
    'alphabet around the marker': `sk-ABCDEFGHIJKLMNOPQRST${MARKER}abcdefghijklmnopqrst`,
    'Stripe live key': `sk_live_${gen.chars('alnum', 24)}`,
    'Stripe test key': `sk_test_${gen.chars('alnum', 24)}`,
    'Anthropic key': `sk-ant-api03-${gen.chars('alnum_', 93)}AA`,
    'Anthropic admin key': `sk-ant-admin01-${gen.chars('alnum_', 93)}AA`,
    'hex hash without prefix': hex32,
    'sha1 and sha256 hashes': `${gen.chars('hex', 40)} ${gen.chars('hex', 64)}`,
    'OpenAI shape without the marker': `sk-${gen.chars('alnum', 48)}`,
    'project shape without the marker': `sk-proj-${gen.chars('alnum_', 156)}`,
    'task- inside a word': `task-${hex32}`,
    'disk- inside a word': `disk-${hex32}`,
    'CSS class .mask-': `.mask-${hex32} { color: red }`,
    'word glued to a legacy key': `risk-${gen.chars('alnum', 20)}${MARKER}${gen.chars('alnum', 20)}`,
    'sk- + 33 hex': `sk-${hex32}a`,
    'sk- + 32 hex glued to more key characters': `sk-${hex32}_x`,
    'sk- + 32 uppercase hex': `sk-${hex32.toUpperCase()}`,
    'legacy key glued to more characters': `${gen.openaiLegacy()}Q`,
    'project key with a half past 100 characters': `sk-proj-${gen.chars('alnum_', 74)}${MARKER}${gen.chars('alnum_', 101)}`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      expect(scan(text)).toEqual([]);
      expect(scan(`KEY="${text}"\nnext line`)).toEqual([]);
    });
  }
});

describe('location', () => {
  it('gives line, UTF-16 column, endColumn and byte offset with emoji and CJK before the key', () => {
    const gen = new KeyGen(31);
    const keys = [gen.openaiProject(), gen.deepseek(), gen.openaiLegacy(), gen.deepseek()];
    const text = [
      '# config — ünïcödé',
      `emoji 🔑🔑 key=${keys[0]} tail`,
      `中文密钥：${keys[1]}。`,
      '',
      `𝒳𝒳 "${keys[2]}",\r`,
      `\t日本語 ${keys[3]}`,
    ].join('\n');
    const findings = scan(text, { line: 40, offset: 1000 });
    expect(findings.map((f) => f.secret)).toEqual(keys);
    for (const [i, key] of keys.entries()) {
      const place = placeOf(text, key);
      expect(findings[i]).toMatchObject({
        line: 39 + place.line,
        column: place.column,
        endColumn: place.endColumn,
        offset: 1000 + place.offset,
        path: 'file.txt',
      });
    }
  });

  it("adds the chunk's column on its first line only", () => {
    const gen = new KeyGen(32);
    const [a, b] = [gen.deepseek(), gen.deepseek()];
    const text = `ü ${a}\n  ${b}`;
    const [first, second] = scan(text, { line: 3, column: 100 });
    expect(first).toMatchObject({ line: 3, column: 100 + 3, endColumn: 100 + 3 + a.length });
    expect(second).toMatchObject({ line: 4, column: 3, endColumn: 3 + b.length });
  });

  it('reports the byte offset of a key between NUL bytes in a binary chunk', () => {
    const key = new KeyGen(33).openaiProject();
    const data = Buffer.concat([Buffer.from([0, 1, 2, 0, 0xff, 0xfe, 10, 0]), Buffer.from(key), Buffer.from([0, 0, 7])]);
    const [finding, ...rest] = scan(data, { binary: true, offset: 4096 });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ secret: key, offset: 4096 + 8, binary: true, line: 2, column: 2 });
  });

  it('copies the commit and reports a transcoded file as the encoding', () => {
    const key = new KeyGen(34).deepseek();
    const commit = { sha: 'a'.repeat(40), author: 'A', email: 'a@example.com', date: '2024-01-01T00:00:00Z' };
    const [finding] = scan(`DEEPSEEK_API_KEY=${key}`, { commit, decodedFrom: 'utf16le' });
    expect(finding).toMatchObject({ commit, encoding: 'utf16le' });
    expect(finding).not.toHaveProperty('binary');
  });
});

describe('added lines', () => {
  it('reports only keys on added lines, using the other lines as context', () => {
    const gen = new KeyGen(41);
    const [a, b, c] = [gen.deepseek(), gen.deepseek(), gen.openaiLegacy()];
    const text = `# DeepSeek settings\nold=${a}\nnew=${b}\nother=${c}\n`;
    const findings = scan(text, { line: 10, added: new Set([12]) });
    expect(findings.map((f) => [f.line, f.secret, f.confidence])).toEqual([[12, b, 'high']]);
    expect(scan(text, { line: 10, added: new Set() })).toEqual([]);
  });
});

describe('inline allow marker', () => {
  const key = new KeyGen(51).openaiProject();
  it('suppresses every key on its line, wherever the marker is', () => {
    expect(scan(`const key = "${key}"; // keysentry:allow`)).toEqual([]);
    expect(scan(`# keysentry:allow\t${key} ${key.replace('proj', 'admin')}`)).toEqual([]);
  });
  it('does not reach other lines', () => {
    const findings = scan(`# keysentry:allow\nkey = ${key}\n${key} keysentry:allow`);
    expect(findings.map((f) => f.line)).toEqual([2]);
  });
});

describe('DeepSeek context', () => {
  const key = new KeyGen(61).deepseek();
  const confidence = (text: string) => scan(text).map((f) => f.confidence);
  it('is high with a DeepSeek name on the same line, in any case', () => {
    expect(confidence(`DEEPSEEK_API_KEY=${key}`)).toEqual(['high']);
    expect(confidence(`const deepSeekKey = "${key}"`)).toEqual(['high']);
    expect(confidence(`{"provider": "DeepSeek", "key": "${key}"}`)).toEqual(['high']);
  });
  it('is high with DeepSeek within three lines above or below', () => {
    expect(confidence(`deepseek:\n  model: deepseek-chat\n  api_key: ${key}\n`)).toEqual(['high']);
    expect(confidence(`api_key = "${key}"\n\n\nbase_url = "https://api.deepseek.com"`)).toEqual(['high']);
  });
  it('is medium without it, and the key is still reported', () => {
    expect(confidence(`API_KEY=${key}`)).toEqual(['medium']);
    const far = `# DeepSeek\n${'filler\n'.repeat(10)}API_KEY=${key}\n${'filler\n'.repeat(10)}api.deepseek.com`;
    expect(confidence(far)).toEqual(['medium']);
  });
});

describe('another provider named near a DeepSeek-shaped key', () => {
  const gen = new KeyGen(62);
  const attribution = (text: string) => scan(text).map((f) => [f.provider, f.confidence, f.description]);
  const unknown = (name: string) => ['unknown', 'low', `sk- + 32 hex, shared by several providers; context names ${name}`];

  it('makes the provider unknown, with low confidence and the name in the description', () => {
    const key = gen.deepseek();
    expect(attribution(`ALIBABA_API_KEY=${key}`)).toEqual([unknown('Alibaba DashScope/Qwen')]);
    expect(attribution(`dashscope:\n  model: qwen-max\n  api_key: "${key}"\n`)).toEqual([unknown('Alibaba DashScope/Qwen')]);
    expect(attribution(`api_key = "${key}"\nbase_url = "https://api.moonshot.cn/v1"`)).toEqual([unknown('Moonshot/Kimi')]);
    expect(attribution(`SILICONFLOW_API_KEY=${key}`)).toEqual([unknown('SiliconFlow')]);
    expect(attribution(`ARK_API_KEY=${key}`)).toEqual([unknown('Volcengine Ark/Doubao')]);
    expect(scan(`ALIBABA_API_KEY=${key}`)[0]).toMatchObject({ ruleId: 'deepseek-api-key', secret: key });
  });

  it('gives each key of a .env naming several providers the name nearest to it', () => {
    const [a, b, c] = [gen.deepseek(), gen.deepseek(), gen.deepseek()];
    const env = `DEEPSEEK_API_KEY=${a}\nDASHSCOPE_API_KEY=${b}\nKIMI_API_KEY=${c}\n`;
    expect(attribution(env)).toEqual([
      ['deepseek', 'high', 'DeepSeek API key'],
      unknown('Alibaba DashScope/Qwen'),
      unknown('Moonshot/Kimi'),
    ]);
  });

  it('leaves a key with DeepSeek on its own line, or nearer than the other name, to DeepSeek', () => {
    const key = gen.deepseek();
    expect(attribution(`DEEPSEEK_API_KEY=${key} # not the qwen one`)[0]).toEqual(['deepseek', 'high', 'DeepSeek API key']);
    expect(attribution(`# qwen below\n\nbase_url=https://api.deepseek.com\nkey=${key}`)[0]).toEqual(['deepseek', 'high', 'DeepSeek API key']);
    expect(attribution(`# qwen far away\n${'filler\n'.repeat(5)}API_KEY=${key}`)[0]).toEqual(['deepseek', 'medium', 'DeepSeek API key']);
  });

  it('is read inside a base64-encoded .env too', () => {
    const key = gen.deepseek();
    const blob = Buffer.from(`QWEN_API_KEY=${key}\n`).toString('base64');
    expect(attribution(`data:\n  env: ${blob}\n`)).toEqual([unknown('Alibaba DashScope/Qwen')]);
  });
});

describe('keys right after an escape', () => {
  const gen = new KeyGen(64);
  const makers = [() => gen.openaiProject(), () => gen.openaiLegacy(), () => gen.openaiNamed(), () => gen.deepseek()];

  it('are found after JSON, C and quoted-printable escapes of non-word characters, where they are', () => {
    for (const escape of ['\\n', '\\t', '\\r', '\\u0020', '\\u003d', '\\x20', '\\x3A', '=3D', '=3d', '\\\\\\n']) {
      for (const make of makers) {
        const key = make();
        const text = `{"notes": "line one${escape}${key}\\nline three"}\nnext`;
        const findings = scan(text);
        expect(findings.map((f) => f.secret), `${escape} before ${key.slice(0, 8)}`).toEqual([key]);
        expect(findings[0]).toMatchObject(placeOf(text, key));
      }
    }
  });

  it('are not found glued to a word by an escaped letter, an escaped backslash or a plain letter', () => {
    for (const before of ['\\u0041', '\\x61', '\\\\n', '\\ta', 'a\\q', '=3Dta', '=3', '\\u002', 'xn', 'ta']) {
      for (const make of makers) {
        const text = `"${before}${make()}"`;
        expect(scan(text), text.slice(0, 16)).toEqual([]);
      }
    }
  });
});

describe('base64-encoded keys', () => {
  const gen = new KeyGen(71);

  it('are prefiltered by the characters sk- fixes at each byte alignment', () => {
    expect(base64Cores(Buffer.from('sk-')).map((c) => c.core)).toEqual(['c2st', 'NrL', 'zay']);
  });

  it('finds keys in a Kubernetes Secret and locates the encoded value', () => {
    const openai = gen.openaiProject();
    const deepseek = gen.deepseek();
    const a = Buffer.from(openai).toString('base64');
    const b = Buffer.from(`${deepseek}\n`).toString('base64');
    const yaml = `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_API_KEY: ${a}\n  DEEPSEEK_API_KEY: ${b}\n`;
    const findings = scan(yaml);
    expect(findings.map((f) => [f.ruleId, f.secret, f.encoding, f.confidence])).toEqual([
      ['openai-project-key', openai, 'base64', 'high'],
      ['deepseek-api-key', deepseek, 'base64', 'high'],
    ]);
    for (const [i, token] of [a, b].entries()) {
      const place = placeOf(yaml, token);
      expect(findings[i]).toMatchObject(place);
    }
  });

  it('finds keys at all three byte alignments, in base64 and base64url', () => {
    // Prefix lengths 0..8 put the key at byte alignments 0, 1 and 2 of a 3-byte group.
    for (const prefix of ['', ' ', '::', 'KEY=', 'KEYS=', 'OPENAI=', 'The key:\n']) {
      for (const encoding of ['base64', 'base64url'] as const) {
        const key = gen.openaiProject('svcacct');
        const token = Buffer.from(prefix + key).toString(encoding);
        const text = `value: "${token}"`;
        const findings = scan(text);
        expect(findings.map((f) => [f.secret, f.encoding])).toEqual([[key, 'base64']]);
        expect(findings[0]).toMatchObject(placeOf(text, token));
      }
    }
  });

  it('finds every key in an encoded .env file, with context from inside it', () => {
    const [a, b] = [gen.deepseek(), gen.openaiLegacy()];
    const blob = Buffer.from(`# app\nDEEPSEEK_API_KEY=${a}\nOPENAI_API_KEY=${b}\n`).toString('base64');
    const findings = scan(`echo ${blob} | base64 -d > .env`);
    expect(findings.map((f) => [f.secret, f.confidence])).toEqual([
      [a, 'high'],
      [b, 'high'],
    ]);
  });

  it('does not report encoded placeholders or word-internal matches', () => {
    for (const text of [`sk-${'0'.repeat(32)}`, `task-${gen.chars('hex', 32)}`, `sk-${gen.chars('hex', 33)}`]) {
      expect(scan(Buffer.from(text).toString('base64'))).toEqual([]);
    }
  });

  /** base64 of text wrapped at width columns, each line after `indent`; and where a key's encoding starts. */
  function wrapped(text: string, width: number, indent = '', eol = '\n') {
    const b64 = Buffer.from(text).toString('base64');
    const lines = b64.match(new RegExp(`.{1,${width}}`, 'g'))!;
    const block = lines.map((l) => indent + l).join(eol);
    const placeOfKey = (key: string, firstLine: number) => {
      // The 4-character group holding the key's first byte: its line and column in the block.
      const at = 4 * Math.floor(Buffer.byteLength(text.slice(0, text.indexOf(key))) / 3);
      return { line: firstLine + Math.floor(at / width), column: indent.length + (at % width) + 1 };
    };
    return { block, placeOfKey };
  }

  it('finds keys in base64 wrapped at 76 and 64 columns, CRLF and indented too, at the line their encoding starts on', () => {
    for (const [width, indent, eol] of [[76, '', '\n'], [64, '', '\n'], [76, '    ', '\n'], [64, '', '\r\n']] as const) {
      const keys = [gen.openaiProject(), gen.deepseek(), gen.openaiLegacy(), gen.openaiNamed(), gen.openaiProject('admin')];
      const env = `# production\nDEEPSEEK_API_KEY=${keys[1]}\n${'# filler line\n'.repeat(7)}OPENAI_API_KEY=${keys[0]}\nA=${keys[2]}\nB=${keys[3]}\nC=${keys[4]}\n`;
      const { block, placeOfKey } = wrapped(env, width, indent, eol);
      const text = `apiVersion: v1${eol}data:${eol}  env: |${eol}${block}${eol}kind: Secret${eol}`;
      const findings = scan(text);
      const expected = [keys[1]!, keys[0]!, keys[2]!, keys[3]!, keys[4]!];
      expect(findings.map((f) => [f.secret, f.encoding]), `width ${width}`).toEqual(expected.map((k) => [k, 'base64']));
      for (const [i, key] of expected.entries()) {
        const place = placeOfKey(key, 4);
        expect(findings[i]).toMatchObject(place);
        expect(findings[i]!.endColumn).toBeLessThanOrEqual(indent.length + width + 1);
      }
      expect(findings[0]!.confidence).toBe('high');
    }
  });

  it('finds a key whose sk- is cut by the wrap, at every position of the line', () => {
    for (let shift = 0; shift < 80; shift++) {
      const key = gen.openaiProject('proj', 58);
      const { block, placeOfKey } = wrapped(`${'x'.repeat(shift)} ${key}\n`, 76);
      const findings = scan(`${block}\n`);
      expect(findings.map((f) => f.secret), `shift ${shift}`).toEqual([key]);
      expect(findings[0]).toMatchObject(placeOfKey(key, 1));
    }
  });

  it('locates a wrapped key between wrapped blocks that hold none', () => {
    const key = gen.openaiProject();
    const { block, placeOfKey } = wrapped(`OPENAI_API_KEY=${key}\n`, 64);
    // base64 of 'ABC…': wrapped like a certificate, with no base64 form of 'sk-' in it.
    const plain = wrapped('ABC'.repeat(100), 64).block;
    const text = `${plain}\n-----\n${block}\n-----\n${plain}\n`;
    const findings = scan(text);
    expect(findings.map((f) => [f.secret, f.encoding])).toEqual([[key, 'base64']]);
    expect(findings[0]).toMatchObject(placeOfKey(key, plain.split('\n').length + 2));
  });

  it('does not join lines that are not wrapped base64', () => {
    const key = gen.deepseek();
    // The first line is 40 base64 characters: joined to the second, the key's token would shift.
    const text = `${'A'.repeat(40)}\n${Buffer.from(key).toString('base64')}\n`;
    const findings = scan(text);
    expect(findings.map((f) => f.secret)).toEqual([key]);
    expect(findings[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('finds nothing in random base64', () => {
    const random = new KeyGen(72);
    const bytes = Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(random.next() * 256)));
    expect(scan(bytes.toString('base64'))).toEqual([]);
    expect(scan(bytes.toString('base64').replace(/.{76}/g, '$&\n'))).toEqual([]);
  });
});

describe('percent-encoded keys', () => {
  const gen = new KeyGen(81);
  const escapeKeyChars = (key: string, hex: (code: number) => string) =>
    key.replace(/[-_]/g, (c) => `%${hex(c.charCodeAt(0))}`);

  it('finds partly encoded keys in a URL and locates the encoded characters', () => {
    const key = gen.openaiProject();
    const encoded = escapeKeyChars(key, (c) => c.toString(16).toUpperCase());
    const url = `GET https://example.com/callback?token=${encoded}&state=1`;
    const findings = scan(url);
    expect(findings.map((f) => [f.ruleId, f.secret, f.encoding])).toEqual([['openai-project-key', key, 'percent']]);
    expect(findings[0]).toMatchObject(placeOf(url, encoded));
  });

  it('finds fully encoded keys, with lower-case escapes too', () => {
    for (const hex of [(c: number) => c.toString(16).toUpperCase(), (c: number) => c.toString(16)]) {
      const key = gen.openaiLegacy();
      const encoded = [...key].map((c) => `%${hex(c.charCodeAt(0))}`).join('');
      const body = `api_key=${encoded}&model=gpt-4o`;
      const findings = scan(body);
      expect(findings.map((f) => [f.secret, f.encoding])).toEqual([[key, 'percent']]);
      expect(findings[0]).toMatchObject(placeOf(body, encoded));
    }
  });

  it('takes DeepSeek context from the surrounding line', () => {
    const key = gen.deepseek();
    const body = `api_key=sk%2d${key.slice(3)}&model=deepseek-chat`;
    expect(scan(body).map((f) => [f.secret, f.encoding, f.confidence])).toEqual([[key, 'percent', 'high']]);
  });

  it('finds a plain key that an escape next to it hid from the plain scan', () => {
    const key = gen.openaiProject();
    for (const text of [`Authorization=Bearer%20${key}&x=1`, `q=api_key%3D${key}`]) {
      const findings = scan(text);
      expect(findings.map((f) => [f.secret, f.encoding])).toEqual([[key, 'percent']]);
      expect(findings[0]).toMatchObject(placeOf(text, key));
    }
  });

  it('reports the whole key when escapes inside it cut the plain match short', () => {
    const key = `sk-proj-${gen.chars('alnum', 74)}${MARKER}${gen.chars('alnum', 30)}-_${gen.chars('alnum', 42)}`;
    const encoded = `sk-proj-${escapeKeyChars(key.slice(8), (c) => c.toString(16).toUpperCase())}`;
    const findings = scan(`token=${encoded}`);
    expect(findings.map((f) => [f.secret, f.encoding])).toEqual([[key, 'percent']]);
    expect(findings[0]).toMatchObject(placeOf(`token=${encoded}`, encoded));
  });

  it('reports a plain key beside an escape once, as plain', () => {
    const key = gen.openaiProject();
    expect(scan(`q=a%2Db&key=${key}&x=%2D`).map((f) => [f.secret, f.encoding])).toEqual([[key, undefined]]);
  });
});

describe('one finding per key', () => {
  const generic: Rule = {
    id: 'generic-sk',
    provider: 'openai',
    description: 'Anything after sk-',
    regex: '(?<![A-Za-z0-9_-])(sk-[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_-])',
    secretGroup: 1,
    keywords: ['sk-'],
    entropy: 3,
    confidence: 'medium',
  };
  const key = new KeyGen(91).openaiProject();

  it('prefers the surer rule when two rules match the same span', () => {
    for (const list of [[...rules, generic], [generic, ...rules]]) {
      expect(createDetector(list).detect(chunk(key)).map((f) => f.ruleId)).toEqual(['openai-project-key']);
    }
  });

  it('prefers the earlier rule when both are equally sure', () => {
    const high = { ...generic, confidence: 'high' as const };
    expect(createDetector([...rules, high]).detect(chunk(key)).map((f) => f.ruleId)).toEqual(['openai-project-key']);
    expect(createDetector([high, ...rules]).detect(chunk(key)).map((f) => f.ruleId)).toEqual(['generic-sk']);
  });

  it('still lets the generic rule report what no built-in rule matches', () => {
    const text = `sk-${new KeyGen(92).chars('alnum', 40)}`;
    expect(createDetector([...rules, generic]).detect(chunk(text)).map((f) => f.ruleId)).toEqual(['generic-sk']);
  });

  it('runs only rules whose keyword occurs', () => {
    const other: Rule = { ...generic, id: 'other', keywords: ['zz-'], regex: '(sk-[a-f0-9]{32})' };
    const text = new KeyGen(93).deepseek();
    expect(createDetector([other]).detect(chunk(text))).toEqual([]);
  });
});

describe('validateRules', () => {
  const good = {
    id: 'custom-key',
    provider: 'openai',
    description: 'A custom key',
    regex: '(ck-[a-z0-9]{20})',
    secretGroup: 1,
    keywords: ['ck-'],
    entropy: 3,
    confidence: 'low',
  };
  const error = (raw: unknown) => {
    try {
      validateRules(raw, 'keysentry.json');
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('accepts a well-formed custom rule, and the detector uses it', () => {
    const [rule] = validateRules([good], 'keysentry.json');
    expect(rule).toEqual(good);
    const key = `ck-${new KeyGen(101).chars('digit', 10)}${new KeyGen(102).chars('lower', 10)}`;
    expect(createDetector([rule!]).detect(chunk(`x ${key}`)).map((f) => f.secret)).toEqual([key]);
  });

  it.each([
    [{ ...good, regex: '(ck-[a-z' }, /^keysentry\.json: rule "custom-key": invalid regex: /],
    [{ ...good, secretGroup: 2 }, /rule "custom-key": "secretGroup" must be a capture group number from 0 to 1/],
    [{ ...good, bodyGroup: -1 }, /rule "custom-key": "bodyGroup"/],
    [{ ...good, keyword: ['ck-'] }, /rule "custom-key": unknown field "keyword"/],
    [{ ...good, keywords: [] }, /rule "custom-key": "keywords" must be a non-empty array/],
    [{ ...good, keywords: ['ключ'] }, /rule "custom-key": "keywords" must be non-empty printable ASCII/],
    [{ ...good, provider: 'anthropic' }, /rule "custom-key": "provider" must be one of openai, deepseek/],
    [{ ...good, confidence: 'certain' }, /rule "custom-key": "confidence"/],
    [{ ...good, entropy: '3' }, /rule "custom-key": "entropy"/],
    [{ ...good, regex: '(x*)' }, /rule "custom-key": "regex" matches empty text/],
    [{ ...good, context: { regex: '(', lines: 1, confidence: 'high' } }, /rule "custom-key": invalid context.regex/],
    [{ ...good, context: { regex: 'x', lines: 99, confidence: 'high' } }, /"context.lines" must be an integer/],
    [{ ...good, examples: { match: 'x' } }, /rule "custom-key": "examples" must be/],
    [{ ...good, id: 'has space' }, /rule #1 needs an "id"/],
    [{ ...good, context: { regex: 'x', lines: 1, confidence: 'high', others: { providers: { A: 'a' } } } }, /"context.others" must be/],
    [{ ...good, context: { regex: 'x', lines: 1, confidence: 'high', others: { description: 'd', providers: { A: '(' } } } }, /invalid context.others pattern for "A"/],
    [{ ...good, context: { regex: 'x', lines: 1, confidence: 'high', others: { description: 'd', providers: { A: 'a?' } } } }, /pattern for "A" matches empty text/],
  ])('rejects %j with a one-line message naming the rule', (raw, message) => {
    const text = error([raw]);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('rejects a non-array and duplicate ids', () => {
    expect(error({ rules: [] })).toBe('keysentry.json: expected an array of rules');
    expect(error([good, good])).toBe('keysentry.json: rule "custom-key" is defined twice');
  });
});

describe('loadRules', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dirWith = (files: Record<string, string>) => {
    const dir = tempDir('keysentry-rules-');
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const rule = (id: string) =>
    JSON.stringify([{ id, provider: 'deepseek', description: 'd', regex: '(k-[0-9]{9})', secretGroup: 1, keywords: ['k-'], entropy: 0, confidence: 'low' }]);

  it('loads the built-in rules from the package rules directory', () => {
    expect(rules.map((r) => r.id)).toEqual(['deepseek-api-key', 'openai-user-key', 'openai-project-key', 'openai-named-key']);
  });

  it('loads every .json file of a directory in name order', () => {
    const dir = dirWith({ 'b.json': rule('b'), 'a.json': rule('a'), 'notes.txt': 'ignored' });
    expect(loadRules(dir).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('names the file for bad JSON, duplicate ids and a missing directory', () => {
    expect(() => loadRules(dirWith({ 'x.json': '[{' }))).toThrow(/x\.json: /);
    expect(() => loadRules(dirWith({ 'a.json': rule('same'), 'b.json': rule('same') }))).toThrow(
      /b\.json: rule "same" is already defined in .*a\.json/,
    );
    expect(() => loadRules(join(dirWith({}), 'missing'))).toThrow(/^cannot read rules from /);
  });
});
