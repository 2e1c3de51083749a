// Git patches (`git diff -p`, `git log -p --cc`) to Chunks, streamed: a push parser that holds one
// line piece and one chunk at a time, whatever the size of the history.
//
// Offsets: a blob's chunks carry real byte offsets. A hunk's chunks carry the byte offset within
// the new-side text of that file's diff (context and added lines of all its hunks, in order),
// because the offset in the file itself is not in the patch. It is unique within one file of one
// commit, which is what de-duplicating the overlap of a cut line needs.
import { COMMIT_MESSAGE_PATH, type Chunk, type Commit, type ScanContext } from '../types.js';
import { CHUNK_SIZE, lineCut, OVERLAP, readChunks, utf16Text, utf16Units } from './chunks.js';
import { printableName } from './files.js';
import type { BlobReader } from './git.js';

/**
 * The per-commit record DiffParser expects from `git log --format=…`: a line that starts with
 * NUL and holds the commit's fields, then the raw message ended by a NUL. Neither a patch line
 * nor a message can start that way, so no file content can fake a commit.
 */
export const LOG_FORMAT = '%x00%H%x00%aI%x00%an%x00%ae%n%B%x00';

const NL = 10;
const NUL = 0;
const SP = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;

/**
 * Splits a byte stream into lines, each with its '\n'; a line longer than maxPiece comes in
 * pieces. The last piece of a line always holds the byte before its '\n', where a log record's
 * closing NUL is.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly onPiece: (piece: Buffer, last: boolean) => void,
    private readonly maxPiece = CHUNK_SIZE,
  ) {}

  push(buf: Buffer): void {
    let start = 0;
    if (this.pendingBytes > 0) {
      const nl = buf.indexOf(NL);
      const end = nl < 0 ? buf.length : nl + 1;
      this.pending.push(buf.subarray(0, end));
      this.pendingBytes += end;
      if (nl >= 0) this.release(true);
      else if (this.pendingBytes >= this.maxPiece) this.release(false);
      start = end;
    }
    let nl: number;
    while ((nl = buf.indexOf(NL, start)) >= 0) {
      this.onPiece(buf.subarray(start, nl + 1), true);
      start = nl + 1;
    }
    if (start < buf.length) {
      this.pending.push(buf.subarray(start));
      this.pendingBytes += buf.length - start;
      if (this.pendingBytes >= this.maxPiece) this.release(false);
    }
  }

  end(): void {
    if (this.pendingBytes > 0) this.release(true);
  }

  private release(last: boolean): void {
    const piece = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const kept = last ? 0 : 1;
    this.pending = kept ? [piece.subarray(-kept)] : [];
    this.pendingBytes = kept;
    this.onPiece(piece.subarray(0, piece.length - kept), last);
  }
}

/** What every chunk of one run of lines shares. */
interface Origin {
  path: string;
  commit?: Commit;
}

/**
 * Cuts a run of consecutive lines into chunks of at most CHUNK_SIZE: on a line boundary when the
 * chunk holds more than the current line, otherwise inside the line, repeating its last
 * OVERLAP bytes (chunks.ts) at the start of the next chunk so no key is lost in the cut.
 */
class ChunkBuilder {
  private parts: Buffer[] = [];
  private size = 0;
  private origin: Origin = { path: '' };
  /** Added lines of the current chunk; undefined when every line counts (whole blobs, messages). */
  private added?: Set<number>;
  private trackAdded = false;
  private line = 0;
  private lineAdded = false;
  /** Where the current line starts in this chunk, in bytes and in parts. */
  private lineStart = 0;
  private linePart = 0;
  private chunkLine = 0;
  private chunkColumn = 0;
  private chunkOffset = 0;
  /** Which part of the chunk is its own to report, after and before a cut inside a line (Chunk.ownFrom). */
  private ownFrom: number | undefined;
  private ownTo: number | undefined;

  constructor(private readonly emit: (chunk: Chunk) => void) {}

  /** Begins a run whose first line is `line` and whose first byte has offset `offset`. */
  start(origin: Origin, line: number, offset: number, trackAdded: boolean): void {
    this.origin = origin;
    this.line = line - 1;
    this.chunkOffset = offset;
    this.trackAdded = trackAdded;
    this.added = trackAdded ? new Set() : undefined;
  }

