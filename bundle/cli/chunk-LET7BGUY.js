// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  git
} from "./chunk-HV6CHNEP.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";

// src/sources/repository.ts
import { createHash } from "node:crypto";
import { basename } from "node:path";
async function repositoryOf(cwd, root) {
  const none = () => Buffer.alloc(0);
  const [refs, url] = await Promise.all([
    // HEAD and every ref with the object it names: what `git log --all` walks from. An empty
    // repository has none, and show-ref then fails.
    git(["show-ref", "--head"], cwd).catch(none),
    git(["config", "--get", "remote.origin.url"], cwd).catch(none)
  ]);
  const remote = url.toString("utf8").trim();
  return {
    name: remote && remoteName(remote) || basename(root ?? cwd).replace(/\.git$/, ""),
    state: createHash("sha256").update(refs).digest("hex")
  };
}
function remoteName(url) {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(url);
  let host = "";
  let path = url;
  if (scp && !/^[a-z]:[\\/]/i.test(url)) {
    [, host = "", path = ""] = scp;
  } else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "file:") host = parsed.hostname + (parsed.port ? `:${parsed.port}` : "");
      path = decodeURIComponent(parsed.pathname);
    } catch {
    }
  }
  path = path.replace(/\/+$/, "").replace(/\.git$/, "").replace(/^\/+/, "");
  return host ? `${host}/${path}` : basename(path);
}
export {
  remoteName,
  repositoryOf
};
