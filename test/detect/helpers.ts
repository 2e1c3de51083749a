// Shared by the detect tests: chunks built from text the way a source would build them.
import type { Chunk } from '../../src/types.js';

export function chunk(text: string | Buffer, extra: Partial<Chunk> = {}): Chunk {
  return {
    path: 'file.txt',
    data: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
    line: 1,
    column: 0,
    offset: 0,
    ...extra,
  };
}

/** Where `needle` sits in `text`, as the detector should report it (UTF-16 columns, UTF-8 offset). */
export function placeOf(text: string, needle: string, from = 0) {
  const index = text.indexOf(needle, from);
  if (index === -1) throw new Error('needle not in text');
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const column = index - lineStart + 1;
  return {
    line: text.slice(0, index).split('\n').length,
    column,
    endColumn: column + needle.length,
    offset: Buffer.byteLength(text.slice(0, index)),
  };
}
