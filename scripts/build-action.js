// Bundles the GitHub Action into one committed file: the runner runs it straight from a checkout
// of this repository, with no npm install. Deterministic (no timestamps, no absolute paths), so
// test/action/bundle.test.ts can rebuild it and demand the same bytes.
// Usage: node scripts/build-action.js [outfile]   (default bundle/action.js)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/main.ts'],
  outfile: process.argv[2] ?? 'bundle/action.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node the package supports; the runner's node24 runs it unchanged.
  target: 'node20',
  banner: {
    js: [
      '// Built from src/action by `npm run bundle` (scripts/build-action.js). Do not edit: rebuild.',
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
