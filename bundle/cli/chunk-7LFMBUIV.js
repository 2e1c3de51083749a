// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  printableName
} from "./chunk-7MBXQDW6.js";
import {
  CHUNK_SIZE,
  OVERLAP,
  lineCut,
  readChunks,
  utf16Text,
  utf16Units
} from "./chunk-4GNOLUO2.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";

// src/sources/diff.ts
var LOG_FORMAT = "%x00%H%x00%aI%x00%an%x00%ae%n%B%x00";
var NL = 10;
var NUL = 0;
var SP = 32;
var PLUS = 43;
var MINUS = 45;
var BACKSLASH = 92;
var LineSplitter = class {
  constructor(onPiece, maxPiece = CHUNK_SIZE) {
    this.onPiece = onPiece;
    this.maxPiece = maxPiece;
  }
  onPiece;
  maxPiece;
  pending = [];
  pendingBytes = 0;
  push(buf) {
    let start = 0;
    if (this.pendingBytes > 0) {
      const nl2 = buf.indexOf(NL);
      const end = nl2 < 0 ? buf.length : nl2 + 1;
      this.pending.push(buf.subarray(0, end));
      this.pendingBytes += end;
      if (nl2 >= 0) this.release(true);
      else if (this.pendingBytes >= this.maxPiece) this.release(false);
      start = end;
    }
    let nl;
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
  end() {
    if (this.pendingBytes > 0) this.release(true);
  }
  release(last) {
    const piece = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    const kept = last ? 0 : 1;
    this.pending = kept ? [piece.subarray(-kept)] : [];
    this.pendingBytes = kept;
    this.onPiece(piece.subarray(0, piece.length - kept), last);
  }
};
var ChunkBuilder = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  parts = [];
  size = 0;
  origin = { path: "" };
  /** Added lines of the current chunk; undefined when every line counts (whole blobs, messages). */
  added;
  trackAdded = false;
  line = 0;
  lineAdded = false;
  /** Where the current line starts in this chunk, in bytes and in parts. */
  lineStart = 0;
  linePart = 0;
  chunkLine = 0;
  chunkColumn = 0;
  chunkOffset = 0;
  /** Which part of the chunk is its own to report, after and before a cut inside a line (Chunk.ownFrom). */
  ownFrom;
  ownTo;
  /** Begins a run whose first line is `line` and whose first byte has offset `offset`. */
  start(origin, line, offset, trackAdded) {
    this.origin = origin;
    this.line = line - 1;
    this.chunkOffset = offset;
    this.trackAdded = trackAdded;
    this.added = trackAdded ? /* @__PURE__ */ new Set() : void 0;
  }
  beginLine(added) {
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
  write(piece) {
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
  finish() {
    this.flush();
    return this.chunkOffset;
  }
  flush() {
    if (this.size > 0 && (!this.added || this.added.size > 0)) {
      const { path, commit } = this.origin;
      this.emit({
        path,
        data: this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size),
        line: this.chunkLine,
        column: this.chunkColumn,
        offset: this.chunkOffset,
        ...commit && { commit },
        ...this.added && { added: this.added },
        ...this.ownFrom !== void 0 && { ownFrom: this.ownFrom },
        ...this.ownTo !== void 0 && { ownTo: this.ownTo }
      });
    }
    this.ownFrom = this.ownTo = void 0;
    this.chunkOffset += this.size;
    this.parts = [];
    this.size = 0;
    this.added = this.trackAdded ? /* @__PURE__ */ new Set() : void 0;
  }
  cutAtLineStart() {
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
  cutInLine() {
    const data = Buffer.concat(this.parts, this.size);
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
};
function unquote(buf, start) {
  if (buf[start] !== 34) return void 0;
  const out = [];
  const escapes = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  for (let i = start + 1; i < buf.length; i++) {
    const c = buf[i];
    if (c === 34) return { name: Buffer.from(out), end: i + 1 };
    if (c !== BACKSLASH) {
      out.push(c);
      continue;
    }
    const next = String.fromCharCode(buf[++i] ?? 0);
    if (next >= "0" && next <= "3") {
      out.push(parseInt(buf.subarray(i, i + 3).toString("latin1"), 8));
      i += 2;
    } else {
      const byte = escapes[next];
      if (byte === void 0) return void 0;
      out.push(byte);
    }
  }
  return void 0;
}
function headerName(buf) {
  return unquote(buf, 0)?.name ?? buf;
}
function gitHeaderName(rest) {
  if (rest[0] === 34) {
    const a = unquote(rest, 0);
    const b = a && rest[a.end] === SP ? unquote(rest, a.end + 1) : void 0;
    if (b) return b.name.subarray(2);
  }
  const n = (rest.length - 5) / 2;
  if (Number.isInteger(n) && rest.subarray(2, 2 + n).equals(rest.subarray(5 + n))) return rest.subarray(2, 2 + n);
  return rest.subarray(rest.lastIndexOf(" b/") + 3);
}
var ZERO_ID = /^0+$/;
var DiffParser = class {
  /** What the input pushed so far produced; the caller drains it after each push. */
  items = [];
  splitter = new LineSplitter((piece, last) => this.piece(piece, last));
  builder = new ChunkBuilder((chunk) => this.items.push({ kind: "chunk", chunk }));
  state = "header";
  /** Commits read so far: the next one's position in the log's order. */
  position = 0;
  /** What the rest of a line that arrives in pieces is. */
  continuing;
  headerParts = [];
  commit;
  path = "";
  blobId = "";
  fileOffset = 0;
  /** Marker columns: 1 in a plain diff, one per parent in a combined diff. */
  columns = 1;
  oldLeft = 0;
  newLeft = 0;
  push(buf) {
    this.splitter.push(buf);
  }
  end() {
    this.splitter.end();
    this.endRun();
  }
  piece(piece, last) {
    const continuing = this.continuing;
    this.continuing = void 0;
    if (continuing === "header") {
      this.headerParts.push(piece);
      if (last) this.header(Buffer.concat(this.headerParts.splice(0)));
      else this.continuing = "header";
    } else if (continuing) {
      this.content(piece, last, continuing);
    } else if (this.state === "message") {
      this.builder.beginLine(false);
      this.content(piece, last, "content");
    } else if (!(this.state === "hunk" && this.hunkLine(piece, last))) {
      if (last) this.header(piece);
      else {
        this.headerParts = [piece];
        this.continuing = "header";
      }
    }
  }
  /** The rest of a message or hunk line, from its first byte of content. */
  content(piece, last, kind) {
    if (!last) this.continuing = kind;
    if (this.state === "message" && last) {
      let n = piece.length;
      if (piece[n - 1] === NL) n--;
      if (piece[n - 1] === NUL) {
        if (n > 1) this.builder.write(piece.subarray(0, n - 1));
        this.endRun();
        return;
      }
    }
    if (kind === "content") this.builder.write(piece);
    if (last && this.state === "hunk" && this.columns === 1 && this.oldLeft <= 0 && this.newLeft <= 0) this.endRun();
  }
  /** Handles the first piece of a line inside a hunk; false when the hunk is over and it is a header. */
  hunkLine(piece, last) {
    const first = piece[0];
    if (first === BACKSLASH) {
      this.content(piece, last, "skip");
      return true;
    }
    if (this.columns === 1) {
      if (first === PLUS) {
        this.newLeft--;
        this.builder.beginLine(true);
        this.content(piece.subarray(1), last, "content");
      } else if (first === MINUS) {
        this.oldLeft--;
        this.content(piece, last, "skip");
      } else if (first === SP || first === NL) {
        this.oldLeft--;
        this.newLeft--;
        this.builder.beginLine(false);
        this.content(first === NL ? piece : piece.subarray(1), last, "content");
      } else {
        this.endRun();
        return false;
      }
      return true;
    }
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
      this.content(piece, last, "skip");
    } else if (this.newLeft > 0) {
      this.newLeft--;
      this.builder.beginLine(everywhere);
      this.content(piece.subarray(this.columns), last, "content");
    } else {
      this.endRun();
      return false;
    }
    return true;
  }
  /** Closes the current hunk or message. */
  endRun() {
    if (this.state === "header") return;
    const end = this.builder.finish();
    if (this.state === "hunk") this.fileOffset = end;
    this.state = "header";
  }
  header(line) {
    if (line[line.length - 1] === NL) line = line.subarray(0, -1);
    if (line[0] === NUL) return this.startCommit(line);
    const text = line.toString("latin1");
    if (text.startsWith("diff --git ")) {
      this.startFile(gitHeaderName(line.subarray("diff --git ".length)));
    } else if (text.startsWith("diff --cc ") || text.startsWith("diff --combined ")) {
      this.startFile(headerName(line.subarray(text.indexOf(" ", 5) + 1)));
    } else if (text.startsWith("rename to ") || text.startsWith("copy to ")) {
      this.path = printableName(headerName(line.subarray(text.indexOf(" to ") + 4)));
    } else if (text.startsWith("+++ ")) {
      let name = line.subarray(4);
      if (name[name.length - 1] === 9) name = name.subarray(0, -1);
      if (!name.equals(DEV_NULL)) this.path = printableName(headerName(name).subarray(2));
    } else if (text.startsWith("index ")) {
      this.blobId = /\.\.([0-9a-f]+)/.exec(text)?.[1] ?? "";
    } else if (text.startsWith("Binary files ") && text.endsWith(" differ")) {
      if (this.blobId && !ZERO_ID.test(this.blobId)) {
        const { path, blobId: sha, commit } = this;
        this.items.push({ kind: "blob", path, sha, ...commit && { commit } });
      }
    } else if (text.startsWith("@@")) {
      this.startHunk(text);
    } else if (text[0] === ":") {
      this.rawLine(line, text);
    }
  }
  /**
   * `:<modes> <ids> <status>\t<path>`, with one mode and id per parent and one for the result
   * (`::` lines of merges have more). Deletions and submodules bring no blob.
   */
  rawLine(line, text) {
    const tab = text.indexOf("	");
    if (tab < 0) return;
    const fields = text.slice(0, tab).replace(/^:+/, "").split(" ");
    const modes = (fields.length - 1) / 2;
    const mode = fields[modes - 1] ?? "";
    const sha = fields[fields.length - 2] ?? "";
    if (!mode.startsWith("10") && !mode.startsWith("12")) return;
    if (ZERO_ID.test(sha)) return;
    const path = printableName(headerName(line.subarray(tab + 1)));
    this.items.push({ kind: "raw", path, sha, ...this.commit && { commit: this.commit } });
  }
  startCommit(line) {
    this.endRun();
    const [, sha = "", date = "", author = "", email = ""] = line.toString("utf8").split("\0");
    this.commit = { sha, author, email, date, position: this.position++ };
    this.items.push({ kind: "commit", commit: this.commit });
    this.state = "message";
    this.builder.start({ path: COMMIT_MESSAGE_PATH, commit: this.commit }, 1, 0, false);
  }
  startFile(name) {
    this.endRun();
    this.path = printableName(name);
    this.blobId = "";
    this.fileOffset = 0;
  }
  startHunk(text) {
    this.endRun();
    const m = /^(@@+) (.*?) @@/.exec(text);
    if (!m) return;
    this.columns = m[1].length - 1;
    this.oldLeft = 0;
    this.newLeft = 0;
    let start = 1;
    for (const range of m[2].split(" ")) {
      const [from = 0, count = 1] = range.slice(1).split(",").map(Number);
      if (range[0] === "+") {
        start = from;
        this.newLeft = count;
      } else if (this.columns === 1) {
        this.oldLeft = count;
      }
    }
    this.state = "hunk";
    this.builder.start({ path: this.path, ...this.commit && { commit: this.commit } }, start, this.fileOffset, true);
  }
};
var DEV_NULL = Buffer.from("/dev/null");
async function* diffChunks(patch, blobs, ctx, wanted = () => false, messageOf = () => true) {
  const parser = new DiffParser();
  let lastFile = "";
  const counted = (chunk) => {
    const file = `${chunk.commit?.sha}\0${chunk.path}`;
    if (chunk.path !== COMMIT_MESSAGE_PATH && file !== lastFile) ctx.stats.files++;
    lastFile = file;
    ctx.stats.bytes += chunk.data.length;
    return chunk;
  };
  const drain = async function* () {
    for (const item of parser.items.splice(0)) {
      if (item.kind === "chunk") {
        if (item.chunk.path === COMMIT_MESSAGE_PATH && item.chunk.commit && !messageOf(item.chunk.commit.sha)) continue;
        const utf16 = item.chunk.data.includes(0) ? utf16Text(item.chunk) : [];
        yield counted(item.chunk);
        yield* utf16;
      } else if (item.kind === "commit") {
        ctx.stats.commits = (ctx.stats.commits ?? 0) + 1;
      } else if (item.kind === "blob") {
        for await (const chunk of await blobContent(blobs, ctx, item.sha, item.path, item.commit)) yield counted(chunk);
      } else if (wanted(item.sha, item.path)) {
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
async function blobContent(blobs, ctx, sha, path, commit) {
  const content = await blobs.open(sha);
  if (!content) {
    ctx.skip("blob missing from the repository", path);
    return [];
  }
  if (!commit) return readChunks(path, content);
  return (async function* () {
    for await (const chunk of readChunks(path, content)) yield { ...chunk, commit };
  })();
}

export {
  LOG_FORMAT,
  diffChunks
};
