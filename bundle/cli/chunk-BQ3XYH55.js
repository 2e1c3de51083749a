// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-JKVZBG7Z.js";

// src/cli/output.ts
import { accessSync, chmodSync, closeSync, constants, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
function checkWritable(file) {
  target(file);
}
var BATCH = 256 * 1024;
function inBatches(content, write) {
  if (typeof content === "string") {
    write(content);
    return;
  }
  let batch = "";
  for (const piece of content) {
    batch += piece;
    if (batch.length >= BATCH) {
      write(batch);
      batch = "";
    }
  }
  if (batch) write(batch);
}
function writeAll(fd, text) {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
function writeFd(fd, content) {
  try {
    inBatches(content, (text) => writeAll(fd, text));
  } finally {
    closeSync(fd);
  }
}
function writeAtomic(file, content, options = {}) {
  const where = target(file);
  if (where.kind === "stream") {
    try {
      writeFd(openSync(where.path, "w"), content);
    } catch (e) {
      throw new UserError(`cannot write ${file}: ${why(e)}`);
    }
    return;
  }
  const tmp = join(dirname(where.path), `.${basename(where.path)}.keysentry-${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true });
    writeFd(openSync(tmp, "wx", options.secret ? 384 : 438), content);
    if (where.existing) chmodSync(tmp, where.existing.mode & 4095);
    renameSync(tmp, where.path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
}
function target(file) {
  if (file === "") throw new UserError("cannot write the report: the file name is empty");
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = e.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  if (!st) return { kind: "file", path: newFileIn(danglingTarget(file) ?? file) };
  if (st.isDirectory()) throw new UserError(`cannot write ${file}: it is a directory`);
  if (!st.isFile()) return { kind: "stream", path: file };
  if ((st.mode & 146) === 0) throw new UserError(`cannot write ${file}: it is read-only`);
  try {
    accessSync(file, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${why(e)}`);
  }
  const path = realpathSync(file);
  writableDir(dirname(path), file);
  return { kind: "file", path, existing: st };
}
function danglingTarget(file) {
  let link = file;
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(link).isSymbolicLink()) return link === file ? void 0 : link;
    } catch {
      return link === file ? void 0 : link;
    }
    link = resolve(dirname(link), readlinkSync(link));
  }
  throw new UserError(`cannot write ${file}: too many levels of symbolic links`);
}
function newFileIn(file) {
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    const code = e.code;
    throw new UserError(`cannot write ${file}: ${code === "ENOENT" ? "its directory does not exist" : why(e)}`);
  }
  if (!st.isDirectory()) throw new UserError(`cannot write ${file}: ${dir} is not a directory`);
  writableDir(dir, file);
  return file;
}
function writableDir(dir, file) {
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${file}: cannot create files in ${dir} (${why(e)})`);
  }
}
function why(e) {
  const err = e;
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "EISDIR":
      return "it is a directory";
    case "ENOENT":
      return "cannot create files there";
    default:
      return err.code ?? err.message;
  }
}
function summaryLine(report) {
  const n = report.findings.length;
  if (!n) return "no OpenAI or DeepSeek keys found";
  const keys = new Set(report.findings.map((f) => f.fingerprint)).size;
  return `${n} finding${n === 1 ? "" : "s"} (${keys} distinct key${keys === 1 ? "" : "s"})`;
}
var stdoutClosed = false;
function writeStdout(content, code, stream = process.stdout) {
  if (stdoutClosed) return Promise.resolve(code);
  return new Promise((done, fail) => {
    let ended = false;
    const onError = (e) => {
      if (ended) return;
      ended = true;
      stream.off("error", onError);
      stream.on("error", () => {
      });
      if (e.code === "EPIPE") {
        stdoutClosed = true;
        done(code);
      } else fail(new UserError(`cannot write to stdout: ${why(e)}`));
    };
    stream.on("error", onError);
    try {
      inBatches(content, (text) => {
        if (!ended) stream.write(text);
      });
      stream.write("", (e) => {
        if (e) return onError(e);
        if (ended) return;
        ended = true;
        stream.off("error", onError);
        done(code);
      });
    } catch (e) {
      onError(e);
    }
  });
}

export {
  checkWritable,
  writeAtomic,
  summaryLine,
  writeStdout
};