  beginLine(added: boolean): void {
    this.line++;
    if (this.size >= CHUNK_SIZE) this.flush();
    if (this.size === 0) {
      this.chunkLine = this.line;
      this.chunkColumn = 0;
    }
    this.lineStart = this.size;
    this.linePart = this.parts.length;
    this.lineAdded = added;
    if (added) this.added?.add(this.line);
  }

  /** Appends bytes of the current line (its '\n' included when it has one). */
  write(piece: Buffer): void {
    while (piece.length > 0) {
      const room = CHUNK_SIZE - this.size;
      if (piece.length <= room) {
        this.parts.push(piece);
        this.size += piece.length;
        return;
      }
      if (this.lineStart > 0) {
        this.cutAtLineStart();
        continue;
      }
      this.parts.push(piece.subarray(0, room));
      this.size += room;
      piece = piece.subarray(room);
      this.cutInLine();
    }
  }

  /** Ends the run; returns the offset just past it. */
  finish(): number {
    this.flush();
    return this.chunkOffset;
  }

  private flush(): void {
    if (this.size > 0 && (!this.added || this.added.size > 0)) {
      const { path, commit } = this.origin;
      this.emit({
        path,
        data: this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size),
        line: this.chunkLine,
        column: this.chunkColumn,
        offset: this.chunkOffset,
        ...(commit && { commit }),
        ...(this.added && { added: this.added }),
        ...(this.ownFrom !== undefined && { ownFrom: this.ownFrom }),
        ...(this.ownTo !== undefined && { ownTo: this.ownTo }),
      });
    }
    this.ownFrom = this.ownTo = undefined;
    this.chunkOffset += this.size;
    this.parts = [];
    this.size = 0;
    this.added = this.trackAdded ? new Set() : undefined;
  }

  private cutAtLineStart(): void {
    const rest = this.parts.splice(this.linePart);
    const restSize = this.size - this.lineStart;
    this.size = this.lineStart;
    if (this.lineAdded) this.added?.delete(this.line);
    this.flush();
    this.parts = rest;
    this.size = restSize;
    this.chunkLine = this.line;
    this.chunkColumn = 0;
    this.lineStart = 0;
    this.linePart = 0;
    if (this.lineAdded) this.added?.add(this.line);
  }

  /** The chunk is full and holds only (part of) the current line. */
  private cutInLine(): void {
    const data = Buffer.concat(this.parts, this.size);
    // As chunks.ts cuts files, so a key on a cut is the same chunk's to report in a diff and in a file.
    const { end, next: keep, handOver } = lineCut(data, OVERLAP);
    const column = this.chunkColumn + utf16Units(data, keep);
    this.parts = [data.subarray(0, end)];
    this.size = end;
    this.ownTo = handOver;
    this.flush();
    this.ownFrom = handOver - keep;
    const carried = Buffer.from(data.subarray(keep));
    this.parts = [carried];
    this.size = carried.length;
    this.chunkOffset -= end - keep;
    this.chunkLine = this.line;
    this.chunkColumn = column;
    this.lineStart = 0;
    this.linePart = 0;
    if (this.lineAdded) this.added?.add(this.line);
  }
}

/** The bytes of a C-quoted name starting at buf[start] === '"', and the index after its closing quote. */
function unquote(buf: Buffer, start: number): { name: Buffer; end: number } | undefined {
  if (buf[start] !== 34) return undefined;
  const out: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = start + 1; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === 34) return { name: Buffer.from(out), end: i + 1 };
    if (c !== BACKSLASH) {
      out.push(c);
      continue;
    }
    const next = String.fromCharCode(buf[++i] ?? 0);
    if (next >= '0' && next <= '3') {
      out.push(parseInt(buf.subarray(i, i + 3).toString('latin1'), 8));
      i += 2;
    } else {
      const byte = escapes[next];
      if (byte === undefined) return undefined;
      out.push(byte);
    }
  }
  return undefined;
}

/** A name from a header line: C-quoted when git had to, otherwise raw bytes to the end. */
function headerName(buf: Buffer): Buffer {
  return unquote(buf, 0)?.name ?? buf;
}

