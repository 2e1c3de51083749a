// Bundles the CLI into bundle/cli/, committed, so that installing keysentry (from the registry, a
// tarball or a git URL, or through the pre-commit framework) needs no build step and no dev
// dependency. Deterministic (no timestamps, no absolute paths; chunk names are content hashes), so
// test/cli/bundle.test.ts can rebuild it and demand the same bytes.
// Usage: node scripts/build-cli.js [outdir]   (default bundle/cli)
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv[2] ? resolve(process.argv[2]) : resolve(root, 'bundle/cli');
// Chunk names change with their content: a chunk left from the previous build would be shipped.
// Only .js files go, so a mistyped outdir loses no other work.
let old = [];
try {
  old = readdirSync(outdir).filter((name) => name.endsWith('.js'));
} catch {
  // no bundle yet
}
for (const name of old) rmSync(resolve(outdir, name));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  // The hook's path (`keysentry staged`) must not load yargs, the verifier or the reporters it
  // does not use: each dynamic import becomes a chunk of its own, loaded only when reached.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // The modules find rules/ and package.json at ../../ from themselves, as from dist/cli/: the
  // bundle sits at the same depth (bundle/cli/), so the package ships rules/ beside it, as data.
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    js: [
      '// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.',
      // CommonJS dependencies (micromatch) require Node built-ins; an ES module has no require.
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
}).catch(() => {
  // esbuild has already printed what failed and where.
  process.exit(1);
});
