import { rmSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDetector, loadRules } from '../../src/detect/index.js';
import { createContext } from '../../src/sources/context.js';
import { UserError } from '../../src/errors.js';
import { stagedSource } from '../../src/sources/staged.js';
import type { Chunk } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, gitEnv, tempDir } from '../support/repo.js';

beforeAll(() => {
  // The source runs git with this process's environment: keep the developer's config out.
  Object.assign(process.env, gitEnv);
});

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}

async function scan(r: TempRepo, files?: string[]) {
  const ctx = createContext();
  const chunks: Chunk[] = [];
  for await (const c of stagedSource(ctx, { cwd: r.dir, ...(files && { files }) })) chunks.push(c);
  return { ctx, chunks };
}

interface Hit {
  path: string;
  line: number;
  offset?: number;
  binary?: boolean;
}

/** A stand-in detector: where the key is on a reportable (added) line, by the chunk's own reckoning. */
function found(chunks: Chunk[], key: string): Hit[] {
  const hits = new Map<string, Hit>();
  for (const c of chunks) {
    for (let i = c.data.indexOf(key); i !== -1; i = c.data.indexOf(key, i + 1)) {
      const line = c.line + c.data.subarray(0, i).toString('latin1').split('\n').length - 1;
      if (c.added && !c.added.has(line)) continue;
      const hit: Hit = c.binary ? { path: c.path, line, offset: c.offset + i, binary: true } : { path: c.path, line };
      hits.set(`${c.path}:${line}:${c.offset + i}`, hit);
    }
  }
  return [...hits.values()];
}

const keys = new KeyGen(11);

