// `keysentry staged`: what the next commit would add, read from the index, not the working tree,
// so a partly staged file is judged by what will be committed.
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Chunk, ScanContext } from '../types.js';
import { readChunks } from './chunks.js';
import { diffChunks } from './diff.js';
import { BlobReader, DIFF_OPTIONS, git, gitStream } from './git.js';

export interface StagedOptions {
  cwd?: string;
  /** The repository's top directory, if known: saves asking git. */
  root?: string;
  /** Scan the whole staged content of exactly these files (as pre-commit passes them) instead of the diff. */
  files?: string[];
}

export async function* stagedSource(ctx: ScanContext, options: StagedOptions = {}): AsyncGenerator<Chunk> {
  const cwd = options.cwd ?? process.cwd();
  const root = options.root ?? (await git(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').replace(/\n$/, '');
  const blobs = new BlobReader(root);
  try {
    if (options.files) {
      yield* stagedFiles(ctx, root, realpathSync(cwd), options.files, blobs);
    } else {
      // With no commit yet, git diffs the index against the empty tree.
      const patch = gitStream(['diff', '--cached', ...DIFF_OPTIONS], root, (m) => ctx.warn(m));
      yield* diffChunks(patch, blobs, ctx);
    }
  } finally {
    blobs.close();
  }
}

interface IndexEntry {
  mode: string;
  sha: string;
}

/** The index as path → entries (several while a merge conflict is unresolved). */
async function readIndex(root: string): Promise<Map<string, IndexEntry[]>> {
  const index = new Map<string, IndexEntry[]>();
  for (const record of (await git(['ls-files', '--stage', '-z'], root)).toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    const [mode = '', sha = '', stage] = record.slice(0, tab).split(' ');
    // Stage 1 is the merge base: already committed, nothing this commit adds.
    if (tab < 0 || stage === '1') continue;
    const path = record.slice(tab + 1);
    index.set(path, [...(index.get(path) ?? []), { mode, sha }]);
  }
  return index;
}

async function* stagedFiles(
  ctx: ScanContext,
  root: string,
  cwd: string,
  files: string[],
  blobs: BlobReader,
): AsyncGenerator<Chunk> {
  const index = await readIndex(root);
  const wanted = new Set(files.map((f) => relative(root, resolve(cwd, f)).split(sep).join('/')));
  for (const path of wanted) {
    const entries = index.get(path);
    if (!entries) {
      ctx.skip('not in the index', path);
      continue;
    }
    for (const { mode, sha } of entries) {
      if (mode === '160000') {
        ctx.skip('submodule', path);
        continue;
      }
      const content = await blobs.open(sha);
      if (!content) {
        ctx.skip('blob missing from the repository', path);
        continue;
      }
      ctx.stats.files++;
      for await (const chunk of readChunks(path, content)) {
        ctx.stats.bytes += chunk.data.length;
        yield chunk;
      }
    }
  }
}