/** The new name in `diff --git a/X b/Y`; renames and copies are named again by later header lines. */
function gitHeaderName(rest: Buffer): Buffer {
  if (rest[0] === 34) {
    const a = unquote(rest, 0);
    const b = a && rest[a.end] === SP ? unquote(rest, a.end + 1) : undefined;
    if (b) return b.name.subarray(2);
  }
  // Unquoted, equal names: "a/N b/N" splits in the middle, spaces in N or not.
  const n = (rest.length - 5) / 2;
  if (Number.isInteger(n) && rest.subarray(2, 2 + n).equals(rest.subarray(5 + n))) return rest.subarray(2, 2 + n);
  return rest.subarray(rest.lastIndexOf(' b/') + 3);
}

export type DiffItem =
  | { kind: 'commit'; commit: Commit }
  | { kind: 'chunk'; chunk: Chunk }
  /** A binary change: the new blob must be scanned whole. */
  | { kind: 'blob'; path: string; sha: string; commit?: Commit }
  /** A `--raw` line: the commit puts this blob at this path (added, changed, or a merge's own result). */
  | { kind: 'raw'; path: string; sha: string; commit?: Commit };

const ZERO_ID = /^0+$/;

/**
 * Push parser for git patches, with LOG_FORMAT commit records when they come from `git log`.
 * Hunks of plain diffs are delimited by their line counts, so file content that looks like a
 * header cannot derail it; combined (merge) hunks by their result count and marker columns.
 */
export class DiffParser {
  /** What the input pushed so far produced; the caller drains it after each push. */
  readonly items: DiffItem[] = [];
  private readonly splitter = new LineSplitter((piece, last) => this.piece(piece, last));
  private readonly builder = new ChunkBuilder((chunk) => this.items.push({ kind: 'chunk', chunk }));
  private state: 'header' | 'message' | 'hunk' = 'header';
  /** Commits read so far: the next one's position in the log's order. */
  private position = 0;
  /** What the rest of a line that arrives in pieces is. */
  private continuing?: 'content' | 'skip' | 'header';
  private headerParts: Buffer[] = [];
  private commit?: Commit;
  private path = '';
  private blobId = '';
  private fileOffset = 0;
  /** Marker columns: 1 in a plain diff, one per parent in a combined diff. */
  private columns = 1;
  private oldLeft = 0;
  private newLeft = 0;

  push(buf: Buffer): void {
    this.splitter.push(buf);
  }

  end(): void {
    this.splitter.end();
    this.endRun();
  }

  private piece(piece: Buffer, last: boolean): void {
    const continuing = this.continuing;
    this.continuing = undefined;
    if (continuing === 'header') {
      this.headerParts.push(piece);
      if (last) this.header(Buffer.concat(this.headerParts.splice(0)));
      else this.continuing = 'header';
    } else if (continuing) {
      this.content(piece, last, continuing);
    } else if (this.state === 'message') {
      this.builder.beginLine(false);
      this.content(piece, last, 'content');
    } else if (!(this.state === 'hunk' && this.hunkLine(piece, last))) {
      if (last) this.header(piece);
      else {
        this.headerParts = [piece];
        this.continuing = 'header';
      }
    }
  }

  /** The rest of a message or hunk line, from its first byte of content. */
  private content(piece: Buffer, last: boolean, kind: 'content' | 'skip'): void {
    if (!last) this.continuing = kind;
    if (this.state === 'message' && last) {
      let n = piece.length;
      if (piece[n - 1] === NL) n--;
      if (piece[n - 1] === NUL) {
        // The record's closing NUL: a message that ended without a newline keeps its last line.
        if (n > 1) this.builder.write(piece.subarray(0, n - 1));
        this.endRun();
        return;
      }
    }
    if (kind === 'content') this.builder.write(piece);
    if (last && this.state === 'hunk' && this.columns === 1 && this.oldLeft <= 0 && this.newLeft <= 0) this.endRun();
  }

