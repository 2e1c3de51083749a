// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  diffChunks
} from "./chunk-7LFMBUIV.js";
import {
  BlobReader,
  DIFF_OPTIONS,
  git,
  gitStream
} from "./chunk-HV6CHNEP.js";
import "./chunk-7MBXQDW6.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import {
  readChunks
} from "./chunk-4GNOLUO2.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/sources/staged.ts
import { realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
async function* stagedSource(ctx, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const root = options.root ?? (await git(["rev-parse", "--show-toplevel"], cwd)).toString("utf8").replace(/\n$/, "");
  const blobs = new BlobReader(root);
  try {
    if (options.files) {
      yield* stagedFiles(ctx, root, realpathSync(cwd), options.files, blobs);
    } else {
      const patch = gitStream(["diff", "--cached", ...DIFF_OPTIONS], root, (m) => ctx.warn(m));
      yield* diffChunks(patch, blobs, ctx);
    }
  } finally {
    blobs.close();
  }
}
async function readIndex(root) {
  const index = /* @__PURE__ */ new Map();
  for (const record of (await git(["ls-files", "--stage", "-z"], root)).toString("utf8").split("\0")) {
    const tab = record.indexOf("	");
    const [mode = "", sha = "", stage] = record.slice(0, tab).split(" ");
    if (tab < 0 || stage === "1") continue;
    const path = record.slice(tab + 1);
    index.set(path, [...index.get(path) ?? [], { mode, sha }]);
  }
  return index;
}
async function* stagedFiles(ctx, root, cwd, files, blobs) {
  const index = await readIndex(root);
  const wanted = new Set(files.map((f) => relative(root, resolve(cwd, f)).split(sep).join("/")));
  for (const path of wanted) {
    const entries = index.get(path);
    if (!entries) {
      ctx.skip("not in the index", path);
      continue;
    }
    for (const { mode, sha } of entries) {
      if (mode === "160000") {
        ctx.skip("submodule", path);
        continue;
      }
      const content = await blobs.open(sha);
      if (!content) {
        ctx.skip("blob missing from the repository", path);
        continue;
      }
      ctx.stats.files++;
      for await (const chunk of readChunks(path, content)) {
        ctx.stats.bytes += chunk.data.length;
        yield chunk;
      }
    }
  }
}
export {
  stagedSource
};
