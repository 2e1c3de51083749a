// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  describeError,
  openEntry,
  printableName,
  quote,
  readBlock
} from "./chunk-7MBXQDW6.js";
import {
  require_micromatch
} from "./chunk-3NOCLX34.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import {
  redactKeys
} from "./chunk-QUMGJOT4.js";
import {
  ChunkCutter
} from "./chunk-4GNOLUO2.js";
import "./chunk-FEOP7AJT.js";
import {
  __toESM
} from "./chunk-BTI5UEIW.js";

// src/sources/tree.ts
var import_micromatch = __toESM(require_micromatch(), 1);
import { closeSync, readdirSync as readdirSync2, realpathSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { posix as posix2, resolve, sep as sep2 } from "node:path";
import { setImmediate } from "node:timers/promises";

// src/sources/walk.ts
import { isUtf8 } from "node:buffer";
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, posix, sep } from "node:path";
var HOOK_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"];
async function listGitFiles(dir) {
  const [listed, ignored] = await Promise.all([
    lsFiles(dir, ["--cached", "--others", "--exclude-standard"]),
    lsFiles(dir, ["--others", "--ignored", "--exclude-standard", "--directory"])
  ]);
  if ("spawnError" in listed) {
    return listed.spawnError.code === "ENOENT" ? { kind: "no-git" } : { kind: "failed", message: listed.spawnError.message };
  }
  if (listed.code === 0) {
    const skipped = "spawnError" in ignored || ignored.code !== 0 ? 0 : parseNulList(ignored.out).length;
    return { kind: "ok", paths: parseNulList(listed.out), ignored: skipped };
  }
  if (/not a git repository/i.test(listed.err)) return { kind: "not-repo" };
  return { kind: "failed", message: listed.err.trim().split("\n")[0] || `git exited with ${listed.code}` };
}
function lsFiles(dir, args) {
  const env = { ...process.env };
  for (const name of HOOK_VARIABLES) delete env[name];
  return new Promise((resolve2) => {
    const child = spawn("git", ["ls-files", "-z", ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    let err = "";
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.setEncoding("utf8").on("data", (s) => err += s);
    child.on("error", (e) => resolve2({ spawnError: e }));
    child.on("close", (code) => resolve2({ code, out: Buffer.concat(out), err }));
  });
}
function parseNulList(out) {
  const paths = [];
  for (let start = 0, end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) {
    const bytes = out.subarray(start, out[end - 1] === 47 ? end - 1 : end);
    if (!bytes.length) continue;
    paths.push(isUtf8(bytes) ? { path: bytes.toString("utf8") } : { path: printableName(bytes), raw: Buffer.from(bytes) });
  }
  paths.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return paths.filter((p, i) => p.path !== paths[i - 1]?.path);
}
function* gitEntries(paths, abs, path) {
  for (const p of paths) {
    yield { path: posix.join(path, p.path), abs: p.raw ? Buffer.concat([Buffer.from(abs + sep), p.raw]) : join(abs, p.path) };
  }
}
var SEP = Buffer.from(sep);
function children(abs) {
  if (typeof abs === "string") {
    const dirents = readdirSync(abs, { withFileTypes: true });
    if (!dirents.some((d) => d.name.includes("\uFFFD"))) {
      return dirents.map((d) => ({ name: d.name, abs: join(abs, d.name), dir: d.isDirectory(), file: d.isFile() }));
    }
  }
  const bytes = typeof abs === "string" ? Buffer.from(abs) : abs;
  return readdirSync(bytes, { withFileTypes: true, encoding: "buffer" }).map((d) => {
    const utf8 = isUtf8(d.name);
    const name = utf8 ? d.name.toString("utf8") : printableName(d.name);
    const child = typeof abs === "string" && utf8 ? join(abs, name) : Buffer.concat([bytes, SEP, d.name]);
    return { name, abs: child, dir: d.isDirectory(), file: d.isFile() };
  });
}
function* walkTree(abs, path, ctx, nestedRepos, top = true) {
  let entries;
  try {
    entries = children(abs);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") {
      ctx.skip("deleted during scan");
    } else {
      ctx.skip("unreadable directory");
      ctx.warn(`cannot read directory ${quote(path)}: ${describeError(e)}`);
    }
    return;
  }
  if (!top && nestedRepos && entries.some((d) => d.name === ".git")) {
    yield { path, abs, repo: true };
    return;
  }
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const d of entries) {
    if (d.name === ".git") continue;
    const child = { path: posix.join(path, d.name), abs: d.abs };
    if (d.dir) yield* walkTree(child.abs, child.path, ctx, nestedRepos, false);
    else yield d.file ? { ...child, regular: true } : child;
  }
}

