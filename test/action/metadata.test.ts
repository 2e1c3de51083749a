// action.yml is the contract with the runner and with every workflow that uses the action: the
// runtime GitHub supports, the committed bundle as entry, and exactly the inputs and outputs the
// code reads and writes.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { actionDefaults, PROJECT_ROOT } from './run.js';

const yml = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');

/** The names under a top-level mapping key (`inputs:`, `outputs:`). */
function names(section: string): string[] {
  const body = new RegExp(`^${section}:\\n((?: {2}.*\\n|\\n)*)`, 'm').exec(yml)?.[1] ?? '';
  return [...body.matchAll(/^ {2}([\w-]+):\s*$/gm)].map((m) => m[1]!);
}

it('runs the committed bundle on node24, the Node runtime GitHub supports for actions', () => {
  const runs = /^runs:\n((?: {2}.*\n?)*)/m.exec(yml)?.[1] ?? '';
  expect(runs).toMatch(/^ {2}using: node24$/m);
  const main = /^ {2}main: (\S+)$/m.exec(runs)?.[1];
  expect(main).toBe('bundle/action.js');
  expect(existsSync(join(PROJECT_ROOT, main!))).toBe(true);
  // The runner runs it straight from a checkout, with no node_modules: only Node built-ins may be
  // left for it to load, by import or by the bundled CommonJS code's require.
  const bundle = readFileSync(join(PROJECT_ROOT, main!), 'utf8');
  const loaded = [
    ...[...bundle.matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...bundle.matchAll(/__require\(["']([^"']+)["']\)/g)].map((m) => m[1]!),
  ];
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((spec) => !builtinModules.includes(spec.replace(/^node:/, '')))).toEqual([]);
});

it('declares the inputs the action reads, with the documented defaults', () => {
  expect(names('inputs')).toEqual(['mode', 'path', 'verify', 'fail-on', 'sarif-file', 'config', 'baseline']);
  expect(actionDefaults()).toEqual({
    mode: 'auto',
    path: '.',
    verify: 'false',
    'fail-on': 'any',
    'sarif-file': 'keysentry.sarif',
    config: '',
    baseline: '',
  });
});

it('declares the outputs the action sets', () => {
  expect(names('outputs')).toEqual(['findings', 'live', 'sarif-file']);
  const source = readFileSync(join(PROJECT_ROOT, 'src', 'action', 'main.ts'), 'utf8');
  const set = [...source.matchAll(/core\.setOutput\('([\w-]+)'/g)].map((m) => m[1]!);
  expect(set.sort()).toEqual(names('outputs').sort());
});
