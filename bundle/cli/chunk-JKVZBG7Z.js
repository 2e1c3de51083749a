// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  redactKeys
} from "./chunk-QUMGJOT4.js";

// src/errors.ts
var UserError = class extends Error {
  name = "UserError";
};
function errorLine(e) {
  const message = e instanceof Error ? e.message : String(e);
  const line = message.split("\n").map((l) => l.trim()).filter(Boolean).join(" ") || "unknown error";
  return redactKeys(e instanceof UserError ? line : `internal error: ${line}`);
}

export {
  UserError,
  errorLine
};