describe('stagedSource', () => {
  it('scans the index of a repository with no commit yet', async () => {
    const r = repo();
    const key = keys.openaiProject();
    r.write('config.env', `NAME=demo\nOPENAI_API_KEY=${key}\n`).git('add', '.');
    const { chunks, ctx } = await scan(r);
    expect(found(chunks, key)).toEqual([{ path: 'config.env', line: 2 }]);
    expect(ctx.stats.files).toBe(1);
    expect(ctx.stats.bytes).toBeGreaterThan(key.length);
  });

  it('gives line numbers in the staged version, with context lines around the added one', async () => {
    const r = repo();
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    r.commit('base', { 'app.py': before.join('\n') + '\n' });
    const key = keys.deepseek();
    const after = [...before.slice(0, 12), '# DEEPSEEK', `key = "${key}"`, ...before.slice(12)];
    r.write('app.py', after.join('\n') + '\n').git('add', '.');
    const { chunks } = await scan(r);
    expect(found(chunks, key)).toEqual([{ path: 'app.py', line: 14 }]);
    const chunk = chunks.find((c) => c.data.includes(key))!;
    expect(chunk.data.toString()).toContain('line 12\n# DEEPSEEK\n');
    expect([...chunk.added!]).toEqual([13, 14]);
  });

  it('judges a partly staged file by the index, not the working tree', async () => {
    const r = repo();
    r.commit('base', { 'a.env': 'A=1\n', 'b.env': 'B=1\n' });
    const staged = keys.openaiLegacy();
    const unstaged = keys.openaiLegacy();
    r.write('a.env', `A=1\nKEY=${staged}\n`).git('add', 'a.env');
    r.write('a.env', 'A=1\n'); // removed in the working tree only: still going into the commit
    r.write('b.env', 'B=2\n').git('add', 'b.env');
    r.write('b.env', `B=2\nKEY=${unstaged}\n`); // in the working tree only: not going into the commit
    const { chunks } = await scan(r);
    expect(found(chunks, staged)).toEqual([{ path: 'a.env', line: 2 }]);
    expect(found(chunks, unstaged)).toEqual([]);
  });

  it('reports nothing for a pure rename and only the new lines of a renamed, edited file', async () => {
    const r = repo();
    const old1 = keys.openaiProject();
    const old2 = keys.openaiProject();
    const fresh = keys.openaiProject();
    const options = Array.from({ length: 30 }, (_, i) => `opt${i}=${i}\n`).join('');
    const body = (k: string) => `# settings\n${options}KEY=${k}\n`;
    r.commit('base', { 'one.env': body(old1), 'two.env': body(old2) });
    r.git('mv', 'one.env', 'renamed.env');
    r.git('mv', 'two.env', 'moved.env');
    r.write('moved.env', body(old2) + `NEW=${fresh}\n`).git('add', '.');
    // Settings that would change what git prints must not change what is scanned.
    for (const [k, v] of Object.entries({
      'diff.renames': 'false',
      'diff.noprefix': 'true',
      'diff.external': 'echo',
      'diff.context': '0',
      'color.ui': 'always',
      'core.quotePath': 'true',
    })) {
      r.git('config', k, v);
    }
    const { chunks } = await scan(r);
    expect(found(chunks, old1)).toEqual([]);
    expect(found(chunks, old2)).toEqual([]);
    expect(found(chunks, fresh)).toEqual([{ path: 'moved.env', line: 33 }]);
  });

  it('reports nothing for a deleted file', async () => {
    const r = repo();
    const key = keys.deepseek();
    r.commit('base', { 'old.env': `KEY=${key}\n` });
    r.git('rm', '-q', 'old.env');
    const { chunks } = await scan(r);
    expect(found(chunks, key)).toEqual([]);
  });

  it('takes an intent-to-add file (nothing staged yet) in its stride', async () => {
    const r = repo();
    r.commit('base', { 'README.md': 'hi\n' });
    const key = keys.deepseek();
    r.write('later.env', `KEY=${key}\n`).git('add', '-N', 'later.env');
    const { chunks } = await scan(r);
    expect(found(chunks, key)).toEqual([]);
    // Once really staged, it is found.
    r.git('add', 'later.env');
    expect(found((await scan(r)).chunks, key)).toEqual([{ path: 'later.env', line: 1 }]);
  });

  it('scans a staged binary file from its blob, with byte offsets', async () => {
    const r = repo();
    r.commit('base');
    const key = keys.openaiProject();
    const head = Buffer.from([0, 1, 2, 3, 0, 0xff, 0xfe, 10, 0]);
    r.write('model.bin', Buffer.concat([head, Buffer.from(`key:${key}`), Buffer.alloc(64)])).git('add', '.');
    r.write('model.bin', Buffer.alloc(100)); // the working tree copy must not be what is read
    const { chunks } = await scan(r);
    expect(found(chunks, key)).toEqual([{ path: 'model.bin', line: 2, offset: head.length + 4, binary: true }]);
  });

  it('names files with spaces, quotes, newlines, tabs, non-ASCII and a leading dash exactly', async () => {
    const r = repo();
    r.commit('base');
    const names = [
      'with space.env',
      'q"uote\\s.env',
      'new\nline.env',
      'tab\tname.env',
      'ünïcødé/文件.env',
      '-dash.env',
    ];
    const byName = new Map(names.map((n) => [n, keys.openaiProject()]));
    for (const [name, key] of byName) r.write(name, `# ${name.length}\nKEY=${key}\n`);
    r.git('add', '--', ...names);
    const { chunks } = await scan(r);
    for (const [name, key] of byName) expect(found(chunks, key)).toEqual([{ path: name, line: 2 }]);
  });

  it('with files, scans the whole staged content of exactly those files', async () => {
    const r = repo();
    const old = keys.openaiLegacy();
    const other = keys.openaiLegacy();
    r.commit('base', { 'src/a.env': `X=1\nY=2\nKEY=${old}\n`, 'b.env': `KEY=${other}\n` });
    r.write('src/a.env', `X=1\nY=2\nKEY=${old}\nZ=3\n`).git('add', '.');
    r.write('src/a.env', 'emptied in the working tree\n');
    const { chunks, ctx } = await scan(r, ['src/a.env', 'missing.env', 'src/a.env']);
    expect(found(chunks, old)).toEqual([{ path: 'src/a.env', line: 3 }]);
    expect(found(chunks, other)).toEqual([]); // not asked for
    expect(ctx.stats.skipped).toEqual({ 'not in the index': 1 });
    expect(ctx.stats.files).toBe(1);
    // Paths are taken relative to cwd, as a hook run from a subdirectory passes them.
    const ctx2 = createContext();
    const sub: Chunk[] = [];
    for await (const c of stagedSource(ctx2, { cwd: `${r.dir}/src`, files: ['a.env', '../b.env'] })) sub.push(c);
    expect(found(sub, old)).toEqual([{ path: 'src/a.env', line: 3 }]);
    expect(found(sub, other)).toEqual([{ path: 'b.env', line: 1 }]);
  });

  it('refuses a directory that is not a git repository', async () => {
    const dir = tempDir();
    try {
      const run = scan({ dir } as TempRepo);
      await expect(run).rejects.toThrow(UserError);
      await expect(run).rejects.toThrow(/^not a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when git is not on PATH', async () => {
    const r = repo();
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(scan(r)).rejects.toThrow(new UserError('git is not installed or not on PATH'));
    } finally {
      process.env.PATH = path;
    }
  });

  it('gives the real detector added lines to report and context lines to judge them by', async () => {
    const r = repo();
    const committed = keys.deepseek();
    r.commit('base', { 'svc/config.py': `# DeepSeek client\nTIMEOUT = 30\nOLD = "${committed}"\n` });
    const added = keys.deepseek();
    r.write('svc/config.py', `# DeepSeek client\nTIMEOUT = 30\nOLD = "${committed}"\nKEY = "${added}"\n`);
    r.git('add', '.');
    const detector = createDetector(loadRules());
    const findings = (await scan(r)).chunks.flatMap((c) => detector.detect(c));
    expect(findings.map((f) => [f.ruleId, f.path, f.line, f.column, f.confidence, f.secret === added])).toEqual([
      ['deepseek-api-key', 'svc/config.py', 4, 8, 'high', true], // columns are 1-based
    ]);
  });
});
