// The small-files corpus: a repository with a vendored node_modules — tens of thousands of small
// .js, .d.ts, .json and .md files, as npm installs them — committed and packed as a clone would be,
// then a few edits on top: modified, untracked, deleted and ignored files, so a scan that reads
// the object store must still read what differs from it from disk.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git } from './git.js';
import { KeyGen, Rng } from './keygen.js';
import { plant } from './plants.js';
import { Text } from './text.js';

export async function buildPackages(dir, { files: wanted, seed }, log) {
  const r = new Rng(seed);
  const t = new Text(r);
  mkdirSync(dir, { recursive: true });
  await git(['init', '-q', '-b', 'main'], dir);

  let bytes = 0;
  let files = 0;
  const paths = [];
  const lineCount = new Map();
  const lineBytes = new Map();
  const write = (path, lines) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    const data = `${lines.join('\n')}\n`;
    writeFileSync(full, data);
    lineCount.set(path, lines.length);
    lineBytes.set(path, Buffer.byteLength(data));
    bytes += Buffer.byteLength(data);
    files++;
    paths.push(path);
  };
  // File sizes as npm packages have them: mostly a few KB, now and then a bigger module.
  const size = () => r.int(2000, 12000) * (r.chance(0.1) ? 3 : 1);

  const names = new Set();
  while (files < wanted) {
    let name = t.kebab();
    if (r.chance(0.3)) name = `@${t.word()}/${name}`;
    if (names.has(name)) name = `${name}-${t.word()}`;
    if (names.has(name)) continue;
    names.add(name);
    const root = `node_modules/${name}`;
    write(`${root}/package.json`, JSON.stringify({ name, version: t.semver(), main: 'index.js', types: 'index.d.ts', license: 'MIT', dependencies: { [t.kebab()]: `^${t.semver()}` } }, null, 2).split('\n'));
    write(`${root}/README.md`, t.markdown(size()));
    write(`${root}/index.js`, t.code('js', size()));
    write(`${root}/index.d.ts`, t.code('ts', r.int(500, 4000)));
    for (let i = r.int(2, 20); i > 0; i--) write(`${root}/lib/${t.camel()}${i}.js`, t.code('js', size()));
    if (r.chance(0.3)) for (let i = r.int(1, 6); i > 0; i--) write(`${root}/lib/${t.word()}${i}.json`, t.json(0));
    if (files % 5000 < 25) log(`packages: ${files} files, ${(bytes / 1e6).toFixed(0)} MB`);
  }

  // Keys in committed files: the bulk of a scan, read wherever the scanner reads unchanged files.
  const keys = new KeyGen(seed + 1);
  const plants = [];
  const plantIn = (path, at, keyLine, key, fields) => {
    const lines = t.code('js', 3000);
    lines.splice(at - 1, 0, keyLine);
    write(path, lines);
    plants.push(plant(key, { path, line: at, ...fields }));
  };
  let key = keys.openaiProject('proj');
  plantIn('node_modules/llm-kit/lib/client.js', 10, `const apiKey = "${key}";`, key, { id: 'proj-committed', kind: 'openai project, committed' });
  key = keys.deepseek();
  plantIn('node_modules/@acme/chat/lib/provider.js', 5, `const DEEPSEEK_API_KEY = "${key}";`, key, { id: 'deepseek-committed', kind: 'deepseek, committed' });
  await git(['-c', 'core.looseCompression=1', 'add', '-A'], dir);
  await git(['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'Vendor node_modules'], dir);
  log(`packages: committed ${files} files, ${(bytes / 1e6).toFixed(0)} MB; packing`);
  // Without a delta search, which would take minutes here and find little: every file differs.
  await git(['repack', '-a', '-d', '-q', '--window=0'], dir);
  await git(['prune-packed'], dir);

  // The work tree a developer has: edits, a new file, a deleted one, ignored build output.
  for (const p of paths.slice(100, 120)) {
    const more = `${t.code('js', 800).join('\n')}\n`;
    appendFileSync(join(dir, p), more);
    bytes += Buffer.byteLength(more);
  }
  const edited = paths[200];
  key = keys.openaiLegacy();
  appendFileSync(join(dir, edited), `const legacyKey = "${key}";\n`);
  plants.push(plant(key, { path: edited, line: lineCount.get(edited) + 1, id: 'legacy-modified', kind: 'openai legacy, in a modified file' }));
  bytes -= lineBytes.get(paths[300]);
  files--;
  rmSync(join(dir, paths[300]));
  key = keys.openaiProject('svcacct');
  const notes = t.code('js', 2000);
  write('src/untracked-notes.js', [...notes, `export const key = "${key}";`]);
  plants.push(plant(key, { path: 'src/untracked-notes.js', line: notes.length + 1, id: 'svcacct-untracked', kind: 'openai service account, untracked file' }));
  writeFileSync(join(dir, '.gitignore'), 'build/\n');
  mkdirSync(join(dir, 'build'));
  writeFileSync(join(dir, 'build', 'out.js'), 'module.exports = {};\n');
  log(`packages: ${files} files, ${(bytes / 1e6).toFixed(0)} MB, ${plants.length} planted keys`);
  return { bytes, files, plants };
}