// src/sources/tree.ts
async function* treeSource(paths, ctx, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const roots = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      roots.push({ abs, path: reportedRoot(p), dir: (await stat(abs)).isDirectory() });
    } catch (e) {
      throw new UserError(`cannot scan ${quote(p)}: ${describeError(e)}`);
    }
  }
  const tree = new Tree(ctx, options);
  let breath = Date.now();
  for (const root of roots) {
    const chunks = root.dir ? tree.directory(root.abs, root.path, { root: await realpath(root.abs) }) : tree.files([{ abs: root.abs, path: root.path }], {});
    for await (const chunk of chunks) {
      yield chunk;
      if (Date.now() - breath > 50) {
        await setImmediate();
        breath = Date.now();
      }
    }
  }
}
function realPath(abs) {
  try {
    return realpathSync.native(abs, { encoding: "buffer" }).toString("latin1");
  } catch {
    return Buffer.from(abs).toString("latin1");
  }
}
function reportedRoot(p) {
  return posix2.join(sep2 === "\\" ? p.replaceAll("\\", "/") : p, ".");
}
var Tree = class {
  constructor(ctx, options) {
    this.ctx = ctx;
    this.options = options;
    const matchers = (options.ignore ?? []).map((g) => import_micromatch.default.matcher(g, { dot: true }));
    this.ignored = (path) => matchers.some((m) => m(path));
  }
  ctx;
  options;
  gitMissing = false;
  /** Real paths of the directories listed so far: none is entered twice, whatever git answers. */
  entered = /* @__PURE__ */ new Set();
  ignored;
  async *directory(abs, path, open) {
    const real = realPath(abs);
    if (this.entered.has(real)) return;
    this.entered.add(real);
    if (!this.options.noIgnore && !this.gitMissing && typeof abs === "string") {
      const listing = await listGitFiles(abs);
      switch (listing.kind) {
        case "ok":
          if (listing.paths.some((p) => p.path === ".")) {
            yield* this.unpopulated(abs, path, open);
            return;
          }
          for (let i = 0; i < listing.ignored; i++) this.ctx.skip("ignored by .gitignore");
          yield* this.files(gitEntries(listing.paths, abs, path), { ...open, listed: true });
          return;
        case "no-git":
          this.gitMissing = true;
          this.ctx.warn("git is not on PATH: scanning without .gitignore rules, ignored files included");
          break;
        case "failed":
          this.ctx.warn(`git could not list ${quote(path)} (${listing.message}): scanning it without .gitignore rules`);
          break;
        case "not-repo":
          break;
      }
    }
    const nestedRepos = !this.options.noIgnore && !this.gitMissing;
    yield* this.files(walkTree(abs, path, this.ctx, nestedRepos), open);
  }
  /**
   * A submodule folder holding no repository: empty (not initialised), it is reported as skipped,
   * by name; anything left in it is on disk to be read, so it is scanned, without ignore rules,
   * as tools that scan a folder (gitleaks dir, trufflehog filesystem) do.
   */
  async *unpopulated(abs, path, open) {
    if (readdirSync2(abs).length === 0) {
      this.ctx.skip("uninitialised submodule");
      this.ctx.warn(
        `skipped submodule ${redactKeys(quote(path))}: not initialised (\`git submodule update --init\` checks it out to be scanned)`
      );
      return;
    }
    yield* this.files(walkTree(abs, path, this.ctx, true), open);
  }
  async *files(entries, open) {
    for (const entry of entries) {
      if (this.ignored(entry.path)) {
        this.ctx.skip("ignored by config");
        continue;
      }
      const opened = entry.repo ? { kind: "dir" } : openEntry(entry.abs, entry.path, open, entry.regular);
      switch (opened.kind) {
        case "skip":
          this.ctx.skip(opened.reason);
          if (opened.warning) this.ctx.warn(opened.warning);
          break;
        case "dir":
          yield* this.directory(entry.abs, entry.path, { root: open.root });
          break;
        case "file":
          yield* this.read(entry.path, opened);
          break;
      }
    }
  }
  *read(path, file) {
    const { stats } = this.ctx;
    const { fd } = file;
    const cutter = new ChunkCutter(path);
    stats.files++;
    stats.bytes += file.first.length;
    let failure;
    try {
      yield* cutter.push(file.first);
      while (fd !== void 0) {
        let block;
        try {
          block = readBlock(fd);
        } catch (e) {
          failure = e;
          break;
        }
        if (!block.length) break;
        stats.bytes += block.length;
        yield* cutter.push(block);
      }
      yield* cutter.end();
    } finally {
      if (fd !== void 0) closeSync(fd);
    }
    if (failure !== void 0) {
      this.ctx.skip("read error (partly scanned)");
      this.ctx.warn(`cannot read all of ${quote(path)}: ${describeError(failure)}`);
    }
  }
};
export {
  treeSource
};
