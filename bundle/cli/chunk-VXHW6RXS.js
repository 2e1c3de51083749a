// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/cli/color.ts
function useColor(stream = process.stdout) {
  if (process.env.NO_COLOR !== void 0) return false;
  if (process.env.FORCE_COLOR !== void 0) return process.env.FORCE_COLOR !== "0";
  return stream.isTTY === true;
}

export {
  useColor
};
