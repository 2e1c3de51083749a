#!/usr/bin/env node
// Start-up experiments for the pre-commit hook: the same `keysentry staged` run from the unbundled
// build, from one esbuild bundle as an ES module and as CommonJS, and from the CommonJS bundle
// loaded through vm.Script with V8's code cache, beside `node -e 0`, taking turns, on the bench's
// 15,000-file staged repository. Prints each variant's median wall time and its ratio to the
// unbundled build's, pair by pair (the rounds take turns, so each pair shared the machine's mood).
// Usage: node bench/startup.js [--runs N] [--quick]   (after npm run bench has built the corpus)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './measure.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, quick: { type: 'boolean', default: false } } });
const benchDir = process.env.KEYSENTRY_BENCH_DIR || join(ROOT, '.bench');
const corpus = join(benchDir, `staged-big-${values.quick ? 'quick' : 'full'}`);
if (!existsSync(corpus)) throw new Error(`${corpus} is missing: run npm run bench -- --only staged-big first`);
// Two levels below the root, as bundle/cli.js would be, so ../../rules and ../../package.json resolve.
const out = join(ROOT, '.bench', 'startup');
mkdirSync(out, { recursive: true });

const { build } = await import('esbuild');
const bundle = (format, outfile, options) =>
  build({ absWorkingDir: ROOT, entryPoints: ['dist/cli/main.js'], bundle: true, platform: 'node', target: 'node20', format, outfile, logLevel: 'error', ...options });
await bundle('esm', join(out, 'cli.mjs'), { banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
await bundle('cjs', join(out, 'cli.cjs'), {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const start = "main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n";
writeFileSync(join(out, 'esm.mjs'), `import { main } from './cli.mjs';\n${start}`);
writeFileSync(join(out, 'cjs.cjs'), `const { main } = require('./cli.cjs');\n${start}`);
// The loader under test: compile with the cached code if there is one; write it after the first
// run, when the functions that run have been compiled too.
writeFileSync(
  join(out, 'cached.cjs'),
  `const fs = require('node:fs'); const path = require('node:path'); const vm = require('node:vm'); const Module = require('node:module');
const file = path.join(__dirname, 'cli.cjs'); const cacheFile = path.join(__dirname, 'cli.cjs.' + process.version + '.cache');
let cachedData; try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const mod = { exports: {} }; script.runInThisContext()(mod.exports, require, mod, file, __dirname);
if (!cachedData || script.cachedDataRejected) process.once('beforeExit', () => { try { fs.writeFileSync(cacheFile, script.createCachedData()); } catch {} });
const { main } = mod.exports; ${start}`,
);

const variants = {
  unbundled: [join(ROOT, 'bin', 'keysentry.js')],
  'esm bundle': [join(out, 'esm.mjs')],
  'cjs bundle': [join(out, 'cjs.cjs')],
  'cjs bundle + code cache': [join(out, 'cached.cjs')],
  'node -e 0': ['-e', '0'],
};
const args = ['staged', '--format', 'json'];
const timeOne = (argv) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...argv, ...args], { cwd: corpus, stdio: ['ignore', 'ignore', 'ignore'] });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited with ${r.status}`);
  return wall;
};
for (const argv of Object.values(variants)) timeOne(argv); // warm-up, and the code cache written
const runs = Number(values.runs);
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  const names = Object.keys(variants);
  for (const name of names.slice(i % names.length).concat(names.slice(0, i % names.length))) times[name].push(timeOne(variants[name]));
}
const base = times.unbundled;
for (const [name, xs] of Object.entries(times)) {
  const ratios = xs.map((ms, i) => ms / base[i]);
  process.stdout.write(`${name.padEnd(24)} median ${median(xs).toFixed(0)} ms; ÷ unbundled pair by pair: median ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})\n`);
}
