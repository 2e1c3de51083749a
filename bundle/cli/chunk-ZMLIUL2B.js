// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  statusOf
} from "./chunk-KOFYQMRE.js";
import {
  COMMIT_MESSAGE_PATH,
  providerKeyPage
} from "./chunk-FEOP7AJT.js";

// src/report/remedy.ts
var committedKey = (path, fingerprint) => `${path}\0${fingerprint}`;
function adviceFor(command, env = {}) {
  if (command === "pre-push") return { place: "unpushed", hook: "pre-push" };
  if (command === "staged") return { place: "staged", hook: env.PRE_COMMIT === "1" ? "pre-commit" : "git" };
  return { place: "pushed" };
}
function keyPage(finding) {
  return providerKeyPage(finding.provider, finding.redacted.startsWith("sk-admin-"));
}
function revokeRemedy(page) {
  return `Revoke it at ${page} and rotate it, then purge it from git history (git filter-repo or BFG). A key with no balance is still a live credential: topping up revives it.`;
}
var INVALID_REMEDY = "The key no longer works: remove it from the code and from git history.";
function remedy(finding) {
  return statusOf(finding) === "invalid" ? INVALID_REMEDY : revokeRemedy(keyPage(finding));
}
function stagedRemedy(f) {
  const where = f.path === COMMIT_MESSAGE_PATH ? "the commit message" : "the file";
  const take = `Not committed yet: take it out of ${where}, load it from the environment or a secret manager instead, and \`git add\` the file again; nothing to purge.`;
  return statusOf(f) === "invalid" ? `${take} The provider rejects it, so there is nothing to revoke.` : `${take} Rotate it at ${keyPage(f)} only if it was shared elsewhere (chat, another repository, a log).`;
}
function unpushedRemedy(f) {
  const take = f.path === COMMIT_MESSAGE_PATH ? "Committed but not pushed: reword the commit message (`git commit --amend` for the last commit, `git rebase -i` for older ones) before pushing" : "Committed but not pushed: take it out of the commits (edit the file, then `git commit --amend` for the last commit or `git rebase -i` for older ones) before pushing, and load it from the environment or a secret manager";
  return statusOf(f) === "invalid" ? `${take}. The provider rejects it, so there is nothing to revoke.` : `${take}; then rotate it at ${keyPage(f)}, as it sits in this clone's git objects until they expire.`;
}
var ALREADY_COMMITTED = "Already committed (HEAD holds it), so this check cannot keep it out of history. ";
function remedyFor(advice) {
  return (f) => {
    switch (advice.place) {
      case "staged":
        return advice.committed?.has(committedKey(f.path, f.fingerprint)) ? ALREADY_COMMITTED + remedy(f) : stagedRemedy(f);
      case "unpushed":
        return unpushedRemedy(f);
      case "pushed":
        return remedy(f);
    }
  };
}
var SKIP = {
  git: "`git commit --no-verify`",
  "pre-commit": "`SKIP=keysentry git commit`",
  "pre-push": "`git push --no-verify`"
};
function waysOut(advice, findings = []) {
  if (advice.place === "pushed" || !advice.hook) return [];
  const { committed } = advice;
  if (committed && findings.length && findings.every((f) => committed.has(committedKey(f.path, f.fingerprint)))) {
    return ["These keys are already committed: skipping this check would not take them out of history; see above."];
  }
  if (advice.place === "unpushed") {
    return [
      "To push, either:",
      "  1. take the key out of the commits (amend or rebase) and push again;",
      "  2. if it is a false positive, add `keysentry:allow` on that line, amend, and push again;",
      `  3. as a last resort, ${SKIP[advice.hook]} \u2014 the key then leaves this machine.`
    ];
  }
  return [
    "To commit, either:",
    "  1. remove the key from the staged file and `git add` it again;",
    "  2. if it is a false positive, add `keysentry:allow` on that line;",
    `  3. as a last resort, ${SKIP[advice.hook]} \u2014 the key then goes into history.`
  ];
}

export {
  committedKey,
  adviceFor,
  keyPage,
  revokeRemedy,
  remedy,
  remedyFor,
  waysOut
};
