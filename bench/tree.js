// The source-tree corpus: a monorepo-shaped directory of code, configs, lock files, bundles,
// prose and binaries, with keys planted at known paths, lines and offsets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KeyGen, Rng } from './keygen.js';
import { plant } from './plants.js';
import { CODE_LANGS, Text } from './text.js';

const KB = 1024;
const MB = 1024 * KB;

/**
 * Shares of the corpus by kind, close to what a mid-size product monorepo holds once its lock
 * files and built assets are committed.
 */
const MIX = [
  ['code', 0.42],
  ['locks', 0.16],
  ['bundles', 0.16],
  ['json', 0.08],
  ['markdown', 0.07],
  ['misc', 0.05],
  ['binary', 0.06],
];

export function buildTree(dir, { bytes: budget, seed }, log) {
  const r = new Rng(seed);
  const t = new Text(r);
  const paths = new Set();
  let total = 0;
  let files = 0;

  const write = (path, lines) => {
    const data = Buffer.isBuffer(lines) ? lines : `${lines.join('\n')}\n`;
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    paths.add(path);
    const n = Buffer.isBuffer(data) ? data.length : Buffer.byteLength(data);
    total += n;
    files++;
    return n;
  };
  // A path not yet taken; where a kind's names run out (one .env.example per service), the file
  // moves one directory down, as in a monorepo's examples/ or fixtures/.
  const fresh = (make) => {
    for (let tries = 0; ; tries++) {
      let p = make();
      if (tries > 20) p = `${dirname(p)}/${t.kebab()}/${basename(p)}`;
      if (!paths.has(p)) return p;
    }
  };

  const pkgs = Array.from({ length: 40 }, () => t.kebab());
  const svcs = Array.from({ length: 20 }, () => t.word());
  const apps = Array.from({ length: 6 }, () => t.word());
  const size = (lo, hi) => r.int(lo, hi) * r.int(1, 4);

  const makers = {
    code() {
      const lang = r.skewed(CODE_LANGS, 1.5);
      const path = fresh(() => {
        switch (lang) {
          case 'ts': return `packages/${r.pick(pkgs)}/${r.chance(0.8) ? 'src' : 'test'}/${t.word()}/${t.camel()}${r.chance(0.2) ? '.test' : ''}.ts`;
          case 'js': return `packages/${r.pick(pkgs)}/lib/${t.camel()}.js`;
          case 'py': return `services/${r.pick(svcs)}/app/${t.snake()}/${t.snake()}.py`;
          case 'go': return `services/${r.pick(svcs)}/internal/${t.word()}/${t.snake()}.go`;
          case 'rs': return `crates/${t.kebab()}/src/${t.snake()}.rs`;
          case 'java': return `services/${r.pick(svcs)}/src/main/java/com/example/${t.word()}/${t.pascal()}.java`;
          default: return `native/${t.word()}/src/${t.snake()}.c`;
        }
      });
      return write(path, t.code(lang, size(500, 8000)));
    },
    locks() {
      const k = r.next();
      if (k < 0.6) return write(fresh(() => `packages/${r.pick(pkgs)}/package-lock.json`), t.packageLock(size(100 * KB, 400 * KB)));
      if (k < 0.8) return write(fresh(() => `web/${r.pick(apps)}-${t.word()}/yarn.lock`), t.yarnLock(size(100 * KB, 300 * KB)));
      if (k < 0.9) return write(fresh(() => `crates/${t.kebab()}/Cargo.lock`), t.cargoLock(size(20 * KB, 100 * KB)));
      return write(fresh(() => `services/${r.pick(svcs)}/go.sum`), t.goSum(size(10 * KB, 60 * KB)));
    },
    bundles() {
      const base = fresh(() => `web/${r.pick(apps)}/dist/static/js/${t.word()}.${t.hex(8)}.min.js`);
      const n = write(base, t.minified(size(200 * KB, 700 * KB), r.int(30 * KB, 1 * MB)));
      return n + write(`${base}.map`, t.sourceMap(size(100 * KB, 500 * KB)));
    },
    json() {
      if (r.chance(0.85)) return write(fresh(() => `packages/${r.pick(pkgs)}/config/${t.word()}.json`), t.json(0));
      return write(fresh(() => `data/fixtures/${t.kebab()}.json`), t.json(size(50 * KB, 500 * KB)));
    },
    markdown() {
      return write(fresh(() => (r.chance(0.3) ? `packages/${r.pick(pkgs)}/README.md` : `docs/${t.word()}/${t.kebab()}.md`)), t.markdown(size(1 * KB, 10 * KB)));
    },
    misc() {
      const k = r.next();
      if (k < 0.3) return write(fresh(() => `web/${r.pick(apps)}/src/styles/${t.kebab()}.css`), t.css(size(2 * KB, 20 * KB)));
      if (k < 0.55) return write(fresh(() => `deploy/k8s/${r.pick(['dev', 'staging', 'prod'])}/${t.kebab()}.yaml`), t.k8s(size(1 * KB, 8 * KB)));
      if (k < 0.75) return write(fresh(() => `scripts/${t.kebab()}.sh`), t.shell(size(500, 4 * KB)));
      if (k < 0.85) return write(fresh(() => `services/${r.pick(svcs)}/.env.example`), t.env());
      if (k < 0.92) return write(fresh(() => `.github/workflows/${t.word()}.yml`), t.workflow());
      return write(fresh(() => `legacy/${t.word()}/${t.kebab()} notes.txt`), t.latin1(size(1 * KB, 20 * KB)));
    },
    binary() {
      const k = r.next();
      const path = fresh(() =>
        k < 0.5 ? `web/${r.pick(apps)}/public/img/${t.kebab()}.png`
          : k < 0.8 ? `web/${r.pick(apps)}/public/fonts/${t.word()}.woff2`
          : `native/build/lib${t.word()}.so`,
      );
      return write(path, t.binary(size(4 * KB, 400 * KB)));
    },
  };

  let reported = 0;
  for (const [kind, share] of MIX) {
    let made = 0;
    while (made < share * budget) {
      made += makers[kind]();
      if (total - reported > 20 * MB) {
        reported = total;
        log(`tree: ${(total / 1e6).toFixed(0)} MB, ${files} files`);
      }
    }
  }

  const plants = plantKeys(t, new KeyGen(seed + 1), write, (p) => paths.has(p));
  log(`tree: ${(total / 1e6).toFixed(0)} MB, ${files} files, ${plants.length} planted keys`);
  return { bytes: total, files, plants };
}

