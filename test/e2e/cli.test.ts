// The keysentry command as a user runs it: real processes, real repositories, real files.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { BIN, runCli, startCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo, tempDir } from '../support/repo.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const keys = new KeyGen(2024);
const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}
afterAll(() => repos.forEach((r) => r.remove()));

interface JsonFinding {
  ruleId: string;
  provider: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  redacted: string;
  fingerprint: string;
  confidence: string;
  encoding?: string;
  commit?: string;
  author?: string;
  date?: string;
  atHead?: boolean;
  secret?: string;
}
const parse = (stdout: string) =>
  JSON.parse(stdout) as { version: number; findings: JsonFinding[]; stats: Record<string, unknown> };

describe('keysentry scan', () => {
  it('reports nothing on its own checkout', () => {
    const r = runCli(['scan', '.'], { cwd: PROJECT_ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('finds keys in files, with JSON locations, and never prints the secret by default', () => {
    const r = repo();
    const legacy = keys.openaiLegacy();
    const project = keys.openaiProject('proj');
    const deep = keys.deepseek();
    r.write('config/app.env', `# settings\nOPENAI_API_KEY=${legacy}\n`);
    r.write('src/client.py', `import os\n\nclient = OpenAI(api_key="${project}")\n`);
    r.write('deepseek.ts', `const base = 'https://api.deepseek.com';\nconst key = "${deep}";\n`);

    const json = runCli(['scan', '.', '--format', 'json'], { cwd: r.dir });
    expect(json.code).toBe(1);
    const report = parse(json.stdout);
    expect(report.version).toBe(1);
    const byPath = Object.fromEntries(report.findings.map((f) => [f.path, f]));
    expect(byPath['config/app.env']).toMatchObject({ line: 2, column: 16, endColumn: 16 + legacy.length, provider: 'openai' });
    expect(byPath['src/client.py']).toMatchObject({ line: 3, column: 26, fingerprint: fingerprint(project) });
    expect(byPath['deepseek.ts']).toMatchObject({ line: 2, provider: 'deepseek', confidence: 'high' });
    expect(byPath['deepseek.ts']!.redacted).toBe(`sk-…${deep.slice(-4)}`);
    for (const k of [legacy, project, deep]) {
      expect(json.stdout).not.toContain(k);
      expect(json.stderr).not.toContain(k);
    }

    const console = runCli(['scan'], { cwd: r.dir });
    expect(console.code).toBe(1);
    expect(console.stdout).toContain('config/app.env');
    expect(console.stdout).toContain(`sk-proj-…${project.slice(-4)}`);
    for (const k of [legacy, project, deep]) expect(console.stdout).not.toContain(k);

    const shown = parse(runCli(['scan', '--format', 'json', '--show-secrets'], { cwd: r.dir }).stdout);
    expect(shown.findings.map((f) => f.secret).sort()).toEqual([legacy, project, deep].sort());
  });

  it('exits 0 on a clean tree and reports what it scanned', () => {
    const r = repo();
    r.write('README.md', 'nothing to see: sk-your-key-here\n');
    const out = runCli(['scan', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(parse(out.stdout).stats).toMatchObject({ files: 1 });
  });

  it('shows a progress line on a terminal, and none in a pipe', () => {
    const dir = tempDir();
    // Enough bytes that the scan outlasts the 200 ms between progress lines.
    const block = Buffer.alloc(8 << 20, 'let x = 1; // filler text\n');
    for (let i = 0; i < 24; i++) writeFileSync(join(dir, `big${i}.js`), block);
    const piped = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // script(1) gives the CLI a terminal for stdout and stderr, and copies what it shows.
    const command = [process.execPath, BIN, 'scan', '.', '--format', 'json'].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\r\x1b\[2Kscanning: \d+ files, [\d.]+ MB/);
    expect(tty.stdout).toContain('"findings": []');
  });

  it('reads stdin with -', () => {
    const key = keys.openaiProject('svcacct');
    const r = runCli(['scan', '-', '--format', 'json'], { cwd: tempDir(), input: `line one\nkey: ${key}\n` });
    expect(r.code).toBe(1);
    expect(parse(r.stdout).findings[0]).toMatchObject({ path: '-', line: 2, column: 6 });
  });

  it('finds a base64-encoded key in a Kubernetes Secret and says how it was encoded', () => {
    const r = repo();
    const key = keys.deepseek();
    const encoded = Buffer.from(key).toString('base64');
    r.write('k8s/secret.yaml', `apiVersion: v1\nkind: Secret\ndata:\n  DEEPSEEK_API_KEY: ${encoded}\n`);
    const out = parse(runCli(['scan', '--format', 'json'], { cwd: r.dir }).stdout);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ line: 4, encoding: 'base64', fingerprint: fingerprint(key) });
  });

  it('writes --output whole, and fails with exit 2 for a missing directory', () => {
    const r = repo();
    r.write('a.env', `KEY=${keys.openaiLegacy()}\n`);
    const file = join(r.dir, 'report.json');
    const ok = runCli(['scan', 'a.env', '--format', 'json', '--output', file], { cwd: r.dir });
    expect(ok.code).toBe(1);
    expect(ok.stdout).toBe('');
    expect(parse(readFileSync(file, 'utf8')).findings).toHaveLength(1);

    const bad = runCli(['scan', 'a.env', '--output', join(r.dir, 'no/such/dir/report.json')], { cwd: r.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/cannot write .*report\.json/);
  });
});

describe('suppression', () => {
  it('honours keysentry:allow, config ignore globs, disabled rules and allowed fingerprints', () => {
    const r = repo();
    const allowedInline = keys.openaiLegacy();
    const ignored = keys.openaiLegacy();
    const deep = keys.deepseek();
    const known = keys.openaiProject('admin', 58);
    const reported = keys.openaiProject('proj', 58);
    r.write('inline.py', `KEY = "${allowedInline}"  # keysentry:allow test fixture\n`);
    r.write('fixtures/keys.txt', `${ignored}\n`);
    r.write('other.txt', `token ${deep}\n`);
    r.write('known.txt', `${known}\n`);
    r.write('real.txt', `${reported}\n`);
    r.write(
      '.keysentry.json',
      JSON.stringify({ ignore: ['fixtures/**'], disableRules: ['deepseek-api-key'], allowFingerprints: [fingerprint(known)] }),
    );
    const out = runCli(['scan', '--format', 'json'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(parse(out.stdout).findings.map((f) => f.path)).toEqual(['real.txt']);
    // The same config governs what the hook and the audit report.
    r.git('add', '.');
    expect(parse(runCli(['staged', '--format', 'json'], { cwd: r.dir }).stdout).findings.map((f) => f.path)).toEqual([
      'real.txt',
    ]);
    r.git('commit', '-q', '-m', 'all');
    expect(parse(runCli(['history', '--format', 'json'], { cwd: r.dir }).stdout).findings.map((f) => f.path)).toEqual([
      'real.txt',
    ]);
  });

  it('writes a baseline without secrets, then reports only new keys against it', () => {
    const r = repo();
    const old = keys.openaiLegacy();
    r.write('old.env', `KEY=${old}\n`);
    const written = runCli(['scan', '--write-baseline', 'baseline.json'], { cwd: r.dir });
    expect(written.code).toBe(0);
    const baseline = readFileSync(join(r.dir, 'baseline.json'), 'utf8');
    expect(baseline).not.toContain(old);
    expect(JSON.parse(baseline)).toMatchObject({ version: 1, findings: [{ fingerprint: fingerprint(old), path: 'old.env' }] });

    expect(runCli(['scan', '--baseline', 'baseline.json'], { cwd: r.dir }).code).toBe(0);
    const fresh = keys.openaiLegacy();
    r.write('new.env', `KEY=${fresh}\n`);
    const out = parse(runCli(['scan', '--baseline', 'baseline.json', '--format', 'json'], { cwd: r.dir }).stdout);
    expect(out.findings.map((f) => f.path)).toEqual(['new.env']);
  });
});

describe('bad input: one line on stderr, exit 2', () => {
  const cases: [string, (dir: string) => string[]][] = [
    ['an unknown flag', () => ['scan', '--no-such-flag']],
    ['an unknown command', () => ['frobnicate']],
    ['malformed config JSON', (d) => (writeFileSync(join(d, 'c.json'), '{ "ignore": [ }'), ['scan', '--config', 'c.json'])],
    ['an unknown config key', (d) => (writeFileSync(join(d, 'c.json'), '{ "ignores": [] }'), ['scan', '--config', 'c.json'])],
    ['an invalid glob', (d) => (writeFileSync(join(d, 'c.json'), '{ "ignore": ["src/{a,b"] }'), ['scan', '--config', 'c.json'])],
    [
      'an invalid custom rule regex',
      (d) => (
        writeFileSync(
          join(d, 'c.json'),
          JSON.stringify({ rules: [{ id: 'my-rule', provider: 'openai', description: 'x', regex: '(unclosed', keywords: ['sk-'] }] }),
        ),
        ['scan', '--config', 'c.json']
      ),
    ],
    ['a missing config file', () => ['scan', '--config', 'missing.json']],
    ['a baseline from a future version', (d) => (writeFileSync(join(d, 'b.json'), '{ "version": 99, "findings": [] }'), ['scan', '--baseline', 'b.json'])],
    ['staged outside a git repository', () => ['staged']],
    ['history outside a git repository', () => ['history']],
    ['a path that does not exist', () => ['scan', 'no-such-path']],
  ];
  it.each(cases)('%s', (_, args) => {
    const dir = tempDir();
    const r = runCli(args(dir), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^keysentry: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the rule id of a bad custom rule', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ rules: [{ id: 'my-rule', provider: 'openai', description: 'x', regex: '(unclosed', keywords: ['sk-'] }] }),
    );
    expect(runCli(['scan', '--config', 'c.json'], { cwd: dir }).stderr).toContain('my-rule');
  });
});

describe('keysentry staged and history', () => {
  it('staged: reports a key in the index with its staged line number', () => {
    const r = repo();
    const key = keys.openaiProject();
    r.commit('init', { 'app.py': 'print(1)\n' });
    r.write('app.py', `print(1)\nprint(2)\nKEY = "${key}"\n`);
    r.git('add', 'app.py');
    const out = runCli(['staged', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(parse(out.stdout).findings[0]).toMatchObject({ path: 'app.py', line: 3, column: 8 });
    const human = runCli(['staged'], { cwd: r.dir });
    expect(human.stdout).toContain('keysentry:allow');
    expect(human.stdout).toContain('--no-verify');
    expect(human.stdout).not.toContain(key);
  });

  it('staged: short, long, =value and negated spellings of the options read the same, and errors are one line', () => {
    const r = repo();
    r.commit('init', { 'a.env': 'A=1\n' });
    r.write('a.env', `A=1\nKEY=${keys.openaiLegacy()}\n`).git('add', 'a.env');
    const lean = runCli(['staged', '-f', 'json', '--fail-on', 'any', '--', 'a.env'], { cwd: r.dir });
    // --no-show-secrets: a negation node:util's parseArgs (Node 20) knows nothing of.
    const full = runCli(['staged', '--no-show-secrets', '--format=json', 'a.env'], { cwd: r.dir });
    expect(lean.code).toBe(1);
    expect(full.code).toBe(1);
    const located = (out: string) => parse(out).findings.map((f) => [f.path, f.line, f.column, f.fingerprint]);
    expect(located(lean.stdout)).toEqual(located(full.stdout));
    for (const bad of [['--format', 'xml'], ['--bogus'], ['--fail-on']]) {
      const out = runCli(['staged', ...bad], { cwd: r.dir });
      expect(out.code, bad.join(' ')).toBe(2);
      expect(out.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
    }
  });

  it('history: one finding per key and path, at the commit that put it there, even after deletion', () => {
    const r = repo();
    const key = keys.openaiLegacy();
    r.commit('init', { 'README.md': 'hello\n' });
    const intro = r.commit('add config', { 'settings.env': `OPENAI_API_KEY=${key}\n` });
    r.commit('touch', { 'README.md': 'hello again\n', 'settings.env': `OPENAI_API_KEY=${key}\nX=1\n` });
    const copy = r.commit('copy', { 'copy.env': `OPENAI_API_KEY=${key}\n` });
    r.git('rm', '-q', 'settings.env', 'copy.env');
    r.commit('remove the key');
    const out = runCli(['history', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(1);
    const { findings } = parse(out.stdout);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ path: 'copy.env', line: 1, commit: copy, atHead: false });
    expect(findings[1]).toMatchObject({ path: 'settings.env', line: 1, commit: intro, author: 'Test Author', atHead: false });
    expect(existsSync(join(r.dir, 'settings.env'))).toBe(false);
  });
});

describe('the command line: every mistake is one line that says what would be right', () => {
  const oneLine = (r: { code: number | null; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keysentry: [^\n]+\n$/);
    return r.stderr;
  };

  it.each([
    [['scan', '--format', 'xml', '.'], '--format must be one of console, json, sarif, github (got "xml")'],
    [['scan', '--fail-on', 'never', '.'], '--fail-on must be one of any, live (got "never")'],
    [['history', '-f', 'yaml'], '--format must be one of console, json, sarif, github (got "yaml")'],
    [['verify', '--format', 'sarif'], '--format must be one of console, json (got "sarif")'],
  ])('%j names the valid values', (args, message) => {
    expect(oneLine(runCli(args, { cwd: tempDir() }))).toContain(message);
  });

  it('boolean flags take true or false, nothing else', () => {
    const dir = tempDir();
    expect(oneLine(runCli(['scan', '--verify=maybe', '.'], { cwd: dir }))).toContain('--verify takes no value, or true or false (got "maybe")');
    expect(runCli(['scan', '--verify=false', '--show-secrets=true', '--ignore=false', '.'], { cwd: dir }).code).toBe(0);
  });

  it('an unknown flag is named once, as typed', () => {
    const dir = tempDir();
    const r = oneLine(runCli(['staged', '--no-ignore'], { cwd: dir }));
    expect(r.match(/no-ignore/g)).toHaveLength(1);
    expect(r).not.toContain('noIgnore');
    expect(oneLine(runCli(['scan', '--bogus=sk-not-a-flag', '.'], { cwd: dir }))).toContain('unknown option --bogus for keysentry scan');
  });

  it("-h and --help work everywhere, exit 0, and list each command's own options with a description", () => {
    const dir = tempDir();
    for (const args of [['-h'], ['--help'], ['help'], ['help', 'verify']]) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^Usage: keysentry /);
    }
    for (const [i, command] of ['scan', 'staged', 'history', 'verify', 'init'].entries()) {
      for (const flag of [i % 2 ? '-h' : '--help']) {
        const r = runCli([command, flag], { cwd: dir });
        expect(r.code, `${command} ${flag}`).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: keysentry ${command}`));
        const options = r.stdout.slice(r.stdout.indexOf('Options:\n') + 9).trimEnd().split('\n');
        // Every option line: the flag, two spaces or more, a description.
        for (const line of options) expect(line, `${command}: ${line}`).toMatch(/^ {2}(-\w, | {4})--[\w-]+.*\S {2,}\S/);
      }
    }
    const verify = runCli(['verify', '--help'], { cwd: dir }).stdout;
    expect(verify).toMatch(/^Usage: keysentry verify \[options\]$/m);
    expect(verify).not.toMatch(/^ {2}(-\w, | {4})--(output|sarif|verify|args)\b/m);
    expect(runCli(['init', '--help'], { cwd: dir }).stdout).not.toContain('--format');
  });

  it('-o with an empty name is an error, not a report on stdout', () => {
    const r = runCli(['scan', '-o', '', '.'], { cwd: tempDir() });
    expect(oneLine(r)).toContain('--output needs a value');
    expect(r.stdout).toBe('');
  });
});

describe('what a scan prints', () => {
  it('--quiet: nothing when clean, the one-line summary otherwise', () => {
    const r = repo();
    r.write('a.txt', 'nothing here\n');
    expect(runCli(['scan', '--quiet', '.'], { cwd: r.dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    r.write('b.env', `KEY=${keys.openaiLegacy()}\n`);
    const found = runCli(['scan', '-q', '.'], { cwd: r.dir });
    expect(found).toEqual({ code: 1, stdout: '1 finding (1 distinct key)\n', stderr: '' });
  });

  it('-o FILE: one summary line on stderr, nothing on stdout', () => {
    const r = repo();
    r.write('b.env', `KEY=${keys.openaiLegacy()}\n`);
    const out = runCli(['scan', '.', '-f', 'json', '-o', 'report.json'], { cwd: r.dir });
    expect(out).toEqual({ code: 1, stdout: '', stderr: 'keysentry: 1 finding (1 distinct key); report written to report.json\n' });
    expect(parse(readFileSync(join(r.dir, 'report.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('-o through a symlink to a file not yet there writes the file, and the link stays a link', () => {
    const dir = tempDir();
    symlinkSync('reports/now.json', join(dir, 'latest.json'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'a.txt'), 'clean\n');
    const r = runCli(['scan', 'a.txt', '-f', 'json', '-o', 'latest.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(parse(readFileSync(join(dir, 'reports', 'now.json'), 'utf8')).findings).toEqual([]);
  });

  it('says what was skipped as "reason (count)"', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'clean\n');
    symlinkSync('a.txt', join(dir, 'b.txt'));
    symlinkSync('a.txt', join(dir, 'c.txt'));
    expect(runCli(['scan', '.'], { cwd: dir }).stdout).toContain('Skipped: symlink inside root (2).');
  });
});

describe('stdout that cannot be written', () => {
  // bash, for PIPESTATUS: the exit status of keysentry, not of the reader.
  function pipe(dir: string, args: string[], into: string) {
    const command = `${[process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')} 2>err.txt ${into}; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: Number(r.stdout.trim().split('\n').at(-1)), stderr: readFileSync(join(dir, 'err.txt'), 'utf8') };
  }

  it('a reader that stops reading: quiet, with the exit code the scan would have had', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'clean\n');
    expect(pipe(dir, ['scan', 'a.txt', '--format', 'json'], '| true')).toEqual({ code: 0, stderr: '' });
    // A report of some megabytes, of which `head` reads one line.
    writeFileSync(join(dir, 'keys.env'), Array.from({ length: 3000 }, () => `K=${keys.deepseek()}\n`).join(''));
    expect(pipe(dir, ['scan', 'keys.env', '--format', 'json'], '| head -c 10 >/dev/null')).toEqual({ code: 1, stderr: '' });
    expect(pipe(dir, ['scan', 'keys.env'], '| head -1 >/dev/null')).toEqual({ code: 1, stderr: '' });
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk: exit 2, one line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'clean\n');
    expect(pipe(dir, ['scan', 'a.txt', '--format', 'json'], '>/dev/full')).toEqual({
      code: 2,
      stderr: 'keysentry: cannot write to stdout: no space left on the device\n',
    });
  });
});

describe('the config and its custom rules', () => {
  const rule = { id: 'my-rule', provider: 'openai', description: 'x', regex: '(zz-[a-z]{20})', secretGroup: 1, keywords: ['zz-'], entropy: 0, confidence: 'low' };
  function scanWith(config: string | Buffer, files: Record<string, string> = { 'a.txt': 'clean\n' }) {
    const dir = tempDir();
    writeFileSync(join(dir, '.keysentry.json'), config);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return { ...runCli(['scan', ...Object.keys(files)], { cwd: dir }), dir };
  }
  const userError = (r: { code: number | null; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keysentry: config \S*\.keysentry\.json[^\n]*\n$/);
    expect(r.stderr).not.toContain('internal error');
    return r.stderr;
  };

  it('invalid JSON: the whole message, with line and column', () => {
    const r = userError(scanWith('{\n  "ignore": ["a"\n  "rules": []\n}\n'));
    expect(r).toContain("is not valid JSON: Expected ',' or ']' after array element (line 3, column 3)");
    expect(userError(scanWith('{"ignore": [x]}'))).toMatch(/is not valid JSON: Unexpected token 'x'\n$/);
  });

  it('a rule with a missing or wrong field names the rule and the field', () => {
    const { provider: _, ...noProvider } = rule;
    expect(userError(scanWith(JSON.stringify({ rules: [noProvider] })))).toContain('rule "my-rule": "provider" must be one of openai, deepseek');
    expect(userError(scanWith(JSON.stringify({ rules: [{ ...rule, entropy: 'high' }] })))).toContain('rule "my-rule": "entropy"');
  });

  it('a rule may not take the id of a built-in rule', () => {
    const r = userError(scanWith(JSON.stringify({ rules: [{ ...rule, id: 'deepseek-api-key' }] })));
    expect(r).toContain('rule "deepseek-api-key" has the id of a built-in rule');
  });

  it('disableRules must name rules that exist', () => {
    expect(userError(scanWith(JSON.stringify({ disableRules: ['deepseek-key'] })))).toContain('"disableRules" names no rule "deepseek-key"');
    const key = keys.deepseek();
    const off = scanWith(JSON.stringify({ disableRules: ['deepseek-api-key'] }), { 'a.env': `K=${key}\n` });
    expect(off.code).toBe(0);
  });

  it('a config saved with a UTF-8 byte order mark is read', () => {
    const key = keys.deepseek();
    const r = scanWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ allowFingerprints: [fingerprint(key)] }))]), { 'a.env': `K=${key}\n` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a custom rule runs in linear time whatever its pattern, and still finds what it matches', () => {
    // Exponential on a backtracking engine: (a+)+ before a $ that cannot match.
    const evil = { ...rule, id: 'evil', regex: '(zz-(a+)+)$', keywords: ['zz-'] };
    const lines = `zz-${'a'.repeat(40)}!\n`.repeat(1000);
    const r = scanWith(JSON.stringify({ rules: [evil, rule] }), { 'a.txt': lines, 'b.txt': `x zz-${keys.chars('lower', 20)}\n` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/my-rule[\s\S]*b\.txt/);
    expect(r.stdout).not.toContain('a.txt');
  });

  it('a pattern the linear-time engine cannot run (a lookahead) is refused, naming the rule and the field', () => {
    const r = userError(scanWith(JSON.stringify({ rules: [{ ...rule, regex: '(zz-[a-z]{20})(?![a-z])' }] })));
    expect(r).toContain('rule "my-rule": invalid "regex"');
    expect(r).toContain('no lookaheads');
  });

  it.skipIf(process.platform !== 'linux')('SIGTERM ends a scan that is busy with a custom rule: exit 143, no report', async () => {
    const dir = tempDir();
    const evil = { ...rule, id: 'evil', regex: '(zz-(a+)+)$' };
    writeFileSync(join(dir, '.keysentry.json'), JSON.stringify({ rules: [evil] }));
    const line = `zz-${'a'.repeat(40)}!\n`;
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `f${i}.txt`), line.repeat(200_000));
    const running = startCli(['scan', '.', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    // Signal once the process has spent 1.5 s of CPU (start-up takes a fraction of that): it is
    // then inside the rule, where a backtracking engine never returns to the event loop.
    const cpuSeconds = () => {
      const fields = readFileSync(`/proc/${running.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    while (cpuSeconds() < 1.5 && running.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running.child.exitCode).toBe(null);
    running.child.kill('SIGTERM');
    const result = await running.done;
    expect(result.code).toBe(143);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });
});
