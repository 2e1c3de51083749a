// Real-world-looking file contents, drawn from a seeded Rng: code in several languages, configs,
// lock files full of base64 integrity hashes, minified bundles with megabyte lines, source maps,
// prose, and binaries. Each generator returns the file's lines (or bytes) so a caller can plant a
// key at a known line. None of the vocabulary names a provider, so a planted key's context is
// exactly what the plant wrote.

const WORDS = (
  'user account order item cart price total count index value key name label title status state ' +
  'event handler request response client server cache store queue task job worker batch stream ' +
  'buffer chunk record row column table schema query filter sort page limit offset cursor token ' +
  'session auth role policy rule config option setting flag feature module plugin service route ' +
  'path file dir node tree graph edge link ref parent child list map set entry field type kind ' +
  'error warning message log metric trace span timer retry backoff deadline timeout signal lock ' +
  'mutex channel pool conn socket port host address domain region zone cluster shard replica ' +
  'leader follower snapshot commit branch merge diff patch version release build deploy image ' +
  'asset bundle style theme color font icon layout view model controller form input output ' +
  'payload header body content format encoder decoder parser lexer scanner reader writer ' +
  'invoice payment customer product catalog inventory shipment address email phone profile ' +
  'report chart widget panel modal dialog button menu tab grid card avatar badge tooltip ' +
  'disk mask risk desk ask'
).split(' ');
const PROSE = (
  'the a an of to in for on with by from that this it is are was be can will should must may ' +
  'when if then else because so but not all each every some any new old first last next ' +
  'returns creates updates deletes reads writes loads saves checks validates handles sends ' +
  'receives builds runs starts stops waits retries fails succeeds uses keeps makes gets sets'
).split(' ');
const INTL = ['café', 'naïve', 'Überblick', 'façade', 'größe', '日本語', 'документация', 'résumé', 'niño', '設定'];
const PKGS = (
  'react lodash express axios chalk debug commander yargs semver glob minimatch uuid dotenv ' +
  'webpack babel-core typescript eslint prettier jest vitest rollup esbuild postcss tailwindcss ' +
  'zod ajv ws undici pino winston dayjs moment rxjs immer redux classnames clsx tslib ' +
  'fast-glob micromatch picomatch braces fill-range to-regex-range is-number kind-of ms ' +
  'supports-color has-flag ansi-styles color-convert color-name escape-string-regexp'
).split(' ');

const cap = (s) => s[0].toUpperCase() + s.slice(1);

export class Text {
  /** @param {import('./keygen.js').Rng} rng */
  constructor(rng) {
    this.r = rng;
  }

