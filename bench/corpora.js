// Builds the corpora once and reuses them: each lives in the bench directory beside a stamp that
// records the generator version and parameters it was built with, and its plant list. A build
// runs in a child process at the lowest CPU priority, into a temporary directory renamed into
// place only when complete, so an interrupted build is never mistaken for a corpus.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump whenever a generator's output changes: stale corpora are then rebuilt. */
export const GENERATOR_VERSION = 2;

export const SCALES = {
  full: {
    tree: { bytes: 320e6, seed: 101 },
    history: { commits: 20_000, files: 2_000, seed: 202 },
    staged: { files: 300, seed: 303 },
    'staged-big': { files: 15_000, seed: 304 },
    'small-files': { files: 50_000, seed: 404 },
    'history-flat': { from: 'history' },
    'history-tiny': { commits: 60, files: 30, seed: 206 },
  },
  quick: {
    tree: { bytes: 24e6, seed: 101 },
    history: { commits: 2_000, files: 300, seed: 202 },
    staged: { files: 300, seed: 303 },
    'staged-big': { files: 2_000, seed: 304 },
    'small-files': { files: 3_000, seed: 404 },
    'history-flat': { from: 'history' },
    'history-tiny': { commits: 60, files: 30, seed: 206 },
  },
};

const BUILDERS = {
  tree: async () => (await import('./tree.js')).buildTree,
  history: async () => (await import('./history.js')).buildHistory,
  staged: async () => (await import('./staged.js')).buildStaged,
  'staged-big': async () => (await import('./staged.js')).buildStaged,
  'small-files': async () => (await import('./packages.js')).buildPackages,
  'history-flat': async () => buildFlat,
  'history-tiny': async () => (await import('./history.js')).buildHistory,
};

/**
 * A copy of another corpus repacked with no deltas at all: the largest pack the same history can
 * have, which is what makes git's pack windows and delta-base cache show in its memory.
 */
async function buildFlat(dir, { source, manifest }, log) {
  const { cpSync, readdirSync, statSync } = await import('node:fs');
  const { git } = await import('./git.js');
  cpSync(source, dir, { recursive: true });
  log(`flat: repacking ${source} without deltas`);
  await git(['repack', '-a', '-d', '-q', '-f', '--depth=0', '--window=0'], dir);
  const packDir = join(dir, '.git', 'objects', 'pack');
  const packBytes = readdirSync(packDir).filter((f) => f.endsWith('.pack')).reduce((n, f) => n + statSync(join(packDir, f)).size, 0);
  log(`flat: pack of ${(packBytes / 1e6).toFixed(0)} MB`);
  return { ...manifest, packBytes };
}

/** Returns the corpus directory and its manifest, building it first if needed. */
export async function ensureCorpus(benchDir, name, scale, log) {
  let params = SCALES[scale][name];
  const dir = join(benchDir, `${name}-${scale}`);
  if (params.from) {
    // Derived from another corpus: built after it, and rebuilt whenever it is.
    const from = await ensureCorpus(benchDir, params.from, scale, log);
    params = { from: params.from, sourceParams: SCALES[scale][params.from], source: from.dir, manifest: from.manifest };
  }
  const stampFile = `${dir}.json`;
  const wanted = { version: GENERATOR_VERSION, params };
  if (existsSync(stampFile) && existsSync(dir)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (JSON.stringify({ version: stamp.version, params: stamp.params }) === JSON.stringify(wanted)) {
      return { dir, manifest: stamp.manifest };
    }
    log(`${name}: corpus is stale (generator or parameters changed), rebuilding`);
  }
  rmSync(stampFile, { force: true });
  rmSync(dir, { recursive: true, force: true });
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  log(`${name}: building the ${scale} corpus in ${dir} (once; reused by later runs)`);
  const started = Date.now();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), name, tmp, JSON.stringify(params)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`building the ${name} corpus failed (exit ${code})`);
  renameSync(tmp, dir);
  const manifest = JSON.parse(out);
  writeFileSync(stampFile, `${JSON.stringify({ ...wanted, manifest }, null, 2)}\n`);
  log(`${name}: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { dir, manifest };
}

// Child process: build one corpus at the lowest priority (git inherits it), manifest on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, dir, params] = process.argv.slice(2);
  setPriority(19);
  const build = await BUILDERS[name]();
  const manifest = await build(dir, JSON.parse(params), (line) => process.stderr.write(`  ${line}\n`));
  process.stdout.write(JSON.stringify(manifest));
}
