// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/redact.ts
var PREFIX = /^sk-(?:proj-|svcacct-|admin-|None-)?/;
function redact(secret) {
  const prefix = PREFIX.exec(secret)?.[0] ?? secret.slice(0, 3);
  return `${prefix}\u2026${secret.slice(-4)}`;
}
var MARKER = ["T3Bl", "bkFJ"].join("");
var KEYISH = new RegExp(`sk-[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]*${MARKER}[A-Za-z0-9_-]*|sk[A-Z][A-Za-z0-9]{24,}`, "g");
function redactKeys(text) {
  return text.replace(KEYISH, (key) => redact(key));
}

export {
  redact,
  redactKeys
};
