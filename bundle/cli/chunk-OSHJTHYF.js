// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/cli/root.ts
import { execFile } from "node:child_process";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
function repoRoot(path) {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  const found = plainWorkTree(dir);
  if (found !== void 0) return Promise.resolve(found);
  return new Promise((done) => {
    execFile(
      "git",
      ["rev-parse", "--show-toplevel"],
      { cwd: dir },
      (err, stdout) => done(err ? void 0 : stdout.trim() || void 0)
    );
  });
}
var DISCOVERY_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_COMMON_DIR"];
function plainWorkTree(dir) {
  if (DISCOVERY_VARIABLES.some((v) => process.env[v] !== void 0)) return void 0;
  let real;
  try {
    real = realpathSync.native(dir);
  } catch {
    return void 0;
  }
  const uid = process.getuid?.();
  for (let at = real; ; ) {
    if (at.split(/[\\/]/).includes(".git")) return void 0;
    const dotGit = join(at, ".git");
    let st;
    try {
      st = statSync(dotGit, { throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (st) {
      if (uid === void 0 || st.uid !== uid) return void 0;
      if (st.isFile()) return readFileSync(dotGit, "utf8").startsWith("gitdir: ") ? at : void 0;
      if (!st.isDirectory()) return void 0;
      try {
        return /^\s*worktree\s*=/im.test(readFileSync(join(dotGit, "config"), "utf8")) ? void 0 : at;
      } catch {
        return void 0;
      }
    }
    if (statSync(join(at, "HEAD"), { throwIfNoEntry: false }) && statSync(join(at, "objects"), { throwIfNoEntry: false })) {
      return void 0;
    }
    const up = dirname(at);
    if (up === at) return void 0;
    at = up;
  }
}

export {
  repoRoot
};
