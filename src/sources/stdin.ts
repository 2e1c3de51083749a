import type { Chunk, ScanContext } from '../types.js';
import { readChunks } from './chunks.js';

/** Text piped in (`keysentry scan -`), as one file named '-', read as it arrives. */
export async function* stdinSource(
  ctx: ScanContext,
  input: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<Chunk> {
  ctx.stats.files++;
  yield* readChunks('-', counted(input, ctx));
}

async function* counted(input: NodeJS.ReadableStream, ctx: ScanContext): AsyncGenerator<Buffer> {
  for await (const piece of input) {
    // A stream someone called setEncoding() on yields strings.
    const block = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    ctx.stats.bytes += block.length;
    yield block;
  }
}
