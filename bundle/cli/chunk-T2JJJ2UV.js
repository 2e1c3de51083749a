// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/types.ts
var COMMIT_MESSAGE_PATH = "<commit message>";
var MAX_SECRET_LENGTH = 512;

export {
  COMMIT_MESSAGE_PATH,
  MAX_SECRET_LENGTH
};
