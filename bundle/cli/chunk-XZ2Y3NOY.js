// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  readChunks
} from "./chunk-4GNOLUO2.js";

// src/sources/stdin.ts
async function* stdinSource(ctx, input = process.stdin) {
  ctx.stats.files++;
  yield* readChunks("-", counted(input, ctx));
}
async function* counted(input, ctx) {
  for await (const piece of input) {
    const block = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    ctx.stats.bytes += block.length;
    yield block;
  }
}

export {
  stdinSource
};
