import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boundWindows, packShape } from '../../src/sources/packs.js';
import { TempRepo, gitEnv } from '../support/repo.js';

beforeAll(() => {
  Object.assign(process.env, gitEnv);
});

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

/** Twenty versions of one file (deltas once repacked with a window) and a few other files. */
function history(objectFormat?: string): TempRepo {
  const r = new TempRepo(undefined, false);
  repos.push(r);
  r.git('init', '-q', '-b', 'main', ...(objectFormat ? [`--object-format=${objectFormat}`] : []));
  const lines = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'x'.repeat(i % 50)}`);
  for (let v = 0; v < 20; v++) {
    lines[v * 7] = `changed in version ${v}`;
    r.commit(`v${v}`, { 'big.txt': `${lines.join('\n')}\n`, [`f${v}.txt`]: `file ${v}\n` });
  }
  return r;
}

const objects = (r: TempRepo) => join(r.dir, '.git', 'objects');

/** git's own count of the deltas in the repository's packs. */
function gitDeltas(r: TempRepo): { objects: number; deltas: number } {
  const packDir = join(objects(r), 'pack');
  let count = 0;
  let deltas = 0;
  for (const idx of readdirSync(packDir).filter((n) => n.endsWith('.idx'))) {
    for (const line of r.git('verify-pack', '-v', join(packDir, idx)).split('\n')) {
      const fields = line.split(/\s+/);
      if (!/^[0-9a-f]{40,64}$/.test(fields[0] ?? '')) continue;
      count++;
      if (fields.length >= 7) deltas++;
    }
  }
  return { objects: count, deltas };
}

describe('packShape', () => {
  it('reads the type of each object it samples: every delta of a small pack, as git counts them', () => {
    const r = history();
    r.git('repack', '-a', '-d', '-q', '-f', '--window=10', '--depth=50');
    const git = gitDeltas(r);
    expect(git.objects).toBeLessThanOrEqual(128); // small enough that every object is sampled
    expect(git.deltas).toBeGreaterThan(10);
    expect(packShape(objects(r))).toMatchObject({ sampled: git.objects, deltas: git.deltas, unread: 0 });
  });

  it('finds no delta in a pack of whole objects', () => {
    const r = history();
    r.git('repack', '-a', '-d', '-q', '-f', '--window=0', '--depth=0');
    const shape = packShape(objects(r));
    expect(shape.sampled).toBe(gitDeltas(r).objects);
    expect(shape.deltas).toBe(0);
    expect(shape.bytes).toBeGreaterThan(0);
  });

  it('reads SHA-256 indexes and offsets kept in the table of large offsets', () => {
    const r = history('sha256');
    r.git('repack', '-a', '-d', '-q', '-f', '--window=10', '--depth=50');
    const git = gitDeltas(r);
    expect(git.deltas).toBeGreaterThan(10);
    expect(packShape(objects(r))).toMatchObject({ sampled: git.objects, deltas: git.deltas, unread: 0 });
    // The same pack indexed again with every offset above 0 in the 8-byte table.
    const packDir = join(objects(r), 'pack');
    const pack = readdirSync(packDir).find((n) => n.endsWith('.pack'))!;
    const idx = join(packDir, pack.replace(/\.pack$/, '.idx'));
    r.git('index-pack', '--index-version=2,0', '-o', `${idx}.new`, join(packDir, pack));
    renameSync(`${idx}.new`, idx);
    expect(packShape(objects(r))).toMatchObject({ sampled: git.objects, deltas: git.deltas, unread: 0 });
  });

  it('counts the packs of alternates, and an index it cannot read as unread', () => {
    const r = history();
    r.git('repack', '-a', '-d', '-q', '-f', '--window=0', '--depth=0');
    const clone = new TempRepo(undefined, false);
    repos.push(clone);
    clone.git('clone', '-q', '--shared', r.dir, '.');
    const own = packShape(objects(r));
    expect(packShape(objects(clone))).toEqual(own);
    writeFileSync(join(objects(r), 'pack', 'pack-0000.pack'), 'PACK');
    writeFileSync(join(objects(r), 'pack', 'pack-0000.idx'), 'not an index');
    expect(packShape(objects(clone)).unread).toBe(1);
  });

  it('has nothing to sample without packs, or below the size asked for', () => {
    const r = history();
    expect(packShape(objects(r))).toEqual({ bytes: 0, sampled: 0, deltas: 0, unread: 0 });
    r.git('repack', '-a', '-d', '-q');
    const shape = packShape(objects(r), 1 << 30);
    expect(shape.bytes).toBeGreaterThan(0);
    expect(shape.sampled).toBe(0);
  });
});

describe('boundWindows', () => {
  it('bounds pack windows for a large pack of whole objects only', () => {
    const r = history();
    r.git('repack', '-a', '-d', '-q', '-f', '--window=0', '--depth=0');
    expect(boundWindows(objects(r))).toBe(false); // far below the limits: nothing to bound
    expect(boundWindows(objects(r), 0)).toBe(true);
    r.git('repack', '-a', '-d', '-q', '-f', '--window=10', '--depth=50');
    expect(boundWindows(objects(r), 0)).toBe(false);
  });
});
