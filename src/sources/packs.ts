// How a repository's packs are built, read from their files (no git process): whether the git
// commands that read a whole history can be given small pack windows at no cost.
//
// git maps a pack into memory in windows (1 GiB each by default, so a pack is one window), and
// every page a command touches counts in its resident size: a history audit touches every object,
// so each reader grows with the pack. Small windows under a limit (core.packedGitWindowSize,
// core.packedGitLimit) bound that, but git then unmaps and maps windows again whenever it jumps
// back: a delta's base lies anywhere earlier in the pack, and listing a delta's type walks its
// whole chain. On a delta-heavy pack larger than the limit, the listing took 10-25× and the blob
// reader 8× their time; on a pack of whole objects every command reads forward and the limit
// costs nothing. So the limit is given only where a sample of the packs shows (almost) no deltas.
// See the README's design section (Memory) for the figures.
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** What a sample of the packs' object headers shows. */
export interface PackShape {
  /** Bytes of the .pack files, this repository's and its alternates'. */
  bytes: number;
  /** Object headers read, spread evenly over each pack's index (every object of a small pack). */
  sampled: number;
  /** How many of them are deltas (OFS_DELTA, REF_DELTA). */
  deltas: number;
  /** Packs whose index could not be read (an unknown version, a pack being written): not sampled. */
  unread: number;
}

/** For the listing of every object and the blob reader, which read the pack forward. */
export const SEQUENTIAL_WINDOWS = ['-c', 'core.packedGitWindowSize=16m', '-c', 'core.packedGitLimit=64m'];
/**
 * For `git log --raw`, which goes back to the trees of every commit, spread over the pack:
 * smaller windows (16m under 64m) cost it 1.4× its CPU on the bench's pack without deltas.
 */
export const LOG_WINDOWS = ['-c', 'core.packedGitWindowSize=32m', '-c', 'core.packedGitLimit=128m'];

/** Below this many bytes of packs, the limits above could not take effect: nothing is sampled. */
const BOUND_ABOVE = 64 * 1024 * 1024;
/** Headers read in all, shared among the packs by size: a few milliseconds, however many packs. */
const SAMPLES = 256;
/** At most this share of deltas in the sample: a delta's walk back then costs a window or two at most. */
const MAX_DELTA_SHARE = 1 / 32;

/**
 * Whether the whole-history readers get bounded pack windows: more than `above` bytes of packs
 * (below the limits they could not take effect), and (almost) no deltas among them.
 */
export function boundWindows(objectsDir: string, above = BOUND_ABOVE): boolean {
  const shape = packShape(objectsDir, above);
  return shape.bytes > above && shape.unread === 0 && shape.sampled > 0 && shape.deltas <= shape.sampled * MAX_DELTA_SHARE;
}

/**
 * Reads the shape of the packs of an objects directory and of its alternates. With minBytes, packs
 * are only sampled when there are more bytes than that (a small repository pays one readdir).
 */
export function packShape(objectsDir: string, minBytes = 0): PackShape {
  const packs: { idx: string; pack: string; bytes: number }[] = [];
  for (const dir of [objectsDir, ...alternates(objectsDir)]) {
    const packDir = join(dir, 'pack');
    for (const name of readdirSafe(packDir)) {
      if (!name.endsWith('.pack')) continue;
      const pack = join(packDir, name);
      packs.push({ pack, idx: `${pack.slice(0, -'.pack'.length)}.idx`, bytes: sizeOf(pack) });
    }
  }
  const shape: PackShape = { bytes: packs.reduce((n, p) => n + p.bytes, 0), sampled: 0, deltas: 0, unread: 0 };
  if (shape.bytes <= minBytes) return shape;
  for (const p of packs) {
    const sample = samplePack(p.idx, p.pack, Math.max(1, Math.round((SAMPLES * p.bytes) / shape.bytes)));
    if (!sample) {
      shape.unread++;
      continue;
    }
    shape.sampled += sample.sampled;
    shape.deltas += sample.deltas;
  }
  return shape;
}

/** objects/info/alternates: one objects directory a line, relative to this one or absolute. */
function alternates(objectsDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(objectsDir, 'info', 'alternates'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('"'))
    .map((l) => (isAbsolute(l) ? l : resolve(objectsDir, l)));
}

const OBJ_OFS_DELTA = 6;
const OBJ_REF_DELTA = 7;

/**
 * A pack index, version 2 (gitformat-pack): magic, version, 256 fan-out counts, then per object
 * its id, a CRC and a 4-byte offset (high bit set: an index into a table of 8-byte offsets), and
 * the two checksums. Each sampled offset's first pack byte holds the object's type in bits 4-6.
 */
function samplePack(idxPath: string, packPath: string, samples: number): { sampled: number; deltas: number } | undefined {
  let idx: number | undefined;
  let pack: number | undefined;
  try {
    idx = openSync(idxPath, 'r');
    pack = openSync(packPath, 'r');
    const idxSize = fstatSync(idx).size;
    const packSize = fstatSync(pack).size;
    const head = Buffer.alloc(8 + 256 * 4);
    if (readSync(idx, head, 0, head.length, 0) !== head.length) return undefined;
    if (head.readUInt32BE(0) !== 0xff744f63 || head.readUInt32BE(4) !== 2) return undefined;
    const count = head.readUInt32BE(8 + 255 * 4);
    // The id length is not stored: SHA-256 (32 bytes) when the size fits it, else SHA-1 (20).
    const hashLen = [32, 20].find((h) => {
      const rest = idxSize - head.length - count * (h + 8) - 2 * h;
      return rest >= 0 && rest % 8 === 0;
    });
    if (hashLen === undefined) return undefined;
    const offsets = head.length + count * (hashLen + 4);
    const large = offsets + count * 4;
    const word = Buffer.alloc(8);
    const byte = Buffer.alloc(1);
    let sampled = 0;
    let deltas = 0;
    const n = Math.min(samples, count);
    for (let k = 0; k < n; k++) {
      const i = Math.floor(((k + 0.5) * count) / n);
      if (readSync(idx, word, 0, 4, offsets + i * 4) !== 4) return undefined;
      let offset = word.readUInt32BE(0);
      if (offset & 0x80000000) {
        if (readSync(idx, word, 0, 8, large + (offset & 0x7fffffff) * 8) !== 8) return undefined;
        offset = Number(word.readBigUInt64BE(0));
      }
      if (offset >= packSize || readSync(pack, byte, 0, 1, offset) !== 1) return undefined;
      const type = (byte[0]! >> 4) & 7;
      sampled++;
      if (type === OBJ_OFS_DELTA || type === OBJ_REF_DELTA) deltas++;
    }
    return { sampled, deltas };
  } catch {
    return undefined;
  } finally {
    if (idx !== undefined) closeSync(idx);
    if (pack !== undefined) closeSync(pack);
  }
}

function sizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** A directory's entries; none when it is missing or unreadable. */
export function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
