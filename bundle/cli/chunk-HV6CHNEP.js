// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-JKVZBG7Z.js";

// src/sources/git.ts
import { execFile, spawn } from "node:child_process";
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var STABLE_CONFIG = [
  // The objects as stored: `git replace` would show another commit (or blob) in place of the
  // real one, hiding what it holds. The replacements stay reachable through refs/replace/.
  "--no-replace-objects",
  "-c",
  "core.quotePath=false",
  "-c",
  "diff.relative=false",
  "-c",
  "diff.suppressBlankEmpty=false",
  "-c",
  "log.showSignature=false"
];
var STREAM_BLOBS = ["-c", "core.bigFileThreshold=32m"];
var DIFF_OPTIONS = [
  "-p",
  "-U3",
  "-M",
  "--full-index",
  "--no-ext-diff",
  "--no-textconv",
  "--no-color",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--submodule=short"
];
function notFound(err) {
  return err.code === "ENOENT" ? new UserError("git is not installed or not on PATH") : void 0;
}
function gitMessage(stderr, args) {
  const line = stderr.split("\n").find((l) => /^(fatal|error): /.test(l)) ?? stderr.split("\n")[0];
  return line?.replace(/^(fatal|error): /, "").trim() || `git ${args[0] ?? ""} failed`;
}
function git(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...STABLE_CONFIG, ...args],
      { cwd, encoding: "buffer", maxBuffer: 1 << 30 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        reject(notFound(err) ?? new UserError(gitMessage(stderr.toString("utf8"), args)));
      }
    );
  });
}
function startGit(args, cwd, stdio, onWarning) {
  const child = spawn("git", [...STABLE_CONFIG, ...args], { cwd, stdio });
  let stderr = "";
  child.stderr.on("data", (d) => {
    if (stderr.length < 1 << 16) stderr += d.toString("utf8");
  });
  const exited = new Promise((resolve, reject) => {
    child.on("error", (err) => reject(notFound(err) ?? err));
    child.on("close", (code) => resolve(code));
  });
  exited.catch(() => {
  });
  return {
    child,
    async finish() {
      if (await exited !== 0) throw new UserError(gitMessage(stderr, args));
      for (const line of stderr.split("\n")) {
        if (line.startsWith("warning: ")) onWarning(`git: ${line.slice("warning: ".length)}`);
      }
    }
  };
}
function gitStream(args, cwd, onWarning) {
  return gitFilter(args, cwd, void 0, onWarning);
}
async function* gitFilter(args, cwd, input, onWarning) {
  const git2 = startGit(args, cwd, [input ? "pipe" : "ignore", "pipe", "pipe"], onWarning);
  const { stdin, stdout } = git2.child;
  let feeding;
  if (input) {
    stdin.on("error", () => {
    });
    feeding = (async () => {
      for await (const piece of input) {
        if (!stdin.write(piece)) await new Promise((resolve) => stdin.once("drain", resolve));
      }
      stdin.end();
    })();
    feeding.catch(() => git2.child.kill());
  }
  let finished = false;
  try {
    yield* stdout;
    await feeding;
    await git2.finish();
    finished = true;
  } finally {
    if (!finished) git2.child.kill();
  }
}
function spooledGit(args, cwd, onWarning) {
  const dir = mkdtempSync(join(tmpdir(), "keysentry-"));
  const file = join(dir, "git.out");
  const fd = openSync(file, "w");
  const git2 = startGit(args, cwd, ["ignore", fd, "pipe"], onWarning);
  closeSync(fd);
  const dispose = () => {
    if (git2.child.exitCode === null) git2.child.kill();
    rmSync(dir, { recursive: true, force: true });
    process.off("exit", dispose);
  };
  process.on("exit", dispose);
  return {
    async *read() {
      await git2.finish();
      yield* createReadStream(file, { highWaterMark: 1 << 20 });
    },
    dispose
  };
}
async function* treeBlobs(cwd, tree, onWarning) {
  let rest = Buffer.alloc(0);
  for await (const buf of gitStream(["ls-tree", "-r", "-z", "--full-tree", tree], cwd, onWarning)) {
    const data = rest.length ? Buffer.concat([rest, buf]) : buf;
    let start = 0;
    for (let nul = data.indexOf(0, start); nul >= 0; nul = data.indexOf(0, start)) {
      const entry = data.subarray(start, nul);
      start = nul + 1;
      const tab = entry.indexOf(9);
      const [, type, sha = ""] = entry.subarray(0, tab).toString("latin1").split(" ");
      if (type === "blob") yield { sha, path: entry.subarray(tab + 1).toString("utf8") };
    }
    rest = Buffer.from(data.subarray(start));
  }
}
var ByteReader = class {
  constructor(source) {
    this.source = source;
  }
  source;
  buf = Buffer.alloc(0);
  async fill() {
    const next = await this.source.next();
    if (next.done) return false;
    this.buf = this.buf.length ? Buffer.concat([this.buf, next.value]) : next.value;
    return true;
  }
  async line() {
    let nl;
    while ((nl = this.buf.indexOf(10)) < 0) {
      if (!await this.fill()) throw new Error("git cat-file ended unexpectedly");
    }
    const line = this.buf.subarray(0, nl).toString("utf8");
    this.buf = this.buf.subarray(nl + 1);
    return line;
  }
  /** Yields exactly n bytes in the pieces they arrive in. */
  async *take(n) {
    while (n > 0) {
      if (!this.buf.length && !await this.fill()) throw new Error("git cat-file ended unexpectedly");
      const piece = this.buf.subarray(0, n);
      this.buf = this.buf.subarray(piece.length);
      n -= piece.length;
      yield piece;
    }
  }
};
var BlobReader = class {
  constructor(cwd) {
    this.cwd = cwd;
  }
  cwd;
  child;
  reader;
  start() {
    if (!this.reader) {
      const child = spawn("git", [...STABLE_CONFIG, ...STREAM_BLOBS, "cat-file", "--batch"], { cwd: this.cwd });
      child.on("error", () => {
      });
      child.stderr.resume();
      child.stdin.on("error", () => {
      });
      this.child = child;
      this.reader = new ByteReader(child.stdout[Symbol.asyncIterator]());
    }
    return this.reader;
  }
  /** The blob's bytes, streamed; undefined when the object is missing (e.g. a shallow or partial clone). */
  async open(sha) {
    const reader = this.start();
    this.child.stdin.write(`${sha}
`);
    const [, type, size] = /^\S+ (\S+) (\d+)$/.exec(await reader.line()) ?? [];
    if (size === void 0) return void 0;
    const content = reader.take(Number(size) + 1);
    if (type !== "blob") {
      for await (const _ of content) ;
      return void 0;
    }
    let left = Number(size);
    return (async function* () {
      try {
        for (let next = await content.next(); !next.done; next = await content.next()) {
          if (left > 0) yield next.value.subarray(0, left);
          left -= next.value.length;
        }
      } finally {
        while (!(await content.next()).done) ;
      }
    })();
  }
  /** A small object whole, whatever its type (a tag); undefined when it is missing. */
  async object(sha) {
    const reader = this.start();
    this.child.stdin.write(`${sha}
`);
    const [, type = "", size] = /^\S+ (\S+) (\d+)$/.exec(await reader.line()) ?? [];
    if (size === void 0) return void 0;
    const parts = [];
    for await (const piece of reader.take(Number(size) + 1)) parts.push(Buffer.from(piece));
    return { type, data: Buffer.concat(parts).subarray(0, Number(size)) };
  }
  close() {
    this.child?.stdin.end();
    this.child?.kill();
  }
};

export {
  STREAM_BLOBS,
  DIFF_OPTIONS,
  git,
  gitStream,
  gitFilter,
  spooledGit,
  treeBlobs,
  BlobReader
};
