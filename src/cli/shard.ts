// `--shard I/N`: read, and refused where a share of the history cannot answer alone.
import { UserError } from '../errors.js';
import type { Shard } from '../types.js';

/** Most a history is worth splitting: a shard per runner, and a matrix holds 256 jobs. */
const MAX_SHARDS = 4096;

/** The shard; a range with it is refused by the history source itself (sources/history.ts). */
export function parseShard(text: string, flags: { verify: boolean; writeBaseline?: string }): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count || count > MAX_SHARDS) {
    throw new UserError(`--shard takes I/N, shard I of N with 1 <= I <= N <= ${MAX_SHARDS} (got ${JSON.stringify(text)})`);
  }
  // Each key once for the whole audit: the merge verifies, not each shard on its own.
  if (flags.verify) throw new UserError('--shard and --verify: verify when merging the shards (keysentry merge --verify checks each key once)');
  if (flags.writeBaseline !== undefined) throw new UserError('--shard and --write-baseline: a shard sees part of the findings; write the baseline from the merged report');
  return { index, count };
}