  /** Handles the first piece of a line inside a hunk; false when the hunk is over and it is a header. */
  private hunkLine(piece: Buffer, last: boolean): boolean {
    const first = piece[0];
    if (first === BACKSLASH) {
      // "\ No newline at end of file"
      this.content(piece, last, 'skip');
      return true;
    }
    if (this.columns === 1) {
      if (first === PLUS) {
        this.newLeft--;
        this.builder.beginLine(true);
        this.content(piece.subarray(1), last, 'content');
      } else if (first === MINUS) {
        this.oldLeft--;
        this.content(piece, last, 'skip');
      } else if (first === SP || first === NL) {
        // A bare newline is a blank context line written by diff.suppressBlankEmpty.
        this.oldLeft--;
        this.newLeft--;
        this.builder.beginLine(false);
        this.content(first === NL ? piece : piece.subarray(1), last, 'content');
      } else {
        this.endRun();
        return false;
      }
      return true;
    }
    // Combined: column i is '+' when the line is not in parent i, '-' when only parent i had it.
    // A line the merge itself introduced is in no parent: '+' in every column.
    let removed = false;
    let everywhere = true;
    for (let i = 0; i < this.columns; i++) {
      const c = piece[i];
      if (c === MINUS) removed = true;
      else if (c !== PLUS && c !== SP) {
        this.endRun();
        return false;
      }
      if (c !== PLUS) everywhere = false;
    }
    if (removed) {
      this.content(piece, last, 'skip');
    } else if (this.newLeft > 0) {
      this.newLeft--;
      this.builder.beginLine(everywhere);
      this.content(piece.subarray(this.columns), last, 'content');
    } else {
      this.endRun();
      return false;
    }
    return true;
  }

  /** Closes the current hunk or message. */
  private endRun(): void {
    if (this.state === 'header') return;
    const end = this.builder.finish();
    if (this.state === 'hunk') this.fileOffset = end;
    this.state = 'header';
  }

  private header(line: Buffer): void {
    if (line[line.length - 1] === NL) line = line.subarray(0, -1);
    if (line[0] === NUL) return this.startCommit(line);
    const text = line.toString('latin1'); // for matching keywords; names are decoded from bytes
    if (text.startsWith('diff --git ')) {
      this.startFile(gitHeaderName(line.subarray('diff --git '.length)));
    } else if (text.startsWith('diff --cc ') || text.startsWith('diff --combined ')) {
      this.startFile(headerName(line.subarray(text.indexOf(' ', 5) + 1)));
    } else if (text.startsWith('rename to ') || text.startsWith('copy to ')) {
      this.path = printableName(headerName(line.subarray(text.indexOf(' to ') + 4)));
    } else if (text.startsWith('+++ ')) {
      let name = line.subarray(4);
      // git adds a tab after a name with a space in it, which an unquoted name never ends with.
      if (name[name.length - 1] === 9) name = name.subarray(0, -1);
      if (!name.equals(DEV_NULL)) this.path = printableName(headerName(name).subarray(2));
    } else if (text.startsWith('index ')) {
      this.blobId = /\.\.([0-9a-f]+)/.exec(text)?.[1] ?? '';
    } else if (text.startsWith('Binary files ') && text.endsWith(' differ')) {
      if (this.blobId && !ZERO_ID.test(this.blobId)) {
        const { path, blobId: sha, commit } = this;
        this.items.push({ kind: 'blob', path, sha, ...(commit && { commit }) });
      }
    } else if (text.startsWith('@@')) {
      this.startHunk(text);
    } else if (text[0] === ':') {
      this.rawLine(line, text);
    }
  }

  /**
   * `:<modes> <ids> <status>\t<path>`, with one mode and id per parent and one for the result
   * (`::` lines of merges have more). Deletions and submodules bring no blob.
   */
  private rawLine(line: Buffer, text: string): void {
    const tab = text.indexOf('\t');
    if (tab < 0) return;
    const fields = text.slice(0, tab).replace(/^:+/, '').split(' ');
    const modes = (fields.length - 1) / 2;
    const mode = fields[modes - 1] ?? '';
    const sha = fields[fields.length - 2] ?? '';
    if (!mode.startsWith('10') && !mode.startsWith('12')) return;
    if (ZERO_ID.test(sha)) return;
    const path = printableName(headerName(line.subarray(tab + 1)));
    this.items.push({ kind: 'raw', path, sha, ...(this.commit && { commit: this.commit }) });
  }

