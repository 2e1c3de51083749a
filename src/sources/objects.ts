// Every object of the repository once, straight from its packs: the cheap half of a history
// audit. git inflates each blob once, in pack order, instead of diffing every commit against its
// parent, and most blobs hold no key; the few that may are named for the attribution pass.
import { CHUNK_SIZE, ChunkCutter } from './chunks.js';
import { STREAM_BLOBS, gitFilter, gitStream } from './git.js';
import type { Chunk, ScanContext } from '../types.js';

/** Which chunks are worth a second look: the detector's answer, passed in so sources know no rules. */
export type KeyTest = (chunk: Chunk) => boolean;

const NL = 10;

/** What the pass over every object learnt: the blobs worth a second look, and which blobs exist. */
export interface ObjectScan {
  withKeys: Set<string>;
  /** Whether the repository holds this blob, readable: a missing or corrupt one is never silently skipped. */
  has(sha: string): boolean;
}

/**
 * Reads every blob once. One cat-file lists every object's type in pack order, a second reads the
 * blobs in that order: trees (a fifth of the bytes of a typical pack, and slow to inflate) are
 * never read. Streamed: memory holds one CHUNK_SIZE piece, the ids of the blobs that may hold a
 * key, and 8 bytes for every blob (the index that tells a missing one).
 */
export async function scanObjects(
  cwd: string,
  mayHoldKey: KeyTest,
  ctx: ScanContext,
  options: {
    /** Which blobs to read: a shard reads its share; every blob still counts as present. */
    owns?: (sha: string) => boolean;
    /** git options for both processes (packs.ts: small pack windows where they cost nothing). */
    windows?: readonly string[];
  } = {},
): Promise<ObjectScan> {
  const { owns = () => true, windows = [] } = options;
  const warn = (m: string) => ctx.warn(m);
  const list = [...windows, 'cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered'];
  const parser = new ObjectStream(mayHoldKey, ctx);
  const index = new IdIndex();
  const ids = blobIds(gitStream(list, cwd, warn), index, ctx, owns);
  for await (const buf of gitFilter([...windows, ...STREAM_BLOBS, 'cat-file', '--batch'], cwd, ids, warn)) parser.push(buf);
  parser.end();
  index.seal();
  return { withKeys: parser.hits, has: (sha) => index.has(sha) };
}

/** `<id>\n` for each `blob <id>` line of the listing; what git could not read is counted and told. */
async function* blobIds(
  listing: AsyncIterable<Buffer>,
  index: IdIndex,
  ctx: ScanContext,
  owns: (sha: string) => boolean,
): AsyncGenerator<string> {
  let rest = '';
  let unreadable = 0;
  const examples: string[] = [];
  for await (const buf of listing) {
    const lines = (rest + buf.toString('latin1')).split('\n');
    rest = lines.pop()!;
    let ids = '';
    for (const line of lines) {
      if (line.startsWith('blob ')) {
        const sha = line.slice(5);
        index.add(sha);
        if (owns(sha)) ids += `${sha}\n`;
      } else if (line.endsWith(' missing')) {
        // A corrupt object is listed, but git cannot read even its type.
        unreadable++;
        if (examples.length < 3) examples.push(line.slice(0, -' missing'.length));
        ctx.skip('object unreadable (corrupt)');
      }
    }
    if (ids) yield ids;
  }
  if (unreadable) {
    const more = unreadable > examples.length ? ', …' : '';
    ctx.warn(`git cannot read ${unreadable} object(s) of this repository (corrupt?): ${examples.join(', ')}${more}; what they hold was not scanned (git fsck tells more)`);
  }
}

/** A sorted set of 64-bit id prefixes: 8 bytes a blob, however many millions there are. */
class IdIndex {
  private blocks: BigUint64Array[] = [new BigUint64Array(1 << 16)];
  private used = 0;
  private sorted = new BigUint64Array(0);

  add(sha: string): void {
    let block = this.blocks[this.blocks.length - 1]!;
    if (this.used === block.length) {
      block = new BigUint64Array(block.length * 2);
      this.blocks.push(block);
      this.used = 0;
    }
    block[this.used++] = BigInt(`0x${sha.slice(0, 16)}`);
  }

  seal(): void {
    const last = this.blocks.length - 1;
    const total = this.blocks.reduce((n, b, i) => n + (i === last ? this.used : b.length), 0);
    this.sorted = new BigUint64Array(total);
    let at = 0;
    for (const [i, b] of this.blocks.entries()) {
      const part = i === last ? b.subarray(0, this.used) : b;
      this.sorted.set(part, at);
      at += part.length;
    }
    this.blocks = [];
    this.sorted.sort();
  }

  has(sha: string): boolean {
    const key = BigInt(`0x${sha.slice(0, 16)}`);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return this.sorted[lo] === key;
  }
}

/** Push parser for `cat-file --batch` output: `<id> <type> <size>\n<content>\n`, again and again. */
class ObjectStream {
  readonly hits = new Set<string>();
  private header: Buffer[] = [];
  /** Content bytes of the current object still to come, then its closing newline. */
  private left = -1;
  private sha = '';
  /** Set while the current object is a blob that has not yet been found to hold a key. */
  private cutter?: ChunkCutter;

  constructor(
    private readonly mayHoldKey: KeyTest,
    private readonly ctx: ScanContext,
  ) {}

  push(buf: Buffer): void {
    let pos = 0;
    while (pos < buf.length) {
      if (this.left < 0) {
        const nl = buf.indexOf(NL, pos);
        if (nl < 0) {
          this.header.push(buf.subarray(pos));
          return;
        }
        this.header.push(buf.subarray(pos, nl));
        this.begin(Buffer.concat(this.header).toString('latin1'));
        this.header = [];
        pos = nl + 1;
        continue;
      }
      if (this.left === 0) {
        // The newline git writes after each object's content.
        pos++;
        this.finish();
        continue;
      }
      const take = Math.min(this.left, buf.length - pos, CHUNK_SIZE);
      if (this.cutter) this.test(this.cutter.push(buf.subarray(pos, pos + take)));
      this.left -= take;
      pos += take;
    }
  }

  end(): void {
    if (this.left >= 0 || this.header.length) throw new Error('git cat-file output ended inside an object');
  }

  private begin(line: string): void {
    const [sha = '', type, size] = line.split(' ');
    if (type === 'missing') {
      // Gone (or found corrupt) since it was listed: no content follows. The history pass tells.
      this.ctx.skip('object unreadable (corrupt)');
      return;
    }
    if (size === undefined) throw new Error(`unexpected git cat-file output: ${JSON.stringify(line.slice(0, 80))}`);
    this.sha = sha;
    this.left = Number(size);
    if (type === 'blob') {
      this.ctx.stats.files++;
      this.ctx.stats.bytes += this.left;
      this.cutter = new ChunkCutter(sha);
    }
  }

  private test(chunks: Chunk[]): void {
    for (const chunk of chunks) {
      if (this.mayHoldKey(chunk)) {
        this.hits.add(this.sha);
        // One yes is enough: the attribution pass reads this blob again, whole.
        this.cutter = undefined;
        return;
      }
    }
  }

  private finish(): void {
    if (this.cutter) this.test(this.cutter.end());
    this.cutter = undefined;
    this.left = -1;
  }
}
