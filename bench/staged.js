// The pre-commit corpus: a repository of a few hundred files with a typical change staged,
// three files and about 200 added lines, one of which holds a key.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitEnv } from './git.js';
import { KeyGen, Rng } from './keygen.js';
import { plant } from './plants.js';
import { CODE_LANGS, Text } from './text.js';

export async function buildStaged(dir, { files: count, seed }, log) {
  const r = new Rng(seed);
  const t = new Text(r);
  mkdirSync(dir, { recursive: true });
  await git(['init', '-q', '-b', 'main'], dir);

  const paths = new Set();
  let stream = '';
  while (paths.size < count) {
    const lang = r.skewed(CODE_LANGS, 1.5);
    const path = `src/${t.word()}/${t.snake()}.${lang}`;
    if (paths.has(path)) continue;
    paths.add(path);
    const data = `${t.code(lang, r.int(500, 6000)).join('\n')}\n`;
    stream += `M 100644 inline ${path}\ndata ${Buffer.byteLength(data)}\n${data}\n`;
  }
  const ident = `Bench <bench@example.com> ${Date.UTC(2024, 0, 1) / 1000} +0000`;
  const msg = 'Import';
  const fi = spawn('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv, stdio: ['pipe', 'inherit', 'inherit'] });
  fi.stdin.end(`commit refs/heads/main\nauthor ${ident}\ncommitter ${ident}\ndata ${msg.length}\n${msg}\n${stream}\n`);
  const [code] = await once(fi, 'exit');
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  await git(['reset', '-q', '--hard'], dir);

  // The change: new code appended to two files, and a settings block with a key in the third.
  const [a, b, c] = [...paths].filter((p) => p.endsWith('.ts') || p.endsWith('.py')).slice(0, 3);
  let added = 0;
  for (const p of [a, b]) {
    const lines = t.code('ts', 8000).slice(3, 75);
    appendFileSync(join(dir, p), `${lines.join('\n')}\n`);
    added += lines.length;
  }
  const key = new KeyGen(seed + 1).openaiProject('proj');
  const before = readFileSync(join(dir, c), 'utf8').split('\n');
  const block = t.code('py', 6000).slice(5, 60);
  block.splice(20, 0, `OPENAI_API_KEY = "${key}"`);
  const line = before.length - 1 + 21;
  writeFileSync(join(dir, c), `${before.slice(0, -1).join('\n')}\n${block.join('\n')}\n`);
  added += block.length;
  await git(['add', '--', a, b, c], dir);
  log(`staged: ${count} files, 3 changed, ${added} lines added`);
  return { files: count, changed: 3, added, plants: [plant(key, { id: 'proj-staged', kind: 'openai project, staged', path: c, line })] };
}
