import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, readChunks, utf16Text, type CutOptions } from '../../src/sources/chunks.js';
import type { Chunk } from '../../src/types.js';
import { collect, findMarker, reassemble, truth } from './chunk-helpers.js';

/** Feeds bytes in pieces of the given sizes, as a stream would deliver them. */
async function* pieces(bytes: Buffer, sizes: number[] = [bytes.length]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const chunksOf = (bytes: Buffer, options?: CutOptions, sizes?: number[]) =>
  collect(readChunks('f', pieces(bytes, sizes), options));

/** Every chunk's fields agree with the text: data at offset, line and column of data[0]. */
function checkLocations(text: string, chunks: Chunk[]): void {
  const bytes = Buffer.from(text);
  for (const c of chunks) {
    expect(c.data.equals(bytes.subarray(c.offset, c.offset + c.data.length))).toBe(true);
    const before = bytes.subarray(0, c.offset).toString();
    const lines = before.split('\n');
    expect(c.line).toBe(lines.length);
    expect(c.column).toBe(lines[lines.length - 1]!.length);
  }
  expect(reassemble(chunks).equals(bytes)).toBe(true);
}

describe('readChunks', () => {
  it('yields a small input as one chunk and nothing for an empty one', async () => {
    const [c, ...rest] = await chunksOf(Buffer.from('a\nb\n'));
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ path: 'f', line: 1, column: 0, offset: 0 });
    expect(c!.data.toString()).toBe('a\nb\n');
    expect(c!.binary).toBeUndefined();
    expect(await chunksOf(Buffer.alloc(0))).toEqual([]);
  });

  it('cuts on line ends, keeping every chunk within the chunk size', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`).join('\n');
    const chunks = await chunksOf(Buffer.from(text), { chunkSize: 100, overlap: 10 }, [7, 300, 1]);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks.slice(0, -1)) {
      expect(c.data.length).toBeLessThanOrEqual(100);
      expect(c.data[c.data.length - 1]).toBe(10);
      expect(c.column).toBe(0);
    }
    checkLocations(text, chunks);
  });

  it('cuts a line longer than a chunk with an overlap, so a marker on the cut is whole once', async () => {
    const marker = 'MARKER-0123456789';
    // The long line starts at 13 and holds only key bytes, so it is cut at exactly 13 + 1000,
    // in the middle of the marker.
    const text = `first\nsecond\n${'a'.repeat(1000 - 5)}${marker}${'b'.repeat(3000)}\nlast ${marker}\n`;
    const chunks = await chunksOf(Buffer.from(text), { chunkSize: 1000, overlap: 64 });
    expect(chunks.slice(0, 3).map((c) => [c.offset, c.data.length])).toEqual([
      [0, 13],
      [13, 1000],
      [13 + 1000 - 64, 1000],
    ]);
    checkLocations(text, chunks);
    expect(findMarker(chunks, marker)).toEqual(truth(text, marker, 'f'));
  });

  it('ends a cut inside a line after a separator where there is one', async () => {
    const text = 'k '.repeat(2000);
    const chunks = await chunksOf(Buffer.from(text), { chunkSize: 501, overlap: 64 });
    for (const c of chunks.slice(0, -1)) expect(c.data[c.data.length - 1]).toBe(0x20);
    checkLocations(text, chunks);
  });

  it('counts columns in UTF-16 code units across multi-byte characters', async () => {
    const marker = 'MARK';
    const text = `é😀日${'😀é'.repeat(400)}${marker}${'日'.repeat(300)}${marker}`;
    const chunks = await chunksOf(Buffer.from(text), { chunkSize: 256, overlap: 32 });
    expect(chunks.length).toBeGreaterThan(8);
    checkLocations(text, chunks);
    expect(findMarker(chunks, marker)).toEqual(truth(text, marker, 'f'));
  });

  it('keeps every location exact for any text, piece sizes and chunk size', async () => {
    const alphabet = ['a', 'Z', '0', '-', ' ', '"', '\n', '\n', 'é', '日', '😀'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 600 }).map((a) => a.join('')),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 5 }),
        async (text, overlap, extra, sizes) => {
          const chunkSize = 2 * overlap + 5 + extra;
          const chunks = await chunksOf(Buffer.from(text), { chunkSize, overlap }, sizes);
          checkLocations(text, chunks);
          // Anything a key could be (no line end, at most `overlap` bytes) is whole in a chunk.
          const bytes = Buffer.from(text);
          // Every byte is one chunk's own, and a match starting there is whole in that chunk with
          // the fifth of the overlap before it, up to the line's (or the text's) start and end.
          const lead = Math.floor(overlap / 5);
          for (let i = 0; i < bytes.length; i++) {
            const owners = chunks.filter((c) => i - c.offset >= (c.ownFrom ?? 0) && i - c.offset < (c.ownTo ?? c.data.length));
            expect(owners, `owners of byte ${i}`).toHaveLength(1);
            const [c] = owners;
            const lineStart = bytes.lastIndexOf(10, i - 1) + 1;
            const lineEnd = bytes.indexOf(10, i) === -1 ? bytes.length : bytes.indexOf(10, i) + 1;
            expect(c!.offset).toBeLessThanOrEqual(Math.max(lineStart, i - lead));
            expect(c!.offset + c!.data.length).toBeGreaterThanOrEqual(Math.min(lineEnd, i + overlap - lead));
          }
          for (let i = 0; i + overlap <= bytes.length; i++) {
            if (bytes.subarray(i, i + overlap).includes(10)) continue;
            const whole = chunks.some((c) => c.offset <= i && c.offset + c.data.length >= i + overlap);
            expect(whole, `bytes ${i}..${i + overlap}`).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scans a file with NUL bytes as bytes, flagged binary', async () => {
    const bytes = Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from('xx KEY-LIKE yy'), Buffer.from([0])]);
    const chunks = await chunksOf(bytes);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.binary).toBe(true);
    expect(chunks[0]!.data.equals(bytes)).toBe(true);
    expect(findMarker(chunks, 'KEY-LIKE')[0]!.offset).toBe(7);
  });

  it('leaves Latin-1 and broken UTF-8 as they are', async () => {
    const bytes = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xc3, 0x28]), Buffer.from(' KEY\n')]);
    const [c] = await chunksOf(bytes);
    expect(c!.data.equals(bytes)).toBe(true);
    expect(c!.binary).toBeUndefined();
    expect(c!.decodedFrom).toBeUndefined();
  });

  describe('UTF-16', () => {
    const text = 'line one\nkey = "MARKER-ÄÖ😀"\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();

    it.each([
      ['LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf16le'],
      ['BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf16be'],
      ['LE without a BOM', le, 'utf16le'],
      ['BE without a BOM', be, 'utf16be'],
    ])('decodes %s to UTF-8', async (_, bytes, encoding) => {
      // Odd piece sizes split code units and the surrogate pair between reads.
      const all = await chunksOf(bytes, {}, [3, 5]);
      // The bytes as they are come too, for ASCII a decoding would hide.
      expect(all.filter((c) => !c.decodedFrom)).toEqual([{ path: 'f', data: bytes, line: 1, column: 0, offset: 0, binary: true }]);
      const chunks = all.filter((c) => c.decodedFrom);
      expect(chunks.map((c) => c.decodedFrom)).toEqual([encoding]);
      expect(chunks[0]!.data.toString()).toBe(text);
      expect(findMarker(chunks, 'MARKER')).toEqual(truth(text, 'MARKER', 'f'));
    });

    it('decodes a large file chunk by chunk', async () => {
      const big = `${'a line of text\n'.repeat(1000)}MARKER\n`;
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(big, 'utf16le')]);
      const all = await chunksOf(bytes, { chunkSize: 1000, overlap: 64 }, [777]);
      const chunks = all.filter((c) => c.decodedFrom);
      checkLocations(big, chunks);
      expect(reassemble(all.filter((c) => !c.decodedFrom)).equals(bytes)).toBe(true);
      expect(findMarker(chunks, 'MARKER')).toEqual(truth(big, 'MARKER', 'f'));
    });
  });

  describe('more than one reading, so a decoding never hides key bytes', () => {
    const marker = 'MARKER-0123456789-abcdef';
    const le = (t: string) => Buffer.from(t, 'utf16le');
    /** Where the marker is in each chunk, as a byte offset in the file. */
    const offsets = (chunks: Chunk[]) =>
      chunks.flatMap((c) => {
        const i = c.data.indexOf(marker);
        return i === -1 ? [] : [{ offset: c.offset + i * (c.stride ?? 1), decodedFrom: c.decodedFrom }];
      });

    it('searches a UTF-16 file as the bytes it is too: ASCII appended to it', async () => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), le('one\r\ntwo\r\n'), Buffer.from(`key ${marker}\n`)]);
      const chunks = await chunksOf(bytes, {}, [5]);
      expect(offsets(chunks)).toEqual([{ offset: bytes.indexOf(marker), decodedFrom: undefined }]);
    });

    it('reads UTF-16LE text out of binary data, at either alignment, with byte offsets', async () => {
      for (const pad of [0, 1]) {
        const code = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
        const head = Buffer.concat([code, Buffer.alloc(pad, 7)]);
        const bytes = Buffer.concat([head, le(`"${marker}"`), Buffer.from([0, 0, 9])]);
        const chunks = await chunksOf(bytes);
        expect(chunks[0]!.binary).toBe(true);
        expect(offsets(chunks)).toEqual([{ offset: head.length + 2, decodedFrom: 'utf16le' }]);
      }
    });

    it.each([
      ['no NUL in its first 8 KiB (read as UTF-8)', '日本語のテキスト。', false],
      ['too few ASCII characters to be taken for UTF-16 (read as binary)', '設定 = 値、\r\n', true],
    ])('reads UTF-16LE without a BOM whose first 8 KiB are CJK: %s', async (_, filler, binary) => {
      const text = `${filler.repeat(600)}\r\nkey = ${marker}\r\n`;
      const bytes = le(text);
      const chunks = await chunksOf(bytes, {}, [1000]);
      expect(chunks[0]!.binary).toBe(binary || undefined);
      const [hit] = chunks.filter((c) => c.data.includes(marker));
      expect(offsets(chunks)).toEqual([{ offset: bytes.indexOf(le(marker)), decodedFrom: 'utf16le' }]);
      expect(hit!.stride).toBe(2);
      expect(hit!.data.toString()).toMatch(new RegExp(`\\r\\nkey = ${marker}\\r\\n$`));
      // The marker's line, counted as a detector counts it from the chunk's line.
      const before = hit!.data.subarray(0, hit!.data.indexOf(marker));
      expect(hit!.line + before.filter((b) => b === 10).length).toBe(text.split('\n').length - 1);
    });

    it('finds every run a byte-by-byte pass finds, though it looks at few bytes', () => {
      const naive = (data: Buffer) => {
        const runs: string[] = [];
        for (let i = 0; i + 1 < data.length; ) {
          let end = i;
          while (end + 1 < data.length && data[end + 1] === 0 && /[\t\n\r\x20-\x7e]/.test(String.fromCharCode(data[end]!))) end += 2;
          if (end - i >= 32) runs.push(`${i}:${data.toString('latin1', i, end).replaceAll('\0', '')}`);
          i = end > i ? end : i + 1;
        }
        return runs;
      };
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ maxLength: 40 }).map((t) => le(t))), { maxLength: 12 }),
          (parts) => {
            const data = Buffer.concat(parts.map((p) => Buffer.from(p)));
            const found = utf16Text({ path: 'f', data, line: 1, column: 0, offset: 0 });
            expect(found.map((c) => `${c.offset}:${c.data.toString('latin1')}`)).toEqual(naive(data));
          },
        ),
        { numRuns: 500 },
      );
    });

    it('leaves short runs and NUL-padded integers alone', async () => {
      const ints = Buffer.alloc(4096);
      for (let i = 0; i < ints.length; i += 4) ints.writeUInt32LE(i % 100, i);
      const bytes = Buffer.concat([ints, le('short')]);
      expect((await chunksOf(bytes)).map((c) => c.binary)).toEqual([true]);
    });
  });

  it('leaves a UTF-8 BOM out, the first chunk starting at offset 3', async () => {
    const [c] = await chunksOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('KEY\n')]));
    expect(c).toMatchObject({ offset: 3, line: 1, column: 0 });
    expect(c!.data.toString()).toBe('KEY\n');
  });

  it('counts lines of CRLF files on their line feeds', async () => {
    const text = 'one\r\ntwo\r\nthree MARKER\r\n';
    const chunks = await chunksOf(Buffer.from(text));
    expect(chunks[0]!.data.toString()).toBe(text);
    expect(findMarker(chunks, 'MARKER')).toEqual([{ path: 'f', line: 3, column: 6, offset: 16 }]);
  });

  it('counts a lone CR as a line end, byte for byte, even split between pieces', async () => {
    // Past the first 8 KiB, pieces of 4 and 1 bytes end on a '\r' again and again.
    const text = `${'x\r'.repeat(5000)}one\rtwo\r\rfour MARKER\rfive\r\nsix\r`;
    const normalised = text.replace(/\r(?!\n)/g, '\n');
    const chunks = await chunksOf(Buffer.from(text), {}, [4, 1]);
    expect(Buffer.concat(chunks.map((c) => c.data)).toString()).toBe(normalised);
    expect(findMarker(chunks, 'MARKER')).toEqual(truth(normalised, 'MARKER', 'f'));
    expect(findMarker(chunks, 'MARKER')[0]).toMatchObject({ line: 5004, column: 5 });
  });

  it('reads a long stream as it goes, never far ahead of the chunk it yields', async () => {
    let produced = 0;
    async function* stream(): AsyncGenerator<Buffer> {
      const block = Buffer.from(`${'x'.repeat(99)}\n`.repeat(655)); // 64 KiB of lines
      while (produced < 64 * CHUNK_SIZE) {
        produced += block.length;
        yield block;
      }
    }
    let chunks = 0;
    for await (const c of readChunks('big', stream())) {
      chunks++;
      expect(c.data.length).toBeLessThanOrEqual(CHUNK_SIZE);
      expect(produced - (c.offset + c.data.length)).toBeLessThan(CHUNK_SIZE + 65536);
    }
    expect(chunks).toBeGreaterThanOrEqual(64);
  });

  it('rejects an overlap the chunk size cannot make progress with', async () => {
    await expect(chunksOf(Buffer.from('x'), { chunkSize: 10, overlap: 5 })).rejects.toThrow(RangeError);
  });
});
