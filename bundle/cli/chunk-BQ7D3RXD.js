// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  UNREACHED_WARNING,
  shardOwns
} from "./chunk-HFW4SSM6.js";
import {
  LOG_FORMAT,
  diffChunks
} from "./chunk-7LFMBUIV.js";
import {
  BlobReader,
  DIFF_OPTIONS,
  STREAM_BLOBS,
  git,
  gitFilter,
  gitStream,
  spooledGit,
  treeBlobs
} from "./chunk-HV6CHNEP.js";
import "./chunk-7MBXQDW6.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import {
  CHUNK_SIZE,
  ChunkCutter,
  readChunks
} from "./chunk-4GNOLUO2.js";
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/sources/history.ts
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import { join as join2, resolve as resolve2 } from "node:path";

// src/sources/objects.ts
var NL = 10;
async function scanObjects(cwd, mayHoldKey, ctx, options = {}) {
  const { owns = () => true, windows = [] } = options;
  const warn = (m) => ctx.warn(m);
  const list = [...windows, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)", "--unordered"];
  const parser = new ObjectStream(mayHoldKey, ctx);
  const index = new IdIndex();
  const ids = blobIds(gitStream(list, cwd, warn), index, ctx, owns);
  for await (const buf of gitFilter([...windows, ...STREAM_BLOBS, "cat-file", "--batch"], cwd, ids, warn)) parser.push(buf);
  parser.end();
  index.seal();
  return { withKeys: parser.hits, has: (sha) => index.has(sha) };
}
async function* blobIds(listing, index, ctx, owns) {
  let rest = "";
  let unreadable = 0;
  const examples = [];
  for await (const buf of listing) {
    const lines = (rest + buf.toString("latin1")).split("\n");
    rest = lines.pop();
    let ids = "";
    for (const line of lines) {
      if (line.startsWith("blob ")) {
        const sha = line.slice(5);
        index.add(sha);
        if (owns(sha)) ids += `${sha}
`;
      } else if (line.endsWith(" missing")) {
        unreadable++;
        if (examples.length < 3) examples.push(line.slice(0, -" missing".length));
        ctx.skip("object unreadable (corrupt)");
      }
    }
    if (ids) yield ids;
  }
  if (unreadable) {
    const more = unreadable > examples.length ? ", \u2026" : "";
    ctx.warn(`git cannot read ${unreadable} object(s) of this repository (corrupt?): ${examples.join(", ")}${more}; what they hold was not scanned (git fsck tells more)`);
  }
}
var IdIndex = class {
  blocks = [new BigUint64Array(1 << 16)];
  used = 0;
  sorted = new BigUint64Array(0);
  add(sha) {
    let block = this.blocks[this.blocks.length - 1];
    if (this.used === block.length) {
      block = new BigUint64Array(block.length * 2);
      this.blocks.push(block);
      this.used = 0;
    }
    block[this.used++] = BigInt(`0x${sha.slice(0, 16)}`);
  }
  seal() {
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
  has(sha) {
    const key = BigInt(`0x${sha.slice(0, 16)}`);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.sorted[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return this.sorted[lo] === key;
  }
};
var ObjectStream = class {
  constructor(mayHoldKey, ctx) {
    this.mayHoldKey = mayHoldKey;
    this.ctx = ctx;
  }
  mayHoldKey;
  ctx;
  hits = /* @__PURE__ */ new Set();
  header = [];
  /** Content bytes of the current object still to come, then its closing newline. */
  left = -1;
  sha = "";
  /** Set while the current object is a blob that has not yet been found to hold a key. */
  cutter;
  push(buf) {
    let pos = 0;
    while (pos < buf.length) {
      if (this.left < 0) {
        const nl = buf.indexOf(NL, pos);
        if (nl < 0) {
          this.header.push(buf.subarray(pos));
          return;
        }
        this.header.push(buf.subarray(pos, nl));
        this.begin(Buffer.concat(this.header).toString("latin1"));
        this.header = [];
        pos = nl + 1;
        continue;
      }
      if (this.left === 0) {
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
  end() {
    if (this.left >= 0 || this.header.length) throw new Error("git cat-file output ended inside an object");
  }
  begin(line) {
    const [sha = "", type, size] = line.split(" ");
    if (type === "missing") {
      this.ctx.skip("object unreadable (corrupt)");
      return;
    }
    if (size === void 0) throw new Error(`unexpected git cat-file output: ${JSON.stringify(line.slice(0, 80))}`);
    this.sha = sha;
    this.left = Number(size);
    if (type === "blob") {
      this.ctx.stats.files++;
      this.ctx.stats.bytes += this.left;
      this.cutter = new ChunkCutter(sha);
    }
  }
  test(chunks) {
    for (const chunk of chunks) {
      if (this.mayHoldKey(chunk)) {
        this.hits.add(this.sha);
        this.cutter = void 0;
        return;
      }
    }
  }
  finish() {
    if (this.cutter) this.test(this.cutter.end());
    this.cutter = void 0;
    this.left = -1;
  }
};

// src/sources/packs.ts
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
var SEQUENTIAL_WINDOWS = ["-c", "core.packedGitWindowSize=16m", "-c", "core.packedGitLimit=64m"];
var LOG_WINDOWS = ["-c", "core.packedGitWindowSize=32m", "-c", "core.packedGitLimit=128m"];
var BOUND_ABOVE = 64 * 1024 * 1024;
var SAMPLES = 256;
var MAX_DELTA_SHARE = 1 / 32;
function boundWindows(objectsDir, above = BOUND_ABOVE) {
  const shape = packShape(objectsDir, above);
  return shape.bytes > above && shape.unread === 0 && shape.sampled > 0 && shape.deltas <= shape.sampled * MAX_DELTA_SHARE;
}
function packShape(objectsDir, minBytes = 0) {
  const packs = [];
  for (const dir of [objectsDir, ...alternates(objectsDir)]) {
    const packDir = join(dir, "pack");
    for (const name of readdirSafe(packDir)) {
      if (!name.endsWith(".pack")) continue;
      const pack = join(packDir, name);
      packs.push({ pack, idx: `${pack.slice(0, -".pack".length)}.idx`, bytes: sizeOf(pack) });
    }
  }
  const shape = { bytes: packs.reduce((n, p) => n + p.bytes, 0), sampled: 0, deltas: 0, unread: 0 };
  if (shape.bytes <= minBytes) return shape;
  for (const p of packs) {
    const sample = samplePack(p.idx, p.pack, Math.max(1, Math.round(SAMPLES * p.bytes / shape.bytes)));
    if (!sample) {
      shape.unread++;
      continue;
    }
    shape.sampled += sample.sampled;
    shape.deltas += sample.deltas;
  }
  return shape;
}
function alternates(objectsDir) {
  let text;
  try {
    text = readFileSync(join(objectsDir, "info", "alternates"), "utf8");
  } catch {
    return [];
  }
  return text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !l.startsWith('"')).map((l) => isAbsolute(l) ? l : resolve(objectsDir, l));
}
var OBJ_OFS_DELTA = 6;
var OBJ_REF_DELTA = 7;
function samplePack(idxPath, packPath, samples) {
  let idx;
  let pack;
  try {
    idx = openSync(idxPath, "r");
    pack = openSync(packPath, "r");
    const idxSize = fstatSync(idx).size;
    const packSize = fstatSync(pack).size;
    const head = Buffer.alloc(8 + 256 * 4);
    if (readSync(idx, head, 0, head.length, 0) !== head.length) return void 0;
    if (head.readUInt32BE(0) !== 4285812579 || head.readUInt32BE(4) !== 2) return void 0;
    const count = head.readUInt32BE(8 + 255 * 4);
    const hashLen = [32, 20].find((h) => {
      const rest = idxSize - head.length - count * (h + 8) - 2 * h;
      return rest >= 0 && rest % 8 === 0;
    });
    if (hashLen === void 0) return void 0;
    const offsets = head.length + count * (hashLen + 4);
    const large = offsets + count * 4;
    const word = Buffer.alloc(8);
    const byte = Buffer.alloc(1);
    let sampled = 0;
    let deltas = 0;
    const n = Math.min(samples, count);
    for (let k = 0; k < n; k++) {
      const i = Math.floor((k + 0.5) * count / n);
      if (readSync(idx, word, 0, 4, offsets + i * 4) !== 4) return void 0;
      let offset = word.readUInt32BE(0);
      if (offset & 2147483648) {
        if (readSync(idx, word, 0, 8, large + (offset & 2147483647) * 8) !== 8) return void 0;
        offset = Number(word.readBigUInt64BE(0));
      }
      if (offset >= packSize || readSync(pack, byte, 0, 1, offset) !== 1) return void 0;
      const type = byte[0] >> 4 & 7;
      sampled++;
      if (type === OBJ_OFS_DELTA || type === OBJ_REF_DELTA) deltas++;
    }
    return { sampled, deltas };
  } catch {
    return void 0;
  } finally {
    if (idx !== void 0) closeSync(idx);
    if (pack !== void 0) closeSync(pack);
  }
}
function sizeOf(path) {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// src/sources/tags.ts
function refPlace(refname) {
  return refname.startsWith("refs/tags/") ? `<tag ${refname.slice("refs/tags/".length)}>` : `<ref ${refname}>`;
}
async function* tagChunks(cwd, blobs, ctx, options) {
  const refs = (await git(["for-each-ref", "--format=%(objecttype) %(objectname) %(refname)"], cwd)).toString("utf8");
  for (const line of refs.split("\n")) {
    let [type = "", sha = "", refname = ""] = line.split(" ");
    if (!refname || type === "commit") continue;
    const place = refPlace(refname);
    while (type === "tag") {
      const tag = await blobs.object(sha);
      if (!tag) {
        ctx.skip("object unreadable (corrupt)", place);
        break;
      }
      const { target, targetType, message } = parseTag(tag.data);
      if (options.messageOf(sha)) {
        ctx.stats.bytes += message.length;
        yield* readChunks(place, [message]);
      }
      [type, sha] = [targetType, target];
    }
    if (type === "blob") {
      yield* blob(sha, place);
    } else if (type === "tree") {
      for await (const entry of treeBlobs(cwd, sha, (m) => ctx.warn(m))) {
        if (!options.ignored(entry.path)) yield* blob(entry.sha, `${place}/${entry.path}`);
      }
    }
  }
  async function* blob(sha, path) {
    if (!options.worth(sha)) return;
    const content = await blobs.open(sha);
    if (!content) {
      ctx.skip("blob missing from the repository", path);
      return;
    }
    if (options.countBlobs) ctx.stats.files++;
    for await (const chunk of readChunks(path, content)) {
      if (options.countBlobs) ctx.stats.bytes += chunk.data.length;
      yield chunk;
    }
  }
}
function parseTag(data) {
  const end = data.indexOf("\n\n");
  const header = data.subarray(0, end < 0 ? data.length : end).toString("utf8");
  const field = (name) => new RegExp(`^${name} (\\S+)$`, "m").exec(header)?.[1] ?? "";
  return { target: field("object"), targetType: field("type"), message: end < 0 ? Buffer.alloc(0) : data.subarray(end + 2) };
}

// src/sources/history.ts
async function* historySource(ctx, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  if (options.range !== void 0 && options.since !== void 0) {
    throw new UserError("give either a range or a since revision, not both");
  }
  if (options.shard && (options.range !== void 0 || options.since !== void 0)) {
    throw new UserError("a shard is a share of the whole history: --shard cannot be used with --range or --since");
  }
  const owns = shardOwns(options.shard);
  const info = (await git(["rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--git-path", "objects"], cwd)).toString("utf8");
  const [shallow, shallowFile = "", objectsDir = ""] = info.split("\n");
  if (shallow === "true") {
    const cut = readFileSync2(resolve2(cwd, shallowFile), "utf8").split("\n").filter(Boolean).length;
    ctx.warn(
      `shallow clone: history is cut at ${cut} boundary commit${cut === 1 ? "" : "s"}; older commits were not scanned, and a boundary commit counts as adding its whole tree (git fetch --unshallow scans everything)`
    );
  }
  const range = options.range ?? (options.since === void 0 ? void 0 : `${options.since}..HEAD`);
  const revisions = range === void 0 ? ["--all"] : ["--end-of-options", range];
  const before = ctx.stats.commits ?? 0;
  ctx.stats.commits = before;
  const ignoredPaths = /* @__PURE__ */ new Set();
  const ignored = (path) => {
    if (!options.ignored?.(path)) return false;
    if (!ignoredPaths.has(path)) {
      ignoredPaths.add(path);
      ctx.skip("ignored by config");
    }
    return true;
  };
  const blobs = new BlobReader(cwd);
  try {
    const strategy = range === void 0 && options.mayHoldKey ? options.strategy ?? (options.shard ? "blobs" : strategyFor(resolve2(cwd, objectsDir))) : "patches";
    if (strategy === "blobs" && options.mayHoldKey) {
      const bounded = (options.packWindows ?? (boundWindows(resolve2(cwd, objectsDir)) ? "bounded" : "default")) === "bounded";
      const log = [...bounded ? LOG_WINDOWS : [], "log", ...ORDER, `--format=${LOG_FORMAT}`, "--raw", "--no-renames", "--no-abbrev", "--cc", ...revisions, "--"];
      const spool = spooledGit(log, cwd, (m) => ctx.warn(m));
      try {
        const objects = await scanObjects(cwd, options.mayHoldKey, ctx, { owns, windows: bounded ? SEQUENTIAL_WINDOWS : [] });
        let missing = 0;
        let example = "";
        const read = /* @__PURE__ */ new Set();
        const placed = /* @__PURE__ */ new Set();
        const firstSight = (sha, path) => {
          if (!objects.has(sha)) {
            missing++;
            example ||= `${path} (${sha.slice(0, 12)})`;
            ctx.skip("blob missing from the repository", path);
          }
          const skip = ignored(path);
          if (!objects.withKeys.has(sha)) return false;
          placed.add(sha);
          if (skip) return false;
          const place = `${sha}\0${path}`;
          if (read.has(place)) return false;
          read.add(place);
          return true;
        };
        yield* diffChunks(spool.read(), blobs, ctx, firstSight, owns);
        const worth = (sha) => objects.withKeys.has(sha) && !!placed.add(sha);
        yield* tagChunks(cwd, blobs, ctx, { worth, countBlobs: false, ignored, messageOf: owns });
        const unreached = objects.withKeys.size - placed.size;
        if (unreached) {
          ctx.warn(`${unreached}${UNREACHED_WARNING}`);
        }
        if (missing) {
          ctx.warn(
            `${missing} file version(s) named by the history are missing from the repository and were not scanned, such as ${JSON.stringify(example)}. Objects go missing in a partial clone (--filter), a copy or snapshot that left out large files or packs, or a corrupt repository: scan a full clone (git fsck lists them)`
          );
        }
      } finally {
        spool.dispose();
      }
    } else {
      const log = ["log", ...ORDER, `--format=${LOG_FORMAT}`, "--cc", ...PATCH_OPTIONS, ...revisions, "--"];
      for await (const chunk of diffChunks(gitStream(log, cwd, (m) => ctx.warn(m)), blobs, ctx)) {
        if (chunk.commit && chunk.path !== COMMIT_MESSAGE_PATH && ignored(chunk.path)) continue;
        yield chunk;
      }
      if (range === void 0) yield* tagChunks(cwd, blobs, ctx, { worth: () => true, countBlobs: true, ignored, messageOf: owns });
    }
  } finally {
    blobs.close();
  }
  if (range === void 0 && ctx.stats.commits === before) ctx.warn("the repository has no commits: nothing to scan");
}
var ONE_PASS_BELOW_KIB = 256;
function strategyFor(objects) {
  let bytes = 0;
  const add = (dir, keep) => {
    for (const name of readdirSafe(dir)) {
      if (keep(name)) bytes += statSync2(join2(dir, name), { throwIfNoEntry: false })?.size ?? 0;
      if (bytes >= ONE_PASS_BELOW_KIB * 1024) return;
    }
  };
  add(join2(objects, "pack"), (name) => name.endsWith(".pack"));
  for (let i = 0; i < 256 && bytes < ONE_PASS_BELOW_KIB * 1024; i++) add(join2(objects, i.toString(16).padStart(2, "0")), () => true);
  return bytes < ONE_PASS_BELOW_KIB * 1024 ? "patches" : "blobs";
}
var ORDER = ["--reverse", "--topo-order", "--root", "--encoding=UTF-8"];
var PATCH_OPTIONS = [...DIFF_OPTIONS.filter((o) => o !== "-M"), "--no-renames"];
async function* headChunks(cwd, paths) {
  if (!paths.size) return;
  const wanted = [];
  try {
    for await (const entry of treeBlobs(cwd, "HEAD", () => {
    })) if (paths.has(entry.path)) wanted.push(entry);
  } catch {
    return;
  }
  const blobs = new BlobReader(cwd);
  try {
    for (const { sha, path } of wanted) {
      const content = await blobs.open(sha);
      if (content) yield* readChunks(path, content);
    }
  } finally {
    blobs.close();
  }
}
export {
  headChunks,
  historySource
};