/** Writes one file per planted key, each in a setting where such keys really turn up. */
function plantKeys(t, keys, write, exists) {
  const plants = [];
  const at = (lines, index, line) => {
    lines.splice(index, 0, line);
    return index + 1;
  };
  const place = (path, make) => {
    if (exists(path)) throw new Error(`plant path ${path} collides with a generated file`);
    make(path);
  };

  place('services/billing/.env', (path) => {
    const key = keys.openaiLegacy();
    const lines = t.env();
    const line = at(lines, 2, `OPENAI_API_KEY=${key}`);
    write(path, lines);
    plants.push(plant(key, { id: 'legacy-dotenv', kind: 'openai legacy', path, line }));
  });
  place('services/assistant/app/settings.py', (path) => {
    const key = keys.openaiProject('proj');
    const lines = t.code('py', 6000);
    const line = at(lines, 40, `OPENAI_API_KEY = "${key}"`);
    write(path, lines);
    plants.push(plant(key, { id: 'proj-python', kind: 'openai project', path, line }));
  });
  place('packages/llm-client/src/client.ts', (path) => {
    const key = keys.openaiProject('svcacct');
    const lines = t.code('ts', 4000);
    const line = at(lines, 25, `const apiKey: string = process.env.OPENAI_KEY ?? '${key}';`);
    write(path, lines);
    plants.push(plant(key, { id: 'svcacct-ts', kind: 'openai service account', path, line }));
  });
  place('config/openai-admin.json', (path) => {
    const key = keys.openaiProject('admin');
    const lines = t.json(0);
    const line = at(lines, 1, `  "openaiAdminKey": "${key}",`);
    write(path, lines);
    plants.push(plant(key, { id: 'admin-json', kind: 'openai admin', path, line }));
  });
  place('services/chat/internal/llm/provider.go', (path) => {
    const key = keys.deepseek();
    const lines = t.code('go', 5000);
    const line = at(lines, 30, `const deepseekAPIKey = "${key}"`);
    write(path, lines);
    plants.push(plant(key, { id: 'deepseek-context', kind: 'deepseek, name on the line', path, line }));
  });
  place('tools/scripts/fetch_data.py', (path) => {
    const key = keys.deepseek();
    const lines = t.code('py', 3000);
    const line = at(lines, 12, `token = "${key}"`);
    write(path, lines);
    plants.push(plant(key, { id: 'deepseek-bare', kind: 'deepseek, no context', path, line, expect: 'may' }));
  });
  place('docs/guides/quickstart.md', (path) => {
    const key = keys.deepseek();
    const lines = t.markdown(4000);
    lines.splice(8, 0, '```sh', `export DEEPSEEK_API_KEY=${key}`, '```');
    write(path, lines);
    plants.push(plant(key, { id: 'deepseek-markdown', kind: 'deepseek, env in markdown', path, line: 10 }));
  });
  place('deploy/k8s/prod/assistant-secret.yaml', (path) => {
    const key = keys.openaiProject('proj');
    const lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: assistant', 'type: Opaque', 'data:',
      `  DATABASE_URL: ${Buffer.from('postgres://app:app@db.internal:5432/app').toString('base64')}`];
    const line = at(lines, lines.length, `  OPENAI_API_KEY: ${Buffer.from(key).toString('base64')}`);
    write(path, [...lines, ...t.k8s(3000)]);
    plants.push(plant(key, { id: 'proj-k8s-base64', kind: 'openai project, base64 in a k8s Secret', path, line, encoding: 'base64', plain: false }));
  });
  place('web/console/dist/static/js/main.4f9c2e1a.min.js', (path) => {
    const key = keys.openaiProject('proj');
    const lines = t.minified(900 * KB, 800 * KB);
    const long = lines[1];
    const cut = long.indexOf(';', long.length >> 1) + 1;
    const inserted = `var k="${key}";`;
    lines[1] = long.slice(0, cut) + inserted + long.slice(cut);
    const offset = Buffer.byteLength(lines[0]) + 1 + cut + 'var k="'.length;
    write(path, lines);
    plants.push(plant(key, { id: 'proj-minified', kind: `openai project, column ${cut + 7} of a ${(lines[1].length / 1e3).toFixed(0)} KB line`, path, line: 2, offset }));
  });
  place('assets/models/embeddings.bin', (path) => {
    const key = keys.openaiLegacy();
    const data = t.binary(300 * KB);
    const offset = 150_001;
    data.write(`\0${key}\0`, offset - 1, 'latin1');
    write(path, data);
    plants.push(plant(key, { id: 'legacy-binary', kind: 'openai legacy, inside a binary', path, offset, binary: true }));
  });
  return plants;
}
