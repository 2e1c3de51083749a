// What refs reach without a commit: annotated tags' messages, and a blob or a tree that a tag (or
// any ref) names directly. `git log --all` walks commits only, so none of it is in a commit's
// diff; each is located at the tag, as a commit message is at `<commit message>`:
// `<tag v1>` for the message and a tagged blob, `<tag v1>/dir/file` for a file of a tagged tree.
import type { Chunk, ScanContext } from '../types.js';
import { readChunks } from './chunks.js';
import { git, treeBlobs, type BlobReader } from './git.js';

export interface TagOptions {
  /** Whether a blob is worth reading (the pass over every object found it may hold a key). */
  worth: (sha: string) => boolean;
  /** Count the blobs read in the stats (no pass over every object has counted them). */
  countBlobs: boolean;
  /** Paths inside a tagged tree whose blobs are never read (config ignore globs). */
  ignored: (path: string) => boolean;
  /** Which tag objects' messages to scan: a shard of a history scans its own share. */
  messageOf: (sha: string) => boolean;
}

/** The pseudo-path of what a ref reaches: `<tag v1>`, or `<ref refs/…>` for a ref outside refs/tags/. */
export function refPlace(refname: string): string {
  return refname.startsWith('refs/tags/') ? `<tag ${refname.slice('refs/tags/'.length)}>` : `<ref ${refname}>`;
}

export async function* tagChunks(cwd: string, blobs: BlobReader, ctx: ScanContext, options: TagOptions): AsyncGenerator<Chunk> {
  // A ref name never holds a space (git check-ref-format), so the line splits safely.
  const refs = (await git(['for-each-ref', '--format=%(objecttype) %(objectname) %(refname)'], cwd)).toString('utf8');
  for (const line of refs.split('\n')) {
    let [type = '', sha = '', refname = ''] = line.split(' ');
    if (!refname || type === 'commit') continue; // commits are the log's
    const place = refPlace(refname);
    // A tag may name another tag; each one's message is scanned. Ids are hashes: no cycle.
    while (type === 'tag') {
      const tag = await blobs.object(sha);
      if (!tag) {
        ctx.skip('object unreadable (corrupt)', place);
        break;
      }
      const { target, targetType, message } = parseTag(tag.data);
      if (options.messageOf(sha)) {
        ctx.stats.bytes += message.length;
        yield* readChunks(place, [message]);
      }
      [type, sha] = [targetType, target];
    }
    if (type === 'blob') {
      yield* blob(sha, place);
    } else if (type === 'tree') {
      for await (const entry of treeBlobs(cwd, sha, (m) => ctx.warn(m))) {
        if (!options.ignored(entry.path)) yield* blob(entry.sha, `${place}/${entry.path}`);
      }
    }
  }

  async function* blob(sha: string, path: string): AsyncGenerator<Chunk> {
    if (!options.worth(sha)) return;
    const content = await blobs.open(sha);
    if (!content) {
      ctx.skip('blob missing from the repository', path);
      return;
    }
    if (options.countBlobs) ctx.stats.files++;
    for await (const chunk of readChunks(path, content)) {
      if (options.countBlobs) ctx.stats.bytes += chunk.data.length;
      yield chunk;
    }
  }
}

/** `object <id>\ntype <type>\ntag <name>\ntagger …\n\n<message>`. */
function parseTag(data: Buffer): { target: string; targetType: string; message: Buffer } {
  const end = data.indexOf('\n\n');
  const header = data.subarray(0, end < 0 ? data.length : end).toString('utf8');
  const field = (name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(header)?.[1] ?? '';
  return { target: field('object'), targetType: field('type'), message: end < 0 ? Buffer.alloc(0) : data.subarray(end + 2) };
}
