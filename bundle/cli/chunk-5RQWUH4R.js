// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  COMMIT_MESSAGE_PATH
} from "./chunk-FEOP7AJT.js";

// src/report/context.ts
function findingContext(f) {
  const parts = [];
  if (f.repository !== void 0) parts.push(`in repository ${f.repository}`);
  if (f.binary) parts.push(`at byte offset ${f.offset}`);
  if (f.encoding) parts.push(`${f.encoding}-encoded`);
  if (f.commit) {
    const { sha, author, date } = f.commit;
    const how = f.path === COMMIT_MESSAGE_PATH ? "in the message of" : "introduced by";
    parts.push(`${how} commit ${sha.slice(0, 7)} (${author}, ${date.slice(0, 10)})`);
  }
  return parts.length > 0 ? `, ${parts.join(", ")}` : "";
}

export {
  findingContext
};
