// The history corpus: tens of thousands of commits of edits, additions, renames, deletions and lock
// file churn, written as one `git fast-import` stream (a commit per `git commit` call would take
// hours), with keys planted in a few commits and some of them deleted again later.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitEnv } from './git.js';
import { KeyGen, Rng } from './keygen.js';
import { plant } from './plants.js';
import { CODE_LANGS, Text } from './text.js';

const FIRST = ['Alice', 'Bo', 'Chen', 'Dana', 'Emeka', 'Farah', 'Gus', 'Hana', 'Ivan', 'José', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Priya', 'Zoë'];
const LAST = ['Martin', 'Nguyen', 'Okafor', 'Müller', 'Silva', 'Kowalski', 'Tanaka', 'Haddad', 'Smith', 'Álvarez', 'Berg'];
const ZONES = ['+0000', '+0100', '+0200', '-0500', '-0800', '+0530', '+0900'];

/** A commit that plants or removes a key; `at` is its position as a fraction of the history. */
const SCHEDULE = [
  [0.05, 'addDotenv'],
  [0.06, 'deleteDotenv'],
  [0.25, 'addProjToPython'],
  [0.45, 'addDeepseekTs'],
  [0.55, 'renameDeepseekTs'],
  [0.6, 'keyInMessage'],
  [0.7, 'dropDeepseekLine'],
  [0.8, 'addSecretYaml'],
  [0.85, 'addBareDeepseek'],
  [0.9, 'replaceSecretYaml'],
  [0.95, 'copyProjKey'],
];

export async function buildHistory(dir, { commits, files: initialFiles, seed }, log) {
  const r = new Rng(seed);
  const t = new Text(r);
  const keys = new KeyGen(seed + 1);
  mkdirSync(dir, { recursive: true });
  await git(['init', '-q', '-b', 'main'], dir);
  const marks = join(dir, '.git', 'bench-marks');
  const fi = spawn('git', ['fast-import', '--quiet', `--export-marks=${marks}`], {
    cwd: dir,
    env: gitEnv,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const failed = once(fi, 'exit');
  const out = fi.stdin;
  const send = async (s) => {
    if (!out.write(s)) await Promise.race([once(out, 'drain'), failed]);
  };

  const files = [];
  const index = new Map();
  const pinned = new Set();
  const modules = Array.from({ length: Math.max(20, initialFiles >> 4) }, () =>
    `${r.pick(['packages', 'services', 'libs', 'apps'])}/${t.kebab()}/${r.pick(['src', 'lib', 'internal', 'test', 'docs'])}`,
  );
  const authors = Array.from({ length: 25 }, () => ({
    name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
    zone: r.pick(ZONES),
  })).map((a) => ({ ...a, email: `${a.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com` }));

  const newFile = (path, kind, lines) => {
    const f = { path, kind, lines };
    index.set(path, files.length);
    files.push(f);
    return f;
  };
  const dropFile = (f) => {
    const i = index.get(f.path);
    const last = files.pop();
    if (last !== f) {
      files[i] = last;
      index.set(last.path, i);
    }
    index.delete(f.path);
  };
  const freshPath = (kind) => {
    for (;;) {
      const ext = kind === 'md' ? 'md' : kind === 'yaml' ? 'yaml' : kind === 'json' ? 'json' : kind;
      const name = kind === 'md' && r.chance(0.05) ? `${t.pascal()} Guide` : kind === 'java' ? t.pascal() : t.snake();
      const p = `${r.pick(modules)}/${r.chance(0.5) ? `${t.word()}/` : ''}${name}.${ext}`;
      if (!index.has(p)) return p;
    }
  };
  const kindOf = () => {
    const k = r.next();
    return k < 0.75 ? r.skewed(CODE_LANGS, 1.5) : k < 0.87 ? 'md' : k < 0.95 ? 'json' : 'yaml';
  };
  const content = (kind, size) =>
    kind === 'md' ? t.markdown(size) : kind === 'json' ? t.json(0) : kind === 'yaml' ? t.k8s(size) : t.code(kind, size);
  const fresh = (kind) => newFile(freshPath(kind), kind, content(kind, r.int(300, 3000) * r.int(1, 4)));
  const snippet = (kind) => {
    if (kind === 'md') return t.markdown(200);
    if (kind === 'json') return [`  "${t.camel()}": ${JSON.stringify(t.words(1, 3))},`];
    if (kind === 'yaml') return t.k8s(100);
    const block = t.block(kind);
    return block.slice(0, r.int(1, block.length));
  };
  const edit = (f) => {
    if (f.kind === 'lock') {
      for (let n = r.int(5, 30); n > 0; n--) {
        const i = r.int(0, f.lines.length - 1);
        if (f.lines[i].includes('"integrity"')) f.lines[i] = `      "integrity": "sha512-${t.b64(64)}",`;
        else if (f.lines[i].includes('"version"')) f.lines[i] = `      "version": "${t.semver()}",`;
      }
      return;
    }
    for (let h = r.int(1, 3); h > 0; h--) {
      const at = r.int(0, f.lines.length);
      // Files hover around 100-250 lines, as most source files do, instead of growing forever.
      const del = f.lines.length > 200 ? r.int(2, 12) : r.chance(0.6) ? r.int(0, 4) : 0;
      f.lines.splice(at, del, ...(f.lines.length > 250 ? [] : snippet(f.kind)));
    }
  };
  const pickFile = (skew = 2) => {
    for (;;) {
      const f = r.skewed(files, skew);
      if (!pinned.has(f.path) && f.kind !== 'lock') return f;
    }
  };

  // Commands of the commit being built.
  let cmds = [];
  const put = (f) => {
    const data = `${f.lines.join('\n')}\n`;
    cmds.push(`M 100644 inline ${quote(f.path)}\ndata ${Buffer.byteLength(data)}\n${data}\n`);
  };
  const del = (f) => {
    cmds.push(`D ${quote(f.path)}\n`);
    dropFile(f);
  };
  const rename = (f, to) => {
    cmds.push(`R ${quote(f.path)} ${quote(to)}\n`);
    dropFile(f);
    f.path = to;
    index.set(to, files.length);
    files.push(f);
  };

  // The planted keys' own commits: each returns the commit message and records its plant.
  const plants = [];
  const state = {};
  let commitNo = 0;
  const record = (key, fields) => plants.push(plant(key, { mark: commitNo, ...fields }));
  const insert = (f, at, line) => {
    f.lines.splice(at, 0, line);
    put(f);
    return at + 1;
  };
  const steps = {
    addDotenv() {
      const f = newFile('services/billing/.env.local', 'env', t.env());
      pinned.add(f.path);
      const key = keys.openaiLegacy();
      record(key, { id: 'legacy-dotenv-deleted', kind: 'openai legacy, file deleted later', path: f.path, line: insert(f, 1, `OPENAI_API_KEY=${key}`) });
      state.dotenv = f;
      return 'Add local env for billing';
    },
    deleteDotenv() {
      del(state.dotenv);
      return 'Remove .env.local, it should never have been committed';
    },
    addProjToPython() {
      const f = files.find((x) => x.kind === 'py' && !pinned.has(x.path) && x.lines.length > 20);
      pinned.add(f.path);
      const key = keys.openaiProject('proj');
      state.proj = key;
      record(key, { id: 'proj-python', kind: 'openai project, stays at HEAD', path: f.path, line: insert(f, 10, `client = OpenAI(api_key="${key}")`) });
      return `Wire the assistant client in ${f.path.split('/').pop()}`;
    },
    addDeepseekTs() {
      const f = newFile('services/chat/config/llm.ts', 'ts', t.code('ts', 2000));
      pinned.add(f.path);
      const key = keys.deepseek();
      state.ds = { f, line: 5 };
      record(key, { id: 'deepseek-renamed', kind: 'deepseek, file renamed then line removed', path: f.path, line: insert(f, 4, `export const DEEPSEEK_API_KEY = '${key}';`) });
      return 'chat: add model provider config';
    },
    renameDeepseekTs() {
      rename(state.ds.f, 'services/chat/src/providers/llm-config.ts');
      pinned.add(state.ds.f.path);
      return 'chat: move provider config under src';
    },
    keyInMessage() {
      const key = keys.openaiProject('svcacct');
      record(key, { id: 'svcacct-message', kind: 'openai service account, in a commit message', path: '<commit message>' });
      const f = pickFile();
      edit(f);
      put(f);
      return `Rotate the CI credentials\n\nThe old key ${key} was revoked today.`;
    },
    dropDeepseekLine() {
      const f = state.ds.f;
      f.lines.splice(state.ds.line - 1, 1);
      put(f);
      return 'chat: read provider key from the environment';
    },
    addSecretYaml() {
      const f = newFile('deploy/k8s/prod/assistant-secret.yaml', 'yaml', ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: assistant', 'type: Opaque', 'data:']);
      pinned.add(f.path);
      const key = keys.openaiProject('admin');
      state.yaml = f;
      record(key, { id: 'admin-k8s-base64', kind: 'openai admin, base64 in a k8s Secret, replaced later', path: f.path, encoding: 'base64', plain: false, line: insert(f, 6, `  OPENAI_ADMIN_KEY: ${Buffer.from(key).toString('base64')}`) });
      return 'deploy: assistant secret for prod';
    },
    addBareDeepseek() {
      const f = newFile('tools/fixtures/tokens.json', 'json', ['{', '  "service": "export",', '  "retries": 3', '}']);
      pinned.add(f.path);
      const key = keys.deepseek();
      record(key, { id: 'deepseek-bare', kind: 'deepseek, no context', path: f.path, expect: 'may', line: insert(f, 1, `  "token": "${key}",`) });
      return 'Add export fixture';
    },
    replaceSecretYaml() {
      const f = state.yaml;
      f.lines[6] = `  OPENAI_ADMIN_KEY: ${t.b64(60)}`;
      put(f);
      return 'deploy: move the assistant secret to the vault';
    },
    copyProjKey() {
      // The same key again, later and elsewhere: reported once, at its first commit.
      const f = newFile('notebooks/demo.py', 'py', t.code('py', 1500));
      pinned.add(f.path);
      insert(f, 3, `client = OpenAI(api_key="${state.proj}")`);
      return 'Add a demo notebook';
    },
  };
  const schedule = new Map(SCHEDULE.map(([at, step]) => [Math.max(2, Math.round(at * commits)), step]));

  const message = () => {
    const m = r.next();
    const mod = r.pick(modules).split('/')[1];
    const subject =
      m < 0.3 ? `Fix ${t.words(2, 5)} in ${mod}`
        : m < 0.5 ? `Add ${t.kebab()} support`
        : m < 0.65 ? `Refactor ${t.pascal()}`
        : m < 0.75 ? `Bump ${t.kebab()} from ${t.semver()} to ${t.semver()}`
        : `${mod}: ${t.words(3, 8)}`;
    return r.chance(0.2) ? `${subject}\n\n${t.sentence()}. ${t.sentence()}.` : subject;
  };

  let time = Date.UTC(2019, 0, 1) / 1000;
  let blobBytes = 0;
  for (commitNo = 1; commitNo <= commits; commitNo++) {
    cmds = [];
    let msg;
    if (commitNo === 1) {
      for (let i = 0; i < initialFiles; i++) put(fresh(kindOf()));
      put(newFile('package-lock.json', 'lock', t.packageLock(initialFiles * 60)));
      put(newFile('web/app/package-lock.json', 'lock', t.packageLock(initialFiles * 30)));
      msg = 'Initial import';
    } else if (schedule.has(commitNo)) {
      msg = steps[schedule.get(commitNo)]();
    } else {
      msg = message();
      const op = r.next();
      if (op < 0.82) {
        const touched = new Set();
        for (let n = r.int(1, 4); n > 0; n--) touched.add(pickFile());
        for (const f of touched) {
          edit(f);
          put(f);
        }
      } else if (op < 0.87) {
        for (let n = r.int(1, 2); n > 0; n--) put(fresh(kindOf()));
      } else if (op < 0.91) {
        del(pickFile(1));
      } else if (op < 0.95) {
        const f = pickFile(1);
        rename(f, freshPath(f.kind));
        if (r.chance(0.5)) {
          edit(f);
          put(f);
        }
      } else if (op < 0.975) {
        const lock = files[index.get(r.chance(0.7) ? 'package-lock.json' : 'web/app/package-lock.json')];
        edit(lock);
        put(lock);
        msg = `Bump ${t.kebab()} from ${t.semver()} to ${t.semver()}`;
      } else if (op < 0.99) {
        const touched = new Set();
        for (let n = r.int(10, 40); n > 0; n--) touched.add(pickFile(1));
        for (const f of touched) {
          edit(f);
          put(f);
        }
        msg = `Apply formatter to ${touched.size} files`;
      } else {
        for (let n = r.int(5, 15); n > 0; n--) put(fresh(kindOf()));
      }
    }
    time += r.int(60, 7200);
    const a = r.skewed(authors, 2);
    const ident = `${a.name} <${a.email}> ${time} ${a.zone}`;
    const body = cmds.join('');
    blobBytes += body.length;
    await send(`commit refs/heads/main\nmark :${commitNo}\nauthor ${ident}\ncommitter ${ident}\ndata ${Buffer.byteLength(msg)}\n${msg}\n${body}\n`);
    if (commitNo % 2000 === 0) log(`history: ${commitNo}/${commits} commits, ${files.length} files, ${(blobBytes / 1e6).toFixed(0)} MB of blobs`);
  }
  out.end();
  const [code] = await failed;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);

  const sha = new Map(
    readFileSync(marks, 'utf8').trim().split('\n').map((l) => {
      const [m, s] = l.split(' ');
      return [Number(m.slice(1)), s];
    }),
  );
  rmSync(marks);
  for (const p of plants) {
    p.commit = sha.get(p.mark);
    delete p.mark;
  }
  await git(['reset', '-q', '--hard'], dir);
  log('history: repacking (deltas as a real clone has them)');
  await git(['repack', '-a', '-d', '-f', '-q', '--window=10', '--depth=50'], dir);
  await git(['prune-packed'], dir);
  log(`history: ${commits} commits, ${files.length} files at HEAD, ${plants.length} planted keys`);
  return { commits, filesAtHead: files.length, plants };
}

/** fast-import's C-style quoting: the only form that keeps spaces and quotes in paths intact. */
function quote(path) {
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
