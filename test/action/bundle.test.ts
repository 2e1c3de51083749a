// The runner runs the committed bundle, not src/: a change to src/ (or to the locked dependencies)
// that was not rebuilt into bundle/action.js would ship the old code. Rebuild it aside and compare.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../support/repo.js';
import { BUNDLE, PROJECT_ROOT } from './run.js';

const dir = tempDir('keysentry-bundle-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(outfile: string): Buffer {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build-action.js'), outfile], { cwd: dir });
  return readFileSync(outfile);
}

it('the committed bundle is what `npm run bundle` makes of the current sources', () => {
  const fresh = build(join(dir, 'action.js'));
  const committed = readFileSync(BUNDLE);
  // toBe on a boolean keeps a 1 MB diff out of the failure; the message says what to do.
  expect(fresh.equals(committed), 'bundle/action.js is stale: run `npm run bundle` and commit it').toBe(true);
});

it('builds the same bytes every time, wherever it is written', () => {
  expect(build(join(dir, 'again', 'action.js')).equals(build(join(dir, 'action.js')))).toBe(true);
});