  word() {
    return this.r.skewed(WORDS, 2);
  }
  camel() {
    const r = this.r;
    return r.chance(0.4) ? this.word() : this.word() + cap(this.word());
  }
  pascal() {
    return cap(this.word()) + cap(this.word());
  }
  snake() {
    return this.r.chance(0.4) ? this.word() : `${this.word()}_${this.word()}`;
  }
  upper() {
    return this.snake().toUpperCase();
  }
  kebab() {
    return `${this.word()}-${this.word()}`;
  }
  words(lo, hi) {
    const n = this.r.int(lo, hi);
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.r.chance(0.5) ? this.r.pick(PROSE) : this.word());
    return out.join(' ');
  }
  sentence() {
    return cap(this.words(4, 12));
  }
  num() {
    return this.r.chance(0.7) ? this.r.int(0, 100) : this.r.int(100, 100000);
  }
  semver() {
    return `${this.r.int(0, 12)}.${this.r.int(0, 30)}.${this.r.int(0, 20)}`;
  }
  hex(n) {
    return this.r.chars('hex', n);
  }
  b64(bytes) {
    return this.r.bytes(bytes).toString('base64');
  }
  uuid() {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  url() {
    return `https://${this.word()}.example.${this.r.pick(['com', 'org', 'io', 'dev'])}/${this.word()}/${this.kebab()}`;
  }

  /** A source file in `lang` of about `size` bytes, as lines. */
  code(lang, size) {
    const g = LANGS[lang];
    if (!g) throw new Error(`no generator for ${lang}`);
    const lines = g.header(this);
    let bytes = 0;
    while (bytes < size) {
      const block = g.block(this);
      for (const l of block) bytes += l.length + 1;
      lines.push(...block, '');
    }
    return lines;
  }

  /** One block of statements in `lang`: what a commit adds to a source file. */
  block(lang) {
    return LANGS[lang].block(this);
  }

  markdown(size) {
    const lines = [`# ${this.pascal()} ${this.word()}`, ''];
    let bytes = 0;
    while (bytes < size) {
      const kind = this.r.next();
      let block;
      if (kind < 0.15) block = [`## ${cap(this.words(2, 5))}`];
      else if (kind < 0.55) block = wrap(`${this.sentence()}. ${this.r.chance(0.2) ? this.r.pick(INTL) : ''} ${this.sentence()}. See [${this.words(1, 3)}](${this.url()}).`, 80);
      else if (kind < 0.75) block = Array.from({ length: this.r.int(2, 6) }, () => `- ${this.sentence()}`);
      else if (kind < 0.9) block = ['```ts', ...LANGS.ts.block(this), '```'];
      else {
        const cols = [this.word(), this.word(), this.word()];
        block = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
        for (let i = this.r.int(2, 8); i > 0; i--) block.push(`| ${this.camel()} | ${this.num()} | ${this.words(2, 5)} |`);
      }
      for (const l of block) bytes += l.length + 1;
      lines.push(...block, '');
    }
    return lines;
  }

  /** A pretty-printed JSON config or data file. */
  json(size) {
    if (size < 4000) return JSON.stringify(this.object(3), null, 2).split('\n');
    const records = [];
    let bytes = 0;
    while (bytes < size) {
      const rec = {
        id: this.r.int(1, 1e7),
        uuid: this.uuid(),
        name: `${this.pascal()} ${this.word()}`,
        email: `${this.word()}.${this.word()}@example.com`,
        createdAt: new Date(1.5e12 + this.r.int(0, 2e11)).toISOString(),
        tags: [this.word(), this.word()],
        score: Math.round(this.r.next() * 1e4) / 100,
        active: this.r.chance(0.8),
      };
      bytes += 260;
      records.push(rec);
    }
    return JSON.stringify({ version: 2, generatedAt: '2024-05-01T00:00:00.000Z', records }, null, 2).split('\n');
  }

  object(depth) {
    const o = {};
    for (let i = this.r.int(3, 9); i > 0; i--) {
      const k = this.camel();
      const t = this.r.next();
      if (depth > 0 && t < 0.25) o[k] = this.object(depth - 1);
      else if (t < 0.45) o[k] = this.r.chance(0.5) ? this.url() : this.words(1, 4);
      else if (t < 0.65) o[k] = this.num();
      else if (t < 0.8) o[k] = this.r.chance(0.5);
      else o[k] = [this.word(), this.word(), this.word()];
    }
    return o;
  }

  /** package-lock.json v3: thousands of sha512 integrity hashes, the classic base64 false positive. */
  packageLock(size) {
    const lines = ['{', `  "name": "${this.kebab()}",`, `  "version": "${this.semver()}",`, '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {'];
    let bytes = 0;
    let first = true;
    while (bytes < size) {
      const name = this.r.chance(0.3) ? `@${this.word()}/${this.r.pick(PKGS)}` : `${this.r.pick(PKGS)}${this.r.chance(0.5) ? '' : `-${this.word()}`}`;
      const v = this.semver();
      const entry = [
        `    "node_modules/${name}": {`,
        `      "version": "${v}",`,
        `      "resolved": "https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${v}.tgz",`,
        `      "integrity": "sha512-${this.b64(64)}",`,
      ];
      if (this.r.chance(0.5)) entry.push('      "dev": true,');
      if (this.r.chance(0.4)) {
        entry.push('      "dependencies": {');
        const n = this.r.int(1, 4);
        for (let i = 0; i < n; i++) entry.push(`        "${this.r.pick(PKGS)}": "^${this.semver()}"${i < n - 1 ? ',' : ''}`);
        entry.push('      },');
      }
      entry.push(`      "license": "${this.r.pick(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'])}"`);
      entry.push('    }');
      if (!first) lines[lines.length - 1] += ',';
      first = false;
      for (const l of entry) bytes += l.length + 1;
      lines.push(...entry);
    }
    lines.push('  }', '}');
    return lines;
  }

  yarnLock(size) {
    const lines = ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', ''];
    let bytes = 0;
    while (bytes < size) {
      const name = this.r.pick(PKGS);
      const v = this.semver();
      const entry = [
        `"${name}@^${v}":`,
        `  version "${v}"`,
        `  resolved "https://registry.yarnpkg.com/${name}/-/${name}-${v}.tgz#${this.hex(40)}"`,
        `  integrity sha512-${this.b64(64)}`,
        '',
      ];
      for (const l of entry) bytes += l.length + 1;
      lines.push(...entry);
    }
    return lines;
  }

  cargoLock(size) {
    const lines = ['# This file is automatically @generated by Cargo.', 'version = 3', ''];
    let bytes = 0;
    while (bytes < size) {
      const entry = [
        '[[package]]',
        `name = "${this.word()}-${this.word()}"`,
        `version = "${this.semver()}"`,
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        `checksum = "${this.hex(64)}"`,
        '',
      ];
      for (const l of entry) bytes += l.length + 1;
      lines.push(...entry);
    }
    return lines;
  }

  goSum(size) {
    const lines = [];
    let bytes = 0;
    while (bytes < size) {
      const mod = `github.com/${this.word()}/${this.kebab()} v${this.semver()}`;
      const entry = [`${mod} h1:${this.b64(32)}`, `${mod}/go.mod h1:${this.b64(32)}`];
      for (const l of entry) bytes += l.length + 1;
      lines.push(...entry);
    }
    return lines;
  }

  /** A minified bundle: a licence line, then a few lines of hundreds of kilobytes each. */
  minified(size, lineSize) {
    const r = this.r;
    const lines = [`/*! ${this.r.pick(PKGS)} v${this.semver()} | (c) ${this.pascal()} | MIT License */`];
    let bytes = 0;
    while (bytes < size) {
      const parts = [];
      let len = 0;
      while (len < lineSize) {
        const a = r.chars('lower', 1);
        const b = r.chars('lower', 1);
        const t = r.next();
        let p;
        if (t < 0.3) p = `function ${a}${b}(${a},${b}){return ${a}.${this.camel()}(${b})||${r.int(0, 99)}}`;
        else if (t < 0.55) p = `var ${a}=${b}(${r.int(1, 9999)}),${b}=${a}(${r.int(1, 9999)})`;
        else if (t < 0.7) p = `${a}.exports={${this.camel()}:function(){return ${b}},${this.camel()}:"${this.words(1, 5)}"}`;
        else if (t < 0.8) p = `${a}.p+"static/js/"+${b}+"."+{${r.int(1, 999)}:"${this.hex(20)}",${r.int(1, 999)}:"${this.hex(20)}"}[${b}]+".chunk.js"`;
        else if (t < 0.98) p = `if(!${a}.${this.camel()})throw new Error("${this.sentence()}")`;
        else p = `${a}.src="data:image/png;base64,${this.b64(r.int(100, 3000))}"`;
        parts.push(p);
        len += p.length + 1;
      }
      const line = parts.join(';');
      bytes += line.length + 1;
      lines.push(line);
    }
    return lines;
  }

  /** A source map: one line, with a long base64-VLQ "mappings" string. */
  sourceMap(size) {
    const r = this.r;
    const sources = Array.from({ length: r.int(5, 40) }, () => `webpack://app/./src/${this.word()}/${this.camel()}.ts`);
    const content = sources.slice(0, 3).map(() => this.code('ts', 2000).join('\n'));
    const segs = [];
    let len = 0;
    while (len < size) {
      const s = r.chars('b64', r.int(4, 8)).replace(/[+/]/g, 'A');
      segs.push(s, r.chance(0.1) ? ';' : ',');
      len += s.length + 1;
    }
    return [JSON.stringify({ version: 3, file: 'main.js', sources, sourcesContent: content, names: WORDS.slice(0, 60), mappings: segs.join('') })];
  }

  css(size) {
    const lines = [];
    let bytes = 0;
    while (bytes < size) {
      const block = [`.${this.kebab()} .${this.word()}:${this.r.pick(['hover', 'focus', 'active', 'first-child'])} {`, `  color: #${this.hex(6)};`, `  margin: ${this.r.int(0, 32)}px ${this.r.int(0, 32)}px;`, `  font-family: ${this.r.pick(['Inter', 'Roboto', 'system-ui'])}, sans-serif;`];
      if (this.r.chance(0.05)) block.push(`  background: url(data:image/png;base64,${this.b64(this.r.int(200, 2000))});`);
      block.push('}');
      for (const l of block) bytes += l.length + 1;
      lines.push(...block);
    }
    return lines;
  }

  /** Kubernetes manifests; Secrets hold base64 values that decode to ordinary strings and bytes. */
  k8s(size) {
    const lines = [];
    let bytes = 0;
    while (bytes < size) {
      const name = this.kebab();
      const doc = this.r.chance(0.3)
        ? ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, 'type: Opaque', 'data:',
           `  DATABASE_URL: ${Buffer.from(`postgres://${this.word()}:${this.word()}@${this.word()}.internal:5432/${this.word()}`).toString('base64')}`,
           `  SESSION_SECRET: ${this.b64(32)}`, `  TLS_KEY: ${this.b64(this.r.int(200, 900))}`]
        : ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, `  labels: { app: ${name} }`, 'spec:',
           `  replicas: ${this.r.int(1, 6)}`, '  template:', '    spec:', '      containers:', `        - name: ${name}`,
           `          image: registry.example.com/${name}:${this.semver()}`, `          args: ["--${this.kebab()}", "${this.word()}"]`,
           '          env:', `            - name: ${this.upper()}`, `              value: "${this.words(1, 3)}"`];
      lines.push('---', ...doc);
      for (const l of doc) bytes += l.length + 1;
    }
    return lines;
  }

  workflow() {
    return ['name: ci', 'on: [push, pull_request]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:',
      '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with: { node-version: 20 }',
      '      - run: npm ci', `      - run: npm run ${this.word()}`, ''];
  }

  env() {
    const lines = [`# ${this.sentence()}`];
    for (let i = this.r.int(4, 15); i > 0; i--) {
      const t = this.r.next();
      lines.push(`${this.upper()}=${t < 0.3 ? this.url() : t < 0.6 ? this.num() : t < 0.8 ? 'changeme' : this.word()}`);
    }
    return lines;
  }

  shell(size) {
    const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
    let bytes = 0;
    while (bytes < size) {
      const t = this.r.next();
      const l = t < 0.25 ? `export ${this.upper()}="${this.word()}"`
        : t < 0.45 ? `curl -fsSL "${this.url()}" -o "/tmp/${this.word()}.tar.gz"`
        : t < 0.65 ? `if [[ -z "\${${this.upper()}:-}" ]]; then echo "${this.sentence()}" >&2; exit 1; fi`
        : t < 0.85 ? `${this.r.pick(['docker', 'kubectl', 'git', 'npm'])} ${this.word()} --${this.kebab()} "${this.word()}"`
        : `# ${this.sentence()}`;
      bytes += l.length + 1;
      lines.push(l);
    }
    return lines;
  }

  /** Random bytes after a real-looking header: NULs throughout, as in images, fonts and objects. */
  binary(size) {
    const header = Buffer.from(this.r.pick(['\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'wOF2\0\x01\0\0', '\x7fELF\x02\x01\x01\0\0\0\0\0', 'PK\x03\x04\x14\0\0\0']), 'latin1');
    return Buffer.concat([header, this.r.bytes(size)]);
  }

  /** Latin-1 text: not UTF-8, no NULs. */
  latin1(size) {
    const lines = [];
    let bytes = 0;
    while (bytes < size) {
      const l = `${this.sentence()} ${this.r.pick(['caf\xe9', 'na\xefve', 'gr\xf6\xdfe', 'se\xf1or', '\xa9 2021'])}`;
      bytes += l.length + 1;
      lines.push(l);
    }
    return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  }
}

function wrap(text, width) {
  const out = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    if (line && line.length + w.length + 1 > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

/** Per-language shapes: a header, then blocks of statements; enough variety to look like code. */
const LANGS = {
  ts: {
    header: (t) => [`import { ${t.camel()}, ${t.camel()} } from './${t.word()}/${t.camel()}.js';`, `import ${t.camel()} from '${t.r.pick(PKGS)}';`, ''],
    block: (t) => {
      const fn = t.camel();
      const a = t.camel();
      const out = [`/** ${t.sentence()}. */`, `export async function ${fn}(${a}: ${t.pascal()}, options: ${t.pascal()}Options = {}): Promise<${t.pascal()}> {`];
      for (let i = t.r.int(3, 14); i > 0; i--) out.push(`  ${tsStatement(t, a)}`);
      out.push(`  return ${a}.${t.camel()};`, '}');
      return out;
    },
  },
  js: {
    header: (t) => [`'use strict';`, `const ${t.camel()} = require('${t.r.pick(PKGS)}');`, ''],
    block: (t) => {
      const a = t.camel();
      const out = [`module.exports.${t.camel()} = function ${t.camel()}(${a}, callback) {`];
      for (let i = t.r.int(3, 12); i > 0; i--) out.push(`  ${tsStatement(t, a).replace(/: [\w[\]]+ =/, ' =')}`);
      out.push('};');
      return out;
    },
  },
  py: {
    header: (t) => ['from __future__ import annotations', '', `import ${t.word()}`, `from ${t.word()}.${t.word()} import ${t.pascal()}, ${t.snake()}`, ''],
    block: (t) => {
      const cls = t.pascal();
      const out = [`class ${cls}(${t.pascal()}):`, `    """${t.sentence()}."""`, ''];
      for (let m = t.r.int(1, 4); m > 0; m--) {
        const a = t.snake();
        out.push(`    def ${t.snake()}(self, ${a}: ${t.r.pick(['str', 'int', 'dict', 'list[str]', cls])}) -> ${t.r.pick(['None', 'bool', 'str', cls])}:`);
        for (let i = t.r.int(2, 9); i > 0; i--) {
          const s = t.r.next();
          if (s < 0.25) out.push(`        ${t.snake()} = self.${t.snake()}.${t.snake()}(${a}, ${t.snake()}=${t.num()})`);
          else if (s < 0.45) out.push(`        if not ${a}:`, `            raise ValueError("${t.sentence()}")`);
          else if (s < 0.6) out.push(`        logger.debug("${t.words(2, 6)} %s", ${a})`);
          else if (s < 0.75) out.push(`        # ${t.sentence()}`);
          else out.push(`        ${t.snake()} = [x.${t.snake()} for x in ${a} if x.${t.snake()}]`);
        }
        out.push(`        return ${a}`, '');
      }
      return out;
    },
  },
  go: {
    header: (t) => [`package ${t.word()}`, '', 'import (', '\t"context"', '\t"fmt"', `\t"github.com/${t.word()}/${t.kebab()}"`, ')', ''],
    block: (t) => {
      const recv = t.r.chars('lower', 1);
      const a = t.camel();
      const out = [`// ${t.pascal()} ${t.words(3, 10)}.`, `func (${recv} *${t.pascal()}) ${t.pascal()}(ctx context.Context, ${a} ${t.r.pick(['string', 'int64', '[]byte', `*${t.pascal()}`])}) (*${t.pascal()}, error) {`];
      for (let i = t.r.int(2, 8); i > 0; i--) {
        const s = t.r.next();
        if (s < 0.4) out.push(`\t${t.camel()}, err := ${recv}.${t.camel()}.${t.pascal()}(ctx, ${a})`, '\tif err != nil {', `\t\treturn nil, fmt.Errorf("${t.words(2, 5)}: %w", err)`, '\t}');
        else if (s < 0.7) out.push(`\t${recv}.${t.camel()} = append(${recv}.${t.camel()}, ${a})`);
        else out.push(`\t// ${t.sentence()}`);
      }
      out.push(`\treturn &${t.pascal()}{${t.pascal()}: ${a}}, nil`, '}');
      return out;
    },
  },
  rs: {
    header: (t) => [`use std::collections::HashMap;`, `use crate::${t.snake()}::${t.pascal()};`, ''],
    block: (t) => {
      const a = t.snake();
      const out = [`/// ${t.sentence()}.`, `pub fn ${t.snake()}(${a}: &${t.pascal()}, map: &mut HashMap<String, ${t.pascal()}>) -> Result<${t.pascal()}, Error> {`];
      for (let i = t.r.int(2, 10); i > 0; i--) {
        const s = t.r.next();
        if (s < 0.4) out.push(`    let ${t.snake()} = ${a}.${t.snake()}().map_err(|e| Error::${t.pascal()}(e))?;`);
        else if (s < 0.7) out.push(`    map.insert("${t.word()}".to_string(), ${a}.clone());`);
        else out.push(`    // ${t.sentence()}`);
      }
      out.push(`    Ok(${a}.clone())`, '}');
      return out;
    },
  },
  java: {
    header: (t) => [`package com.example.${t.word()};`, '', `import java.util.List;`, `import com.example.${t.word()}.${t.pascal()};`, ''],
    block: (t) => {
      const a = t.camel();
      const out = [`    /** ${t.sentence()}. */`, `    public ${t.pascal()} ${t.camel()}(${t.pascal()} ${a}) throws ${t.pascal()}Exception {`];
      for (let i = t.r.int(2, 10); i > 0; i--) {
        const s = t.r.next();
        if (s < 0.4) out.push(`        final var ${t.camel()} = this.${t.camel()}.${t.camel()}(${a});`);
        else if (s < 0.6) out.push(`        if (${a} == null) {`, `            throw new IllegalArgumentException("${t.sentence()}");`, '        }');
        else if (s < 0.8) out.push(`        LOG.info("${t.words(2, 6)} {}", ${a});`);
        else out.push(`        // ${t.sentence()}`);
      }
      out.push(`        return ${a};`, '    }');
      return out;
    },
  },
  c: {
    header: (t) => ['#include <stdio.h>', '#include <stdlib.h>', `#include "${t.snake()}.h"`, ''],
    block: (t) => {
      const a = t.snake();
      const out = [`/* ${t.sentence()}. */`, `static int ${t.snake()}(struct ${t.snake()} *${a}, size_t n)`, '{'];
      for (let i = t.r.int(2, 10); i > 0; i--) {
        const s = t.r.next();
        if (s < 0.4) out.push(`\tif (${a}->${t.snake()} == NULL)`, '\t\treturn -EINVAL;');
        else if (s < 0.7) out.push(`\t${a}->${t.snake()} = ${t.snake()}(${a}, n + ${t.r.int(1, 64)});`);
        else out.push(`\t/* ${t.sentence()} */`);
      }
      out.push('\treturn 0;', '}');
      return out;
    },
  },
};

function tsStatement(t, a) {
  const s = t.r.next();
  if (s < 0.2) return `const ${t.camel()}: ${t.pascal()} = await ${a}.${t.camel()}(${t.camel()}, ${t.num()});`;
  if (s < 0.35) return `if (!${a}.${t.camel()}) throw new Error('${t.sentence()}');`;
  if (s < 0.5) return `const ${t.camel()}: string[] = ${a}.${t.camel()}.map((x) => x.${t.camel()}).filter(Boolean);`;
  if (s < 0.6) return `// ${t.sentence()}`;
  if (s < 0.7) return `logger.info(\`${t.words(2, 5)} \${${a}.${t.camel()}}\`);`;
  if (s < 0.8) return `const url: string = \`${t.url()}/\${${a}.id}\`;`;
  if (s < 0.9) return `${a}.${t.camel()} = options.${t.camel()} ?? ${t.num()};`;
  return `const queue: string = '${t.r.pick(['task', 'disk', 'mask', 'risk'])}-${t.word()}';`;
}

export const CODE_LANGS = Object.keys(LANGS);
