// A shard's share of a whole history: decided by object id alone, so shards started on different
// machines agree without talking, and together read every blob and message exactly once.
import type { Shard } from '../types.js';

/**
 * The warning about blobs that may hold a key but that no commit or ref reaches, after its count.
 * Each shard counts only its own blobs, so a merge adds the shards' counts up into one warning.
 */
export const UNREACHED_WARNING =
  ' blob(s) that may hold a key are in the repository but no commit or ref reaches them ' +
  '(staged and never committed, or left by an amended, rebased or dropped commit until git gc prunes ' +
  'them): they are not reported; git fsck --unreachable lists them';

/**
 * Whether the object with this id is the shard's. Ids are hashes, so their first 32 bits spread
 * objects evenly over any number of shards.
 */
export function shardOwns(shard: Shard | undefined): (sha: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  const { index, count } = shard;
  return (sha) => Number.parseInt(sha.slice(0, 8), 16) % count === index - 1;
}
