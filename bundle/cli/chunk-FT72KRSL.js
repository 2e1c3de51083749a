// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/cli/exit.ts
var EXIT_CLEAN = 0;
var EXIT_FINDINGS = 1;
var EXIT_ERROR = 2;

export {
  EXIT_CLEAN,
  EXIT_FINDINGS,
  EXIT_ERROR
};
