// Users (and every CLI test, through bin/keysentry.js) run the committed bundle, not src/: a change
// to src/ or to the locked dependencies that was not rebuilt into bundle/cli/ would ship the old
// code. Rebuild it aside and compare, file by file. `npm test` does not rebuild it, so that CI tests
// exactly what is committed; `npm run bundle` does.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CHECKOUT } from '../support/pack.js';
import { tempDir } from '../support/repo.js';

const COMMITTED = join(CHECKOUT, 'bundle', 'cli');

function build(outdir: string): string {
  execFileSync(process.execPath, [join(CHECKOUT, 'scripts', 'build-cli.js'), outdir], { cwd: tempDir('keysentry-cwd-') });
  return outdir;
}

/** name → bytes of every file in dir. */
function contents(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

function same(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);
}

it('the committed bundle is what `npm run bundle` makes of the current sources', () => {
  const fresh = contents(build(join(tempDir('keysentry-cli-bundle-'), 'cli')));
  const committed = contents(COMMITTED);
  // A boolean keeps a megabyte of diff out of the failure; the message says what to do.
  expect(same(fresh, committed), 'bundle/cli/ is stale: run `npm run bundle` and commit bundle/cli/').toBe(true);
});

it('builds the same bytes every time, wherever it is written', () => {
  const a = contents(build(join(tempDir('keysentry-cli-bundle-'), 'cli')));
  const b = contents(build(join(tempDir('keysentry-cli-bundle-'), 'deeper', 'cli')));
  expect([...a.keys()]).toEqual([...b.keys()]);
  expect(same(a, b)).toBe(true);
});
