// Every object of the repository once, straight from its packs: the cheap half of a history
// audit. git inflates each blob once, in pack order, instead of diffing every commit against its
// parent, and most blobs hold no key; the few that may are named for the attribution pass.
import { CHUNK_SIZE, ChunkCutter } from './chunks.js';
import { gitFilter, gitStream } from './git.js';
import type { Chunk, ScanContext } from '../types.js';

/** Which chunks are worth a second look: the detector's answer, passed in so sources know no rules. */
export type KeyTest = (chunk: Chunk) => boolean;

const NL = 10;

/**
 * The ids of the blobs in which `mayHoldKey` says yes to some chunk. One cat-file lists every
 * object's type in pack order, a second reads the blobs in that order: trees (a fifth of the
 * bytes of a typical pack, and slow to inflate) are never read. Streamed: memory holds one
 * CHUNK_SIZE piece and the answer, whatever the size of the repository.
 */
export async function blobsWithKeys(cwd: string, mayHoldKey: KeyTest, ctx: ScanContext): Promise<Set<string>> {
  const warn = (m: string) => ctx.warn(m);
  const list = ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)', '--unordered'];
  const parser = new ObjectStream(mayHoldKey, ctx);
  for await (const buf of gitFilter(['cat-file', '--batch'], cwd, blobIds(gitStream(list, cwd, warn)), warn)) {
    parser.push(buf);
  }
  parser.end();
  return parser.hits;
}

/** `<id>\n` for each `blob <id>` line of the listing. */
async function* blobIds(listing: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const buf of listing) {
    const lines = (rest + buf.toString('latin1')).split('\n');
    rest = lines.pop()!;
    let ids = '';
    for (const line of lines) if (line.startsWith('blob ')) ids += `${line.slice(5)}\n`;
    if (ids) yield ids;
  }
  if (rest.startsWith('blob ')) yield `${rest.slice(5)}\n`;
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
