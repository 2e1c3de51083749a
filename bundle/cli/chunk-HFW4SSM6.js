// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/sources/shard.ts
var UNREACHED_WARNING = " blob(s) that may hold a key are in the repository but no commit or ref reaches them (staged and never committed, or left by an amended, rebased or dropped commit until git gc prunes them): they are not reported; git fsck --unreachable lists them";
function shardOwns(shard) {
  if (!shard || shard.count === 1) return () => true;
  const { index, count } = shard;
  return (sha) => Number.parseInt(sha.slice(0, 8), 16) % count === index - 1;
}

export {
  UNREACHED_WARNING,
  shardOwns
};
