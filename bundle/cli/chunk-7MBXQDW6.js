// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  CHUNK_SIZE
} from "./chunk-4GNOLUO2.js";

// src/sources/files.ts
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { sep } from "node:path";
var FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
var NOFOLLOW = constants.O_NOFOLLOW ?? 0;
function openEntry(abs, path, options, regular = false) {
  const named = options.root === void 0;
  let fd;
  if (regular && !named) {
    try {
      return openRegular(abs);
    } catch {
    }
  }
  try {
    const st = named ? statSync(abs) : lstatSync(abs);
    if (st.isSymbolicLink()) return { kind: "skip", reason: symlinkReason(abs, options.root) };
    if (st.isDirectory()) return { kind: "dir" };
    if (!st.isFile()) {
      const warning = named ? `skipped ${quote(path)}: not a regular file` : void 0;
      return { kind: "skip", reason: "special file", warning };
    }
    fd = openSync(abs, named ? FLAGS : FLAGS | NOFOLLOW);
    const want = st.size < CHUNK_SIZE ? st.size + 1 : CHUNK_SIZE;
    const read = readSync(fd, FIRST_BLOCK, 0, want, null);
    if (read === want) return { kind: "file", first: FIRST_BLOCK.subarray(0, read), fd };
    closeSync(fd);
    return { kind: "file", first: FIRST_BLOCK.subarray(0, read) };
  } catch (e) {
    if (fd !== void 0) closeSync(fd);
    return failure(e, path, options.listed === true);
  }
}
var FIRST_BLOCK = Buffer.allocUnsafeSlow(CHUNK_SIZE);
function openRegular(abs) {
  const fd = openSync(abs, FLAGS | NOFOLLOW);
  try {
    const read = readSync(fd, FIRST_BLOCK, 0, CHUNK_SIZE, null);
    if (read < CHUNK_SIZE) {
      closeSync(fd);
      return { kind: "file", first: FIRST_BLOCK.subarray(0, read) };
    }
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    return { kind: "file", first: FIRST_BLOCK, fd };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}
function readBlock(fd) {
  const block = Buffer.allocUnsafe(CHUNK_SIZE);
  return block.subarray(0, readSync(fd, block, 0, CHUNK_SIZE, null));
}
function symlinkReason(abs, root) {
  let target;
  try {
    target = realpathSync.native(abs);
  } catch {
    return "broken symlink";
  }
  const prefix = root.endsWith(sep) ? root : root + sep;
  return target === root || target.startsWith(prefix) ? "symlink inside root" : "symlink outside root";
}
function failure(e, path, listed) {
  const code = e.code;
  if (code === "ENOENT") {
    return { kind: "skip", reason: listed ? "missing on disk" : "deleted during scan" };
  }
  return { kind: "skip", reason: "unreadable", warning: `cannot read ${quote(path)}: ${describeError(e)}` };
}
function describeError(e) {
  const err = e;
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
      return "no such file or directory";
    case "EISDIR":
      return "is a directory";
    default:
      return err.code ?? err.message;
  }
}
function printableName(bytes) {
  if (isUtf8(bytes)) return bytes.toString("utf8");
  let out = "";
  let from = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]);
    if (n && isUtf8(bytes.subarray(i, i + n)) && i + n <= bytes.length) {
      i += n;
      continue;
    }
    out += bytes.toString("utf8", from, i) + `\\x${bytes[i].toString(16).toUpperCase().padStart(2, "0")}`;
    from = ++i;
  }
  return out + bytes.toString("utf8", from);
}
var sequenceLength = (b) => b < 128 ? 1 : b < 194 ? 0 : b < 224 ? 2 : b < 240 ? 3 : b < 245 ? 4 : 0;
var quote = (path) => JSON.stringify(path);

export {
  openEntry,
  readBlock,
  describeError,
  printableName,
  quote
};