  private startCommit(line: Buffer): void {
    this.endRun();
    const [, sha = '', date = '', author = '', email = ''] = line.toString('utf8').split('\0');
    this.commit = { sha, author, email, date, position: this.position++ };
    this.items.push({ kind: 'commit', commit: this.commit });
    this.state = 'message';
    this.builder.start({ path: COMMIT_MESSAGE_PATH, commit: this.commit }, 1, 0, false);
  }

  private startFile(name: Buffer): void {
    this.endRun();
    this.path = printableName(name);
    this.blobId = '';
    this.fileOffset = 0;
  }

  private startHunk(text: string): void {
    this.endRun();
    const m = /^(@@+) (.*?) @@/.exec(text);
    if (!m) return;
    this.columns = m[1]!.length - 1;
    this.oldLeft = 0;
    this.newLeft = 0;
    let start = 1;
    for (const range of m[2]!.split(' ')) {
      const [from = 0, count = 1] = range.slice(1).split(',').map(Number);
      if (range[0] === '+') {
        start = from;
        this.newLeft = count;
      } else if (this.columns === 1) {
        this.oldLeft = count;
      }
    }
    this.state = 'hunk';
    this.builder.start({ path: this.path, ...(this.commit && { commit: this.commit }) }, start, this.fileOffset, true);
  }
}

const DEV_NULL = Buffer.from('/dev/null');

/**
 * Runs git's patch stream through DiffParser and yields its chunks, scanning binary changes
 * from their blobs and keeping the context's stats.
 */
export async function* diffChunks(
  patch: AsyncIterable<Buffer>,
  blobs: BlobReader,
  ctx: ScanContext,
  /** For `--raw` input: which of the blobs it names to read and scan whole. */
  wanted: (sha: string, path: string) => boolean = () => false,
  /** Which commits' messages to scan: a shard of a history scans its own share. */
  messageOf: (sha: string) => boolean = () => true,
): AsyncGenerator<Chunk> {
  const parser = new DiffParser();
  let lastFile = '';
  const counted = (chunk: Chunk): Chunk => {
    const file = `${chunk.commit?.sha}\0${chunk.path}`;
    if (chunk.path !== COMMIT_MESSAGE_PATH && file !== lastFile) ctx.stats.files++;
    lastFile = file;
    ctx.stats.bytes += chunk.data.length;
    return chunk;
  };
  const drain = async function* (): AsyncGenerator<Chunk> {
    for (const item of parser.items.splice(0)) {
      if (item.kind === 'chunk') {
        if (item.chunk.path === COMMIT_MESSAGE_PATH && item.chunk.commit && !messageOf(item.chunk.commit.sha)) continue;
        // Text to git (no NUL in its first 8000 bytes) may hold UTF-16 further on.
        const utf16 = item.chunk.data.includes(0) ? utf16Text(item.chunk) : [];
        yield counted(item.chunk);
        yield* utf16;
      } else if (item.kind === 'commit') {
        ctx.stats.commits = (ctx.stats.commits ?? 0) + 1;
      } else if (item.kind === 'blob') {
        for await (const chunk of await blobContent(blobs, ctx, item.sha, item.path, item.commit)) yield counted(chunk);
      } else if (wanted(item.sha, item.path)) {
        // Counted already, by the pass over every object that picked it.
        yield* await blobContent(blobs, ctx, item.sha, item.path, item.commit);
      }
    }
  };
  for await (const buf of patch) {
    parser.push(buf);
    yield* drain();
  }
  parser.end();
  yield* drain();
}

async function blobContent(
  blobs: BlobReader,
  ctx: ScanContext,
  sha: string,
  path: string,
  commit?: Commit,
): Promise<AsyncIterable<Chunk> | Chunk[]> {
  const content = await blobs.open(sha);
  if (!content) {
    ctx.skip('blob missing from the repository', path);
    return [];
  }
  if (!commit) return readChunks(path, content);
  return (async function* () {
    for await (const chunk of readChunks(path, content)) yield { ...chunk, commit };
  })();
}
