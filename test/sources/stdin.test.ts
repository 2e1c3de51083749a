import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/sources/chunks.js';
import { createContext } from '../../src/sources/context.js';
import { stdinSource } from '../../src/sources/stdin.js';
import { collect, findMarker, reassemble, truth } from './chunk-helpers.js';

describe('stdinSource', () => {
  it('reads the stream as one file named "-", a marker split between reads found whole', async () => {
    const text = 'first line\nsecond MARKER-XYZ line\nthird\n';
    const ctx = createContext();
    const pieces = [text.slice(0, 15), text.slice(15, 21), text.slice(21)].map((s) => Buffer.from(s));
    const chunks = await collect(stdinSource(ctx, Readable.from(pieces)));
    expect(chunks.every((c) => c.path === '-')).toBe(true);
    expect(findMarker(chunks, 'MARKER-XYZ')).toEqual(truth(text, 'MARKER-XYZ', '-'));
    expect(ctx.stats).toMatchObject({ files: 1, bytes: Buffer.byteLength(text) });
  });

  it('yields nothing for an empty stream but counts it', async () => {
    const ctx = createContext();
    expect(await collect(stdinSource(ctx, Readable.from([])))).toEqual([]);
    expect(ctx.stats).toMatchObject({ files: 1, bytes: 0 });
  });

  it('accepts a stream that yields strings', async () => {
    const input = new PassThrough();
    input.setEncoding('utf8');
    input.end('ünïcødé MARKER\n');
    const chunks = await collect(stdinSource(createContext(), input));
    expect(findMarker(chunks, 'MARKER')).toEqual([{ path: '-', line: 1, column: 8, offset: 12 }]);
  });

  it('cuts a long stream into bounded chunks with exact locations', async () => {
    const line = `${'z'.repeat(70)} MARKER ${'q'.repeat(50)}\n`;
    const text = line.repeat(Math.ceil((3.5 * CHUNK_SIZE) / line.length));
    async function* slowly() {
      for (let at = 0; at < text.length; at += 65536) yield Buffer.from(text.slice(at, at + 65536));
    }
    const ctx = createContext();
    const chunks = await collect(stdinSource(ctx, Readable.from(slowly())));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...chunks.map((c) => c.data.length))).toBeLessThanOrEqual(CHUNK_SIZE);
    expect(reassemble(chunks).toString()).toBe(text);
    const hits = findMarker(chunks, 'MARKER');
    expect(hits).toHaveLength(text.length / line.length);
    expect(hits.at(-1)).toEqual(truth(text, 'MARKER', '-').at(-1));
    expect(ctx.stats.bytes).toBe(text.length);
  });

  it('decodes UTF-16 piped in', async () => {
    const text = 'token: MARKER\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const chunks = await collect(stdinSource(createContext(), Readable.from([bytes])));
    expect(chunks[0]!.decodedFrom).toBe('utf16le');
    expect(findMarker(chunks, 'MARKER')).toEqual(truth(text, 'MARKER', '-'));
  });
});
