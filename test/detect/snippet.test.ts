// The line snippet a finding carries to the report: the line around the key, never a key.
import { describe, expect, it } from 'vitest';
import { snippetOf } from '../../src/detect/snippet.js';
import { redact } from '../../src/detect/secret.js';
import { KeyGen } from '../support/keygen.js';

const gen = new KeyGen(77);

function span(data: Buffer, secret: string, from = 0) {
  const start = data.indexOf(secret, from);
  return { start, end: start + secret.length, secret };
}

describe('snippetOf', () => {
  it('shows the line with the key redacted', () => {
    const key = gen.openaiProject();
    const data = Buffer.from(`first\n  client = OpenAI(api_key="${key}")\nlast\n`);
    const s = span(data, key);
    expect(snippetOf(data, s, [s], false)).toBe(`client = OpenAI(api_key="${redact(key)}")`);
  });

  it('redacts every other key on the line, and leaves out one cut by the edge', () => {
    const [a, b, c] = [gen.deepseek(), gen.openaiLegacy(), gen.openaiProject()];
    const data = Buffer.from(`A=${a} B=${b} ${'x'.repeat(30)}${c}\n`);
    const spans = [span(data, a), span(data, b), span(data, c)];
    const text = snippetOf(data, spans[1]!, spans, false);
    expect(text).toContain(`A=${redact(a)} B=${redact(b)}`);
    for (const k of [a, b, c]) expect(text.includes(k.slice(6, -5))).toBe(false);
  });

  it('drops control characters, caps its length and marks the cuts', () => {
    const key = gen.deepseek();
    const data = Buffer.from(`${'y'.repeat(200)} \x1b[31mkey = ${key} \u202e${'z'.repeat(200)}`);
    const s = span(data, key);
    const text = snippetOf(data, s, [s], false);
    expect(text).toMatch(/^…\[31mkey = sk-…\w{4}…$/);
    expect(text.length).toBeLessThan(100);
  });

  it('does not show the tail of a key that a long line cut before the chunk', () => {
    const key = gen.openaiLegacy();
    const cut = gen.openaiProject().slice(30); // what is left of a key the previous chunk reported
    const data = Buffer.from(`${cut} ${key}\n`);
    const s = span(data, key);
    expect(snippetOf(data, s, [s], true)).toBe(`…${redact(key)}`);
  });
});
