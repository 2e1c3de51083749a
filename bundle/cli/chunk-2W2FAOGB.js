// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/detect/secret.ts
import { createHash } from "node:crypto";
function fingerprint(secret) {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export {
  fingerprint
};
